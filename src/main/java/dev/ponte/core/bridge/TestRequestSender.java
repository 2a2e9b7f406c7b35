package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * "Send test request": for each rule set the request it matches ({@link TestRequest#make}), plus one that matches no
 * rule set, sent from inside the connection's network — from Cargo, through the tunnel, to the workload's Service, as
 * a client in the cluster would. Who answered is measured, not guessed: while a request is out, a counting rule in
 * Cargo ({@code iptables} FORWARD, in from {@code wg0} to the local container's address and port, no target) counts
 * the packets Stowaway's proxy route brings to the local container; any packet means the local container answered,
 * none and an HTTP answer means the cluster did. The request goes over bash's {@code /dev/tcp} (both upstream's Cargo
 * and the rig's have bash), its bytes passed as an argument, never through a shell string.
 */
public final class TestRequestSender {
    static final Duration EXEC = Duration.ofSeconds(15);
    static final int MAX_RESPONSE = 4096;
    static final String NO_MATCH_PATH = "/ponte-test-request-no-rule-matches";
    private static final Map<String, ReentrantLock> PER_CARGO = new ConcurrentHashMap<>();

    /** Who answered a request. */
    public enum Answer { LOCAL, CLUSTER, NONE }

    /**
     * One request sent.
     *
     * @param label       "rule set 1" or "no rule set"
     * @param shouldMatch whether the bridge's rules match it (so the local container should answer)
     * @param request     the request as a curl line (to run again by hand)
     * @param status      the HTTP status, 0 when there was no answer
     * @param lines       the first lines of the answer (status line, a few headers and body lines), redacted
     * @param answer      who answered, as measured in Cargo
     * @param expected    who should answer: the local container for a matching request once the bridge is active,
     *                    else the cluster
     * @param evidence    how that was decided, in words
     */
    public record Shot(String label, boolean shouldMatch, String request, int status, List<String> lines, Answer answer,
                       Answer expected, String evidence) {
        public Shot {
            lines = List.copyOf(lines);
        }

        public boolean asExpected() {
            return answer == expected;
        }

        /** "rule set 1: 200 from your container (expected)" */
        public String summary() {
            String who = switch (answer) {
                case LOCAL -> "your container";
                case CLUSTER -> "the cluster";
                case NONE -> "nobody";
            };
            return label + ": " + (status == 0 ? "no answer" : String.valueOf(status)) + " from " + who
                    + (asExpected() ? " (as expected)" : expected == Answer.LOCAL ? " (expected your container)"
                    : expected == Answer.CLUSTER ? " (expected the cluster)" : "");
        }
    }

    /**
     * Where to send.
     *
     * @param host      the Service's name, {@code <service>.<namespace>.svc.cluster.local}
     * @param port      the Service's port in front of the bridged container port
     * @param localIp   the local container's address on the connection network
     * @param localPort its port the bridge sends to
     */
    public record Target(String host, int port, String localIp, int localPort) {
    }

    private final Engines engines;
    private final Clusters clusters;
    private final Connection connection;

    public TestRequestSender(Engines engines, Clusters clusters, Connection connection) {
        this.engines = engines;
        this.clusters = clusters;
        this.connection = connection;
    }

    /** For an existing bridge: its workload's Service port for the bridged port, its local container. */
    public Operation<List<Shot>> send(Bridge bridge) {
        return (progress, cancel) -> {
            progress.step("Find the workload's Service", 1, 2);
            Target target;
            try (ClusterSession session = clusters.open(connection.context())) {
                BridgeMount m = session.gefyra().mount(bridge.mount()).orElseThrow(() -> refused("The bridge's mount "
                        + bridge.mount() + " is gone.", "Unbridge, then bridge again."));
                int[] ports = ports(bridge);
                target = target(session.inspector(), m.targetNamespace(), kindOf(m), m.workloadName(), ports[1],
                        bridge.destinationIp(), ports[0]);
            }
            progress.step("Send the requests through Cargo", 2, 2);
            return send(bridge.rules(), target, bridge.active(), cancel);
        };
    }

    /**
     * For the bridge wizard, before or after the bridge exists.
     *
     * @param bridged whether the bridge is active (matching requests should reach the local container), or not yet
     */
    public Operation<List<Shot>> send(MatchRules rules, String namespace, WorkloadKind kind, String workload, int remotePort,
                                      String localIp, int localPort, boolean bridged) {
        return (progress, cancel) -> {
            progress.step("Find the workload's Service", 1, 2);
            Target target;
            try (ClusterSession session = clusters.open(connection.context())) {
                target = target(session.inspector(), namespace, kind, workload, remotePort, localIp, localPort);
            }
            progress.step("Send the requests through Cargo", 2, 2);
            return send(rules, target, bridged, cancel);
        };
    }

    static Target target(WorkloadInspector inspector, String namespace, WorkloadKind kind, String workload, int remotePort,
                         String localIp, int localPort) {
        WorkloadInspector.ServicePort sp = inspector.services(namespace, kind, workload).stream()
                .filter(p -> p.targetPort() == remotePort).findFirst()
                .orElseThrow(() -> refused("No Service in " + namespace + " sends to port " + remotePort + " of " + workload
                        + ", so there is nothing to send a test request to.", "Test with a request to the pod instead (kubectl port-forward)."));
        return new Target(sp.service() + "." + namespace + ".svc.cluster.local", sp.port(), localIp, localPort);
    }

    /** Sends every request; blocking. {@code bridged}: matching requests should reach the local container. */
    public List<Shot> send(MatchRules rules, Target target, boolean bridged, CancellationToken cancel) {
        ReentrantLock lock = PER_CARGO.computeIfAbsent(connection.cargoName(), c -> new ReentrantLock());
        lock.lock();
        try (ContainerEngine engine = engines.open()) {
            Cargo cargo = new Cargo(engine, connection.cargoName());
            String ip = cargo.resolve(target.host());
            List<Shot> shots = new ArrayList<>();
            for (int i = 0; i < rules.sets().size(); i++) {
                cancel.throwIfCancelled();
                TestRequest.Made made = TestRequest.make(rules.sets().get(i));
                String label = "rule set " + (i + 1);
                if (!made.sendable() || unsafe(made)) {
                    shots.add(new Shot(label, true, TestRequest.curl(made.headers(), base(target), made.path()), 0, List.of(),
                            Answer.NONE, Answer.NONE, made.missing().isEmpty() ? "not sent: no single request satisfies this rule set as written"
                            : "not sent: Ponte cannot make up " + String.join(" and ", made.missing())));
                    continue;
                }
                shots.add(shot(cargo, label, true, made.path(), made.headers(), target, ip, bridged ? Answer.LOCAL : Answer.CLUSTER));
            }
            cancel.throwIfCancelled();
            String path = Carrier2Matching.matches(rules, "/", List.of()) ? NO_MATCH_PATH : "/";
            if (Carrier2Matching.matches(rules, path, List.of())) {
                shots.add(new Shot("no rule set", false, TestRequest.curl(List.of(), base(target), path), 0, List.of(), Answer.NONE,
                        Answer.NONE, "not sent: these rules match every request (a path prefix /), so none goes to the cluster"));
            } else {
                shots.add(shot(cargo, "no rule set", false, path, List.of(), target, ip, Answer.CLUSTER));
            }
            return shots;
        } finally {
            lock.unlock();
        }
    }

    private static String base(Target t) {
        return "http://" + t.host() + ":" + t.port();
    }

    private static boolean unsafe(TestRequest.Made made) {
        return made.path().chars().anyMatch(c -> c <= ' ') || made.headers().stream()
                .anyMatch(h -> (h.getKey() + h.getValue()).chars().anyMatch(c -> c == '\r' || c == '\n'));
    }

    private static Shot shot(Cargo cargo, String label, boolean shouldMatch, String path, List<Map.Entry<String, String>> headers,
                             Target target, String ip, Answer expected) {
        StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(target.host()).append(':')
                .append(target.port()).append("\r\n");
        headers.forEach(h -> req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        req.append("User-Agent: ponte-test-request\r\nConnection: close\r\n\r\n");
        String curl = TestRequest.curl(headers, base(target), path);
        boolean started = cargo.startCounting(target.localIp(), target.localPort());
        long before = started ? cargo.count(target.localIp(), target.localPort()) : -1;
        boolean counting = started && before >= 0;
        ContainerEngine.ExecResult r;
        long after;
        try {
            r = cargo.request(ip, target.port(), req.toString());
        } finally {
            after = counting ? cargo.count(target.localIp(), target.localPort()) : -1;
            if (started) {
                cargo.stopCounting(target.localIp(), target.localPort());
            }
        }
        List<String> lines = firstLines(r.output());
        int status = status(lines);
        Answer answer;
        String evidence;
        if (counting && after > before) {
            answer = Answer.LOCAL;
            evidence = (after - before) + " packets went from the tunnel to " + target.localIp() + ":" + target.localPort()
                    + " while the request was out";
        } else if (status > 0) {
            answer = Answer.CLUSTER;
            evidence = counting ? "no packet reached " + target.localIp() + ":" + target.localPort() + "; the answer came from the cluster"
                    : "answered; Cargo could not count packets (no iptables), so it is taken to be the cluster";
        } else {
            answer = Answer.NONE;
            evidence = "no HTTP answer (exit " + r.exitCode() + ")" + (r.output().isBlank() ? "" : ": " + lines);
        }
        return new Shot(label, shouldMatch, curl, status, lines, answer, expected, evidence);
    }

    static int status(List<String> lines) {
        if (!lines.isEmpty() && lines.getFirst().startsWith("HTTP/")) {
            String[] f = lines.getFirst().split(" ");
            if (f.length > 1 && f[1].matches("\\d{3}")) {
                return Integer.parseInt(f[1]);
            }
        }
        return 0;
    }

    /** The status line, up to three headers and up to four body lines, redacted. */
    static List<String> firstLines(String response) {
        List<String> out = new ArrayList<>();
        String[] all = response.replace("\r", "").split("\n", -1);
        int headers = 0;
        int body = 0;
        boolean inBody = false;
        for (int i = 0; i < all.length; i++) {
            String l = all[i];
            if (i == 0) {
                if (!l.isBlank()) {
                    out.add(Redactor.redact(l));
                }
            } else if (!inBody && l.isEmpty()) {
                inBody = true;
            } else if (!inBody && headers < 3) {
                out.add(Redactor.redact(l));
                headers++;
            } else if (inBody && !l.isBlank() && body < 4) {
                out.add(Redactor.redact(l.length() > 200 ? l.substring(0, 199) + "…" : l));
                body++;
            }
        }
        return out;
    }

    static int[] ports(Bridge b) {
        if (b.portMappings().isEmpty()) {
            throw refused("The bridge has no port mapping.", "Unbridge, then bridge again.");
        }
        String[] f = b.portMappings().getFirst().split(":");
        return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    }

    static WorkloadKind kindOf(BridgeMount m) {
        String k = m.target().contains("/") ? m.target().substring(0, m.target().indexOf('/')).toLowerCase(Locale.ROOT) : "";
        return switch (k) {
            case "statefulset", "sts", "statefulsets" -> WorkloadKind.STATEFUL_SET;
            case "deployment", "deploy", "deployments" -> WorkloadKind.DEPLOYMENT;
            default -> throw refused("The bridge's mount targets " + m.target() + ", which has no Service Ponte can find.",
                    "Send a request to it by hand.");
        };
    }

    private static PonteException refused(String detail, String advice) {
        return new PonteException(new Problem(Problem.Kind.REFUSED, "Cannot send a test request", detail, advice));
    }

    /** The commands in Cargo. */
    private record Cargo(ContainerEngine engine, String name) {
        ContainerEngine.ExecResult exec(String... command) {
            return engine.exec(name, EXEC, command);
        }

        String resolve(String host) {
            if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return host;
            }
            ContainerEngine.ExecResult r = exec("nslookup", host, Gefyra.STOWAWAY_IP);
            boolean named = false;
            for (String line : r.output().split("\n")) {
                String l = line.trim();
                if (l.startsWith("Name:")) {
                    named = true;
                } else if (named && l.startsWith("Address")) {
                    String v = l.substring(l.indexOf(':') + 1).trim();
                    return v.contains(" ") ? v.substring(0, v.indexOf(' ')) : v;
                }
            }
            throw new PonteException(new Problem(Problem.Kind.UNREACHABLE, "The Service's name does not resolve",
                    host + " has no address through Stowaway's DNS (" + Gefyra.STOWAWAY_IP + ").",
                    "Run the diagnostics: the DNS line says why."));
        }

        boolean startCounting(String ip, int port) {
            return exec(rule("-I", ip, port)).exitCode() == 0;
        }

        void stopCounting(String ip, int port) {
            exec(rule("-D", ip, port));
        }

        private static String[] rule(String op, String ip, int port) {
            return op.equals("-I") ? new String[] {"iptables", "-I", "FORWARD", "1", "-i", "wg0", "-d", ip, "-p", "tcp", "--dport",
                    String.valueOf(port)} : new String[] {"iptables", "-D", "FORWARD", "-i", "wg0", "-d", ip, "-p", "tcp", "--dport",
                    String.valueOf(port)};
        }

        /** Packets the counting rule saw (the first column of {@code iptables -L FORWARD -v -x -n}). */
        long count(String ip, int port) {
            for (String line : exec("iptables", "-L", "FORWARD", "-v", "-x", "-n").output().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 8 && f[0].matches("\\d+") && line.contains(" wg0 ") && line.contains(ip)
                        && line.contains("dpt:" + port) && !line.contains("ACCEPT") && !line.contains("DROP")) {
                    return Long.parseLong(f[0]);
                }
            }
            return -1;
        }

        ContainerEngine.ExecResult request(String ip, int port, String request) {
            return exec("timeout", "10", "bash", "-c", "exec 3<>/dev/tcp/\"$1\"/\"$2\" || exit 7; printf '%s' \"$3\" >&3; "
                    + "head -c " + MAX_RESPONSE + " <&3", "test-request", ip, String.valueOf(port), request);
        }
    }
}
