package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.lifecycle.ConnectionRequest;
import dev.ponte.core.lifecycle.UpOperation;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.docker.DockerEngine;
import dev.ponte.kube.gefyra.Fabric8GefyraCluster;
import dev.ponte.wireguard.Cmd;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 18: {@code scripts/demo --rig-only} started where Podman's socket does not answer starts Podman's service
 * itself; stopped (SIGTERM to the script, or SIGINT to its whole process group as a terminal's Ctrl+C sends it) while
 * a connection is up, it ends within {@value #BOUND_SECONDS} s, its Podman service is gone and nothing of the demo
 * is left: no container, network, network namespace, link, route, process, socket or file.
 *
 * <p>The socket that does not answer is a private one ({@code PONTE_DEMO_PODMAN_SOCKET} in a fresh folder), so the
 * Podman service CI runs for the other tests on /run/podman/podman.sock is never touched; the test checks it still
 * answers afterwards. Both services share Podman's store, so the test's own {@code podman} commands see what the
 * demo's service made. The connection is made through the core ({@link UpOperation}) with the rig's settings as the
 * script prints them, into the real {@code ~/.gefyra} (an existing {@code ponte-rig.conf}/{@code .yaml} is set aside
 * and put back); a container is run on the connection's network as Ponte's Run does.
 */
@Tag("rig")
class DemoScriptStopTest {
    private static final Logger LOG = LoggerFactory.getLogger(DemoScriptStopTest.class);
    /** The stop bound scripts/demo promises (stop_seconds there). */
    static final int BOUND_SECONDS = 20;
    /** The rig's connection, named like its kube context (Docker-safe already), as scripts/demo names it. */
    private static final String CONNECTION = Rig.CONTEXT;
    private static final Duration RIG_UP = Duration.ofSeconds(240);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PODMAN_PID = Pattern.compile("started Podman's service there \\(pid (\\d+)\\)");
    private static final Pattern KUBECONFIG = Pattern.compile("^\\s+kubeconfig\\s+(\\S+)\\s");
    private static final Pattern SETTINGS = Pattern.compile("^\\s+Ponte settings\\s+(\\S+)\\s");
    private static final Pattern APP_IMAGE = Pattern.compile("^\\s+app image for Run\\s+(\\S+)\\s");

    /** How the demo is asked to stop. */
    enum Stop {
        /** SIGTERM to the script, as a service manager or {@code kill} sends it. */
        SIGTERM_TO_SCRIPT,
        /** SIGINT to the script's process group, as Ctrl+C in a terminal sends it. */
        CTRL_C_TO_GROUP
    }

    private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    private final Path gefyraDir = Path.of(System.getProperty("user.home"), ".gefyra");
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Thread reader;

    @ParameterizedTest
    @EnumSource(Stop.class)
    void stoppingTheDemoEndsItsPodmanServiceAndLeavesNothing(Stop stop) throws Exception {
        RigRequirements.check();
        String network = Gefyra.NETWORK_PREFIX + CONNECTION;
        String cargo = Gefyra.CARGO_PREFIX + CONNECTION;
        assertFalse(exists("container", cargo), cargo + " exists before the test: another demo runs, or remove it");
        assertFalse(exists("network", network), network + " exists before the test: another demo runs, or remove it");
        boolean sharedPodman = answers(Rig.ENGINE);
        Path socketDir = Files.createTempDirectory("ponte-demo-test",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = socketDir.resolve("podman.sock");
        boolean hadGefyraDir = Files.isDirectory(gefyraDir);
        Map<Path, Path> setAside = setAside(socketDir);
        Footprint before = Footprint.now(gefyraDir);
        Process demo = null;
        Map<Long, Optional<Instant>> tree = new LinkedHashMap<>();
        try {
            demo = start(socket);
            long pid = demo.pid();
            awaitLine("the rig is up", l -> l.equals("demo: the rig is up."), demo);
            awaitLine("the end of the rig's settings", l -> l.startsWith("demo: Ctrl+C stops the rig"), demo);
            assertEquals(String.valueOf(pid), stat(pid).get(2), "setsid made the script its own process group");
            long podmanPid = Long.parseLong(find(PODMAN_PID, "Podman's service started by the demo"));
            ProcessHandle podman = ProcessHandle.of(podmanPid).orElseThrow();
            assertTrue(podman.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(socket.toString()),
                    "pid " + podmanPid + " is Podman's service on " + socket + ": " + podman.info());
            JsonNode settings = new ObjectMapper().readTree(Path.of(find(SETTINGS, "Ponte settings")).toFile());
            assertEquals("unix://" + socket, settings.path("engineEndpoint").asText(), "the demo's Ponte uses its socket");

            Connection conn = connect(Path.of(find(KUBECONFIG, "kubeconfig")), settings, socket);
            assertTrue(conn.cargoRunning(), "Cargo runs: " + conn);
            assertTrue(Files.exists(gefyraDir.resolve(CONNECTION + ".conf")), "Connect wrote the WireGuard key file");
            // Upstream's per-connection client file; Ponte's Disconnect removes it, so the demo must too
            Files.writeString(Files.createFile(gefyraDir.resolve(CONNECTION + ".yaml"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), "# demo test\n");
            String app = "ponte-demo-test-" + suffix;
            Cmd.ok("podman", "run", "-d", "--name", app, "--network", network, "--label",
                    "created_by.gefyra.dev=true", find(APP_IMAGE, "app image"));

            tree.put(pid, ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()));
            demo.toHandle().descendants().forEach(h -> tree.put(h.pid(), h.info().startInstant()));
            assertTrue(tree.containsKey(podmanPid), "Podman's service is the demo's child: " + tree.keySet());

            long t0 = System.nanoTime();
            signal(stop, pid);
            boolean ended = demo.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (!ended) {
                demo.waitFor(30, TimeUnit.SECONDS); // to see how it ends, for the message
            }
            reader.join(Duration.ofSeconds(5)); // the last lines, once the pipe is closed
            LOG.info("demo: {} -> script ended after {} ms (exit {}); its report: {}", stop, tookMs,
                    demo.isAlive() ? "none" : demo.exitValue(), output.isEmpty() ? "" : output.getLast());
            assertTrue(ended, "the demo ended within " + BOUND_SECONDS + " s of " + stop + "; output:\n" + log());
            assertEquals(stop == Stop.SIGTERM_TO_SCRIPT ? 143 : 130, demo.exitValue(), "exit status; output:\n" + log());
            assertTrue(output.stream().anyMatch(l -> l.startsWith("demo: stopped in ") && l.contains("nothing left")),
                    "the demo says nothing is left:\n" + log());

            assertTrue(ProcessHandle.of(podmanPid).filter(ProcessHandle::isAlive).isEmpty(),
                    "the Podman service the demo started (pid " + podmanPid + ") is gone");
            assertEquals(List.of(), processesWith(socket.toString()), "no process uses the demo's socket");
            assertEquals(List.of(), alive(tree), "every process the demo started is gone");
            assertFalse(Files.exists(socket), "the demo's socket file is gone");
            assertFalse(exists("container", cargo), "Cargo is gone");
            assertFalse(exists("container", app), "the container run in the connection's network is gone");
            assertFalse(exists("network", network), "the connection's network is gone");
            assertEquals(Footprint.empty(), Footprint.now(gefyraDir).minus(before), "nothing new on this machine");
            if (sharedPodman) {
                assertTrue(answers(Rig.ENGINE), "the Podman service on " + Rig.ENGINE + " (not the demo's) still answers");
            }
        } finally {
            if (demo != null && demo.isAlive()) {
                Cmd.run("kill", "-KILL", "--", "-" + demo.pid());
            }
            alive(tree).forEach(p -> Cmd.run("kill", "-KILL", p.split(" ")[0]));
            removeWhatIsLeft(before, network);
            putBack(setAside);
            deleteTree(socketDir);
            if (!hadGefyraDir) {
                Files.deleteIfExists(gefyraDir); // made by this test's Connect; only when empty
            }
        }
    }

    private Process start(Path socket) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // SIGINT and SIGTERM at their defaults, as in a terminal: a JVM started from a background job (`mvnw … &`)
        // passes SIGINT on ignored, and bash cannot trap a signal ignored on entry (the Ctrl+C case then never ended).
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT,TERM", "setsid", "bash",
                Path.of("scripts/demo").toAbsolutePath().toString(), "--rig-only").redirectErrorStream(true);
        pb.environment().put("PONTE_DEMO_PODMAN_SOCKET", socket.toString());
        pb.environment().put("PONTE_DEMO_CLASSPATH", classPath);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        reader = Thread.ofVirtual().name("demo-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    output.add(l);
                    lines.add(l);
                    LOG.info("demo | {}", l);
                }
            } catch (IOException e) {
                LOG.warn("demo output: {}", e.toString());
            }
        });
        return p;
    }

    private void awaitLine(String what, java.util.function.Predicate<String> wanted, Process demo)
            throws InterruptedException {
        long end = System.nanoTime() + RIG_UP.toNanos();
        for (long left = RIG_UP.toNanos(); left > 0; left = end - System.nanoTime()) {
            String l = lines.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (l != null && wanted.test(l)) {
                return;
            }
            if (l == null && !demo.isAlive()) {
                throw new AssertionError("the demo ended (exit " + demo.exitValue() + ") before '" + what + "':\n" + log());
            }
        }
        throw new AssertionError("no '" + what + "' within " + RIG_UP.toSeconds() + " s:\n" + log());
    }

    private String find(Pattern p, String what) {
        for (String l : output) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("the demo did not print its " + what + ":\n" + log());
    }

    /** Connect as Ponte does, with the settings the demo wrote for its Ponte. */
    private Connection connect(Path kubeconfig, JsonNode settings, Path socket) throws Exception {
        Config config = Config.fromKubeconfig(Rig.CONTEXT, Files.readString(kubeconfig), kubeconfig.toString());
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(15_000);
        config.setRequestRetryBackoffLimit(0);
        GefyraImages images = GefyraImages.defaults().withCargo(settings.path("cargoImage").asText());
        ConnectionRequest request = new ConnectionRequest(Rig.CONTEXT, kubeconfig.toString(), CONNECTION,
                "ponte" + suffix, images, InstallOptions.defaults(images), settings.path("cargoEndpoint").asText(),
                gefyraDir, socket.toString(), true, STEP_TIMEOUT);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
             DockerEngine engine = DockerEngine.open("unix://" + socket)) {
            return new UpOperation(request, new Fabric8GefyraCluster(client), engine, e -> { }, Clock.systemUTC())
                    .run(Progress.NONE, new CancellationToken());
        }
    }

    private static void signal(Stop stop, long pid) {
        Cmd.Result r = switch (stop) {
            case SIGTERM_TO_SCRIPT -> Cmd.run("kill", "-TERM", String.valueOf(pid));
            case CTRL_C_TO_GROUP -> Cmd.run("kill", "-INT", "--", "-" + pid);
        };
        assertTrue(r.ok(), "signal sent: " + r);
    }

    /** Fields of /proc/PID/stat after the command name: [0] is the state, [2] the process group. */
    private static List<String> stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return Arrays.asList(s.substring(s.lastIndexOf(')') + 2).split(" "));
    }

    private static boolean exists(String kind, String name) {
        return Cmd.run("podman", kind, "exists", name).ok();
    }

    private static boolean answers(String engine) {
        try (DockerEngine e = DockerEngine.open(engine, Duration.ofSeconds(3), Duration.ofSeconds(10))) {
            e.info();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> processesWith(String text) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(text)).orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
    }

    /** Those of the recorded processes that still run (same pid and start time). */
    private static List<String> alive(Map<Long, Optional<Instant>> tree) {
        List<String> left = new ArrayList<>();
        tree.forEach((pid, started) -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().equals(started))
                .ifPresent(h -> left.add(pid + " " + h.info().commandLine().orElse("?"))));
        return left;
    }

    /** Sets an existing ponte-rig.conf/.yaml (an earlier demo's) aside for the test, to put back afterwards. */
    private Map<Path, Path> setAside(Path dir) throws IOException {
        Map<Path, Path> moved = new LinkedHashMap<>();
        for (String ext : List.of(".conf", ".yaml")) {
            Path f = gefyraDir.resolve(CONNECTION + ext);
            if (Files.exists(f)) {
                moved.put(f, Files.move(f, dir.resolve("aside" + ext)));
            }
        }
        return moved;
    }

    private static void putBack(Map<Path, Path> moved) throws IOException {
        for (var e : moved.entrySet()) {
            Files.move(e.getValue(), e.getKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** After a failure: removes what the demo left, so the next tests start clean (the assertions said what it was). */
    private void removeWhatIsLeft(Footprint before, String network) throws IOException {
        Footprint left = Footprint.now(gefyraDir).minus(before);
        if (left.equals(Footprint.empty()) && !exists("network", network)) {
            return;
        }
        LOG.warn("demo test: removing what the demo left: {}", left);
        Cmd.run("podman", "rm", "-f", "-t", "0", Gefyra.CARGO_PREFIX + CONNECTION, "ponte-demo-test-" + suffix);
        Cmd.run("podman", "network", "rm", "-f", network);
        for (String ns : left.namespaces()) {
            for (String p : Cmd.run("ip", "netns", "pids", ns).out().split("\\s+")) {
                if (!p.isBlank()) {
                    Cmd.run("kill", "-KILL", p);
                }
            }
            Cmd.run("ip", "netns", "del", ns);
        }
        left.links().forEach(l -> Cmd.run("ip", "link", "del", l));
        left.routes().stream().filter(r -> r.startsWith("blackhole "))
                .forEach(r -> Cmd.run("ip", "route", "del", "blackhole", r.split("\\s+")[1]));
        for (String f : left.files()) {
            deleteTree(Path.of(f));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String log() {
        return String.join("\n", output);
    }

    /**
     * What the demo can leave on this machine, by name: network namespaces, links, routes, and files (the demo's and
     * the rig's folders in /tmp, WireGuard sockets, the connection's files in ~/.gefyra).
     */
    record Footprint(Set<String> namespaces, Set<String> links, Set<String> routes, Set<String> files) {
        static Footprint empty() {
            return new Footprint(Set.of(), Set.of(), Set.of(), Set.of());
        }

        static Footprint now(Path gefyraDir) throws IOException {
            Set<String> files = new TreeSet<>();
            files.addAll(list(Path.of("/tmp"), "ponte-demo.*"));
            files.addAll(list(Path.of("/tmp"), "ponte-rig-*"));
            files.addAll(list(Path.of("/var/run/wireguard"), "*.sock"));
            files.addAll(list(gefyraDir, CONNECTION + ".*"));
            return new Footprint(words(Cmd.run("ip", "netns", "list").out(), 0, "netns-"),
                    words(Cmd.run("ip", "-o", "link").out(), 1, "veth"), lines(Cmd.run("ip", "-4", "route").out()), files);
        }

        /** What is here and was not in {@code before}. */
        Footprint minus(Footprint before) {
            return new Footprint(without(namespaces, before.namespaces), without(links, before.links),
                    without(routes, before.routes), without(files, before.files));
        }

        private static Set<String> without(Set<String> a, Set<String> b) {
            Set<String> out = new TreeSet<>(a);
            out.removeAll(b);
            return out;
        }

        /** Word {@code index} of each line, minus Podman's own per-container ones (they go with the containers). */
        private static Set<String> words(String text, int index, String podmansPrefix) {
            Set<String> out = new TreeSet<>();
            for (String line : text.split("\n")) {
                String[] w = line.trim().split("\\s+");
                if (w.length > index && !w[index].isBlank()) {
                    String name = w[index].replaceAll("[:@].*$", "");
                    if (!name.startsWith(podmansPrefix)) {
                        out.add(name);
                    }
                }
            }
            return out;
        }

        private static Set<String> lines(String text) {
            Set<String> out = new TreeSet<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
            return out;
        }

        private static Set<String> list(Path dir, String glob) throws IOException {
            Set<String> out = new TreeSet<>();
            if (Files.isDirectory(dir)) {
                try (var s = Files.newDirectoryStream(dir, glob)) {
                    s.forEach(p -> out.add(p.toString()));
                }
            }
            return out;
        }
    }
}
