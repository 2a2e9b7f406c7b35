package dev.ponte.core.run;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.ContainerDetails;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.port.WorkloadInspector.EnvResolution;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Poll;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's {@code gefyra run} (client/gefyra/api/run.py, shared/gefyra-protocol.md 6): probe the
 * tunnel, copy the environment of a workload container, start the container on the connection's
 * network with Stowaway's DNS and the cluster's search domains, make Cargo its default gateway,
 * and re-point this machine's bridges that target a container of the same name.
 */
public final class RunOperation implements Operation<RunResult> {
    private static final Logger LOG = LoggerFactory.getLogger(RunOperation.class);

    static final String TUNNEL = "Check the tunnel";
    static final String ENV = "Copy the environment";
    static final String START = "Start the container";
    static final String RUNNING = "Wait until it runs";
    static final String GATEWAY = "Route it through Cargo";
    static final String BRIDGES = "Re-point its bridges";
    static final List<String> STEPS = List.of(TUNNEL, ENV, START, RUNNING, GATEWAY, BRIDGES);

    /** Upstream waits 10 s for {@code running} (client/gefyra/api/run.py). */
    static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(15);
    /** The tunnel check: longer than WireGuard's 15 s before it shakes hands again with a peer that stopped answering. */
    private static final Duration TUNNEL_TIMEOUT = Duration.ofSeconds(25);
    private static final Duration POLL = Duration.ofMillis(200);

    private final RunRequest request;
    private final ContainerEngine engine;
    private final GefyraCluster cluster;
    private final WorkloadInspector inspector;
    private final Consumer<StepEvent> stepListener;
    private final Clock clock;

    public RunOperation(RunRequest request, ContainerEngine engine, GefyraCluster cluster, WorkloadInspector inspector,
                        Consumer<StepEvent> stepListener, Clock clock) {
        this.request = request;
        this.engine = engine;
        this.cluster = cluster;
        this.inspector = inspector;
        this.stepListener = stepListener;
        this.clock = clock;
    }

    /** Upstream's DNS search list for a namespace. */
    public static List<String> dnsSearch(String namespace) {
        return List.of(namespace + ".svc.cluster.local", "svc.cluster.local", "cluster.local", "k8s");
    }

    @Override
    public RunResult run(Progress progress, CancellationToken cancel) throws Exception {
        Connection conn = request.connection();
        Steps steps = new Steps(STEPS, stepListener, progress, cancel, clock);
        boolean[] created = {false};
        try {
            steps.run(TUNNEL, step -> {
                // Pings of 2 s each for up to 20 s, ending at the first answer: one lost packet (a busy machine, a lossy
                // VPN) does not fail the Run, nor does a tunnel whose session Stowaway has forgotten (it restarted): then
                // WireGuard starts a new handshake only once 15 s of sent packets went unanswered.
                ExecResult ping = engine.exec(conn.cargoName(), TUNNEL_TIMEOUT, "timeout", "22", "sh", "-c",
                        "i=0; while [ $i -lt 10 ]; do timeout 2 ping -c 1 \"$0\" >/dev/null 2>&1 && exit 0; i=$((i+1)); done;"
                                + " exit 1", Gefyra.STOWAWAY_IP);
                if (ping.exitCode() != 0) {
                    throw new PonteException(new Problem(Problem.Kind.UNREACHABLE, "The tunnel is down",
                            "Stowaway (" + Gefyra.STOWAWAY_IP + ") does not answer through " + conn.cargoName() + ".",
                            "Wait until the connection shows Connected, or disconnect and connect again."));
                }
                return Gefyra.STOWAWAY_IP + " answers";
            });
            Map<String, String> env = new LinkedHashMap<>();
            EnvResolution[] resolution = new EnvResolution[1];
            if (request.envFrom() != null) {
                steps.run(ENV, step -> {
                    RunRequest.EnvFrom from = request.envFrom();
                    resolution[0] = inspector.environment(from.namespace(), from.kind(), from.workload(), from.container(), cancel);
                    env.putAll(resolution[0].values());
                    // The pod's own host name would name the local container after the pod; Docker sets its own.
                    env.remove("HOSTNAME");
                    int problems = resolution[0].problems().size();
                    return resolution[0].values().size() + " values from " + resolution[0].source()
                            + (problems == 0 ? "" : "; " + problems + " could not be read");
                });
            }
            env.putAll(request.env());
            String name = request.name();
            steps.run(START, step -> {
                Optional<ContainerDetails> old = engine.inspect(name);
                if (old.isPresent()) {
                    throw new PonteException(new Problem(Problem.Kind.REFUSED, "Name taken",
                            "A container named " + name + " exists already (" + old.get().state() + ").",
                            "Choose another name, or remove that container first."));
                }
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put(RunLabels.CREATED_BY, "true");
                labels.put(RunLabels.BRIDGE_ID, HexFormat.of().formatHex(uuidBytes()));
                labels.put(RunLabels.MANAGED_BY, Gefyra.MANAGED_BY_PONTE);
                labels.put(RunLabels.CONNECTION, conn.name());
                engine.create(new RunSpec(name, request.image(), request.command(), env, labels, request.mounts(),
                        conn.networkName(), List.of(Gefyra.STOWAWAY_IP), dnsSearch(request.namespace()), request.ports(),
                        request.autoRemove(), request.nanoCpus(), request.memoryBytes()));
                created[0] = true;
                engine.start(name);
                return name + " on " + conn.networkName();
            });
            ContainerDetails[] running = new ContainerDetails[1];
            steps.run(RUNNING, step -> {
                running[0] = Poll.until(name + " to run", () -> {
                    Optional<ContainerDetails> d = engine.inspect(name);
                    if (d.isEmpty()) {
                        throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "The container is gone",
                                name + " ended and was removed right after it started (auto-remove).",
                                "Run it without auto-remove and open its logs to see why it stops."));
                    }
                    if (!d.get().running() && !"created".equals(d.get().state())) {
                        throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "The container stopped",
                                name + " stopped right after it started (exit code " + d.get().exitCode() + ").",
                                "Open its logs to see why; check the command and the image."));
                    }
                    return d.get().running() ? d.get() : null;
                }, RUNNING_TIMEOUT, POLL, cancel);
                return "running at " + ip(running[0]);
            });
            steps.run(GATEWAY, step -> {
                ExecResult r = engine.exec(conn.cargoName(), EXEC_TIMEOUT, "bash", "patchContainerGateway.sh", name,
                        conn.cargoIp());
                if (r.exitCode() != 0) {
                    throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "Could not route the container through Cargo",
                            "Cargo's gateway step for " + name + " exited with " + r.exitCode() + ": " + tail(r.output()),
                            "Cargo needs the engine socket and the host's PID namespace; reconnect, then run again."));
                }
                return "default route via " + conn.cargoIp();
            });
            List<String> repointed = new ArrayList<>();
            String ip = ip(running[0]);
            List<Bridge> mine = cluster.bridges(Map.of(RunLabels.BRIDGE_CLIENT, conn.clientId(),
                    RunLabels.BRIDGE_CLIENT_CONTAINER, name));
            List<Bridge> stale = mine.stream().filter(b -> !ip.equals(b.destinationIp())).toList();
            if (!stale.isEmpty()) {
                steps.run(BRIDGES, step -> {
                    for (Bridge b : stale) {
                        cluster.setBridgeDestination(b.name(), ip);
                        repointed.add(b.name());
                    }
                    return repointed.size() + " bridge(s) now point at " + ip;
                });
            } else {
                steps.skipRest("no bridges to re-point");
            }
            cancel.throwIfCancelled(); // a Cancel during the last step still undoes the run
            LocalContainer c = LocalContainers.of(running[0], conn.networkName());
            return new RunResult(c, resolution[0] == null ? null : resolution[0].source(),
                    resolution[0] == null ? List.of() : resolution[0].problems(), repointed);
        } catch (Exception e) {
            steps.skipRest(cancel.isCancelled() ? "cancelled" : "stopped after a failure");
            List<String> undone = new ArrayList<>();
            List<String> left = new ArrayList<>();
            if (created[0]) {
                progress.undoing(1, "remove container " + request.name());
                try {
                    engine.remove(request.name());
                    undone.add("container " + request.name());
                } catch (RuntimeException undo) {
                    LOG.warn("Could not remove {} after a failed run: {}", request.name(), undo.toString());
                    left.add("container " + request.name() + ": " + dev.ponte.core.task.ErrorAdvice.explain(undo,
                            "the container engine").detail());
                }
                progress.undoing(0, "");
            }
            if (cancel.isCancelled()) {
                throw new dev.ponte.core.task.OperationCancelledException(undone, left);
            }
            throw e;
        }
    }

    private String ip(ContainerDetails d) {
        String ip = d.ips().get(request.connection().networkName());
        if (ip == null || ip.isEmpty()) {
            throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "Not on the connection's network",
                    d.name() + " has no address on " + request.connection().networkName() + ".",
                    "Remove it and run it again from Ponte."));
        }
        return ip;
    }

    private static byte[] uuidBytes() {
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return b.array();
    }

    private static String tail(String output) {
        String t = output == null ? "" : output.strip();
        return t.length() > 300 ? "…" + t.substring(t.length() - 300) : t;
    }
}
