package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ponte.app.CoreServices;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Leftovers;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.Poll;
import dev.ponte.docker.DockerEngine;
import dev.ponte.kube.gefyra.Fabric8GefyraCluster;
import dev.ponte.ui.common.UiSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12's crash matrix: for every journal change of Connect, Run, Bridge, Unbridge and Disconnect (each a point
 * where the world has just changed or is about to), a separate JVM running Ponte's core exactly as the app wires it
 * ({@link CrashChild}) is SIGKILLed right there, on the rig (real Podman and WireGuard; the mock API server and the
 * operator double). Then a fresh core on the same home reconciles: what it lists must be exactly what is there that
 * the operation added (no phantom, no miss); Clean up (or, for every other interrupted Connect, Resume and then
 * Disconnect) must leave nothing of it in the API, the engine or {@code ~/.gefyra}.
 */
@Tag("rig")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashMatrixTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashMatrixTest.class);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private Rig rig;
    private Path home;
    private Fabric8GefyraCluster gefyra;
    private int points;
    private int leftovers;
    private int resumed;
    private final List<Long> reconcileMs = new ArrayList<>();
    private final Map<String, Integer> perOperation = new LinkedHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> Thread.ofPlatform().daemon().unstarted(r));
    private final ScheduledExecutorService health = Executors.newScheduledThreadPool(1, r -> Thread.ofPlatform().daemon().unstarted(r));

    @BeforeAll
    void startRig() throws Exception {
        RigRequirements.check();
        rig = Rig.start();
        home = Files.createTempDirectory("ponte-crash", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        gefyra = new Fabric8GefyraCluster(rig.cluster.client());
    }

    @AfterAll
    void report() throws Exception {
        try (CoreServices core = parent()) {
            core.connections.show(Rig.CONTEXT);
            var s = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
            if (s.can(Action.UNINSTALL)) {
                core.connections.disconnect(Rig.CONTEXT, true);
                await(core, x -> !busy(x));
            }
        } finally {
            try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
                engine.containers(Map.of(CargoLabels.CREATED_BY, "true")).forEach(c -> engine.remove(c.name()));
                engine.networks().stream().filter(n -> n.name().startsWith("gefyra-network-")).forEach(n -> engine.removeNetwork(n.name()));
            }
            rig.close();
            pool.shutdownNow();
            health.shutdownNow();
        }
        LOG.info("crash matrix: {} crash points {} (Resume tried on {}); leftovers after Clean up: {}; reconcile after a crash: "
                        + "median {} ms, max {} ms", points, perOperation, resumed, leftovers, median(reconcileMs),
                reconcileMs.stream().mapToLong(Long::longValue).max().orElse(0));
        System.err.printf("FIGURE crash points: %d %s, leftovers after cleanup: %d, reconcile median %d ms%n", points,
                perOperation, leftovers, median(reconcileMs));
    }

    @Test
    @Order(1)
    void connect() throws Exception {
        matrix("up");
    }

    @Test
    @Order(2)
    void run() throws Exception {
        matrix("run");
    }

    @Test
    @Order(3)
    void bridge() throws Exception {
        matrix("bridge");
    }

    @Test
    @Order(4)
    void unbridge() throws Exception {
        matrix("unbridge");
    }

    @Test
    @Order(5)
    void disconnect() throws Exception {
        matrix("down");
    }

    /**
     * Runs the operation once to the end to learn its journal changes, then crashes at each of them — except right
     * after a create or delete came back when the very next change is the next create or delete: the world is the
     * same there as at that next point (only the journal's status of the last thing differs), so it adds nothing.
     */
    private void matrix(String op) throws Exception {
        reset(op);
        List<String> changes = new ArrayList<>();
        child(op, Integer.MAX_VALUE, () -> { }, changes);
        assertTrue(!changes.isEmpty(), op + " changed the journal");
        int crashed = 0;
        for (int n = 1; n <= changes.size(); n++) {
            String here = changes.get(n - 1);
            String next = n < changes.size() ? changes.get(n) : "";
            boolean returned = here.contains(" CREATED ") || here.contains(" REMOVED ");
            boolean goesOut = next.contains(" CREATING ") || next.contains(" REMOVING ");
            if (returned && goesOut) {
                continue;
            }
            reset(op);
            if (!crashAt(op, n, changes.size())) {
                break; // this run of the operation changed the journal fewer times (names already recorded)
            }
            crashed++;
        }
        perOperation.put(op, crashed);
        points += crashed;
    }

    /** One crash point; false when the operation ended before reaching it. */
    private boolean crashAt(String op, int n, int total) throws Exception {
        Set<String>[] before = new Set[1];
        String line = child(op, n, () -> before[0] = truth(), new ArrayList<>());
        if (line.startsWith("DONE ")) {
            return false;
        }
        assertTrue(line.startsWith("POINT " + n + " "), op + "@" + n + ": " + line);
        Set<String> after = truth();
        try (CoreServices core = parent()) {
            // Killed after the operation's end was recorded: it finished, nothing of it is left over.
            boolean finished = core.journal.running().isEmpty();
            long t0 = System.nanoTime();
            core.connections.reconcile();
            await(core, s -> s.reconciled());
            reconcileMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            core.connections.show(Rig.CONTEXT);
            ConnectionSnapshot s = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
            Set<String> listed = s.leftovers() == null ? Set.of() : s.leftovers().parts().stream()
                    .map(p -> p.kind() + " " + p.name()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> added = new TreeSet<>(after);
            added.removeAll(before[0]);
            String where = op + "@" + line.substring(6) + ": before " + before[0] + ", after " + after + ", listed " + listed
                    + ", state " + s.state();
            assertTrue(after.containsAll(listed), "nothing listed that is not there — " + where);
            if (finished) {
                assertTrue(listed.isEmpty(), "a finished operation left nothing over — " + where);
                assertTrue(op.equals("down") ? s.state() == ConnectionState.NOT_CONNECTED : s.state().isUp(), where);
                return true;
            }
            assertTrue(listed.containsAll(added), "everything the crash left is listed — " + where);

            boolean whole = op.equals("up") || op.equals("down");
            LOG.info("crash point {}: {} listed, {} added; state {}, actions {}", where.substring(0, where.indexOf(':')), listed,
                    added, s.state(), s.actions());
            // Resume (then Disconnect) on a few points spread over the operation; Clean up on the others.
            if (s.can(Action.RESUME) && whole && (n == total / 3 || n == 2 * total / 3 || n == total - 1)) {
                resumed++;
                core.connections.resume(Rig.CONTEXT);
                await(core, x -> !busy(x));
                ConnectionSnapshot r = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
                assertEquals(ConnectionState.CONNECTED, r.state(), "Resume restores the connection — " + where + " " + r.problem());
                core.connections.disconnect(Rig.CONTEXT, op.equals("up"));
                await(core, x -> !busy(x));
            } else if (s.can(Action.CLEAN_UP)) {
                core.connections.cleanUp(Rig.CONTEXT);
                await(core, x -> !busy(x) && x.of(Rig.CONTEXT).map(c -> c.leftovers() == null || c.problem() != null).orElse(true));
                ConnectionSnapshot c = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
                assertTrue(c.problem() == null, "Clean up worked — " + where + ": " + c.problem() + "\n" + c.diagnostics());
            }
            Set<String> now = truth();
            Set<String> left = switch (op) {
                case "up", "down" -> now.stream().filter(x -> !(op.equals("down") && x.startsWith("INSTALL"))).collect(Collectors.toSet());
                default -> minus(now, before[0]);
            };
            if (op.equals("unbridge") || op.equals("run") || op.equals("bridge")) {
                // The connection itself (and what the operation did not touch) stays: nothing may have gone missing.
                Set<String> lost = minus(before[0], now);
                lost.removeIf(x -> op.equals("unbridge") && (x.startsWith("BRIDGE") || x.startsWith("MOUNT")));
                assertTrue(lost.isEmpty(), "Clean up removed only the operation's parts — " + where + ", lost " + lost);
            }
            if (!left.isEmpty()) {
                leftovers += left.size();
                fail("left after Clean up: " + left + " — " + where);
            }
        }
        return true;
    }

    /** Before each point: the state the operation starts from is made by the child itself; here only what must not be. */
    private void reset(String op) throws Exception {
        if (op.equals("up") && truth().isEmpty()) {
            return; // the last point's Clean up left a clean slate already
        }
        try (CoreServices core = parent()) {
            core.connections.reconcile();
            await(core, s -> s.reconciled());
            core.connections.show(Rig.CONTEXT);
            ConnectionSnapshot s = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
            switch (op) {
                case "up" -> {
                    if (s.can(Action.UNINSTALL) || s.can(Action.CLEAN_UP)) {
                        if (s.can(Action.UNINSTALL)) {
                            core.connections.disconnect(Rig.CONTEXT, true);
                        } else {
                            core.connections.cleanUp(Rig.CONTEXT);
                        }
                        await(core, x -> !busy(x));
                    }
                    assertTrue(truth().isEmpty(), "a clean slate for Connect: " + truth());
                }
                case "run" -> removeApp(core);
                case "bridge" -> removeBridges(core);
                default -> { }
            }
            if (!op.equals("up")) {
                prepare(core, op);
            }
        }
    }

    /** Brings the connection to where the operation starts, in this (warm) JVM: the child finds it standing. */
    private void prepare(CoreServices core, String op) throws Exception {
        ConnectionSnapshot s = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
        if (!s.state().isUp()) {
            if (s.can(Action.CLEAN_UP)) {
                core.connections.cleanUp(Rig.CONTEXT);
                await(core, x -> !busy(x));
            }
            core.connections.connect(Rig.CONTEXT);
            await(core, x -> !busy(x));
            s = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
            assertEquals(ConnectionState.CONNECTED, s.state(), "prepared for " + op + ": " + s.problem());
        }
        var conn = s.connection();
        if (List.of("bridge", "unbridge", "down").contains(op)) {
            try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
                if (engine.inspect(CrashChild.APP).isEmpty()) {
                    CrashChild.run(core, conn, rig.appImage());
                }
            }
        }
        if (List.of("unbridge", "down").contains(op) && gefyra.bridges(Map.of()).isEmpty()) {
            CrashChild.bridge(core, conn);
        }
    }

    private void removeApp(CoreServices core) {
        var conn = core.connections.snapshot().of(Rig.CONTEXT).map(ConnectionSnapshot::connection).orElse(null);
        if (conn != null) {
            removeBridges(core);
            try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
                if (engine.inspect(CrashChild.APP).isPresent()) {
                    engine.remove(CrashChild.APP);
                }
            }
        }
    }

    private void removeBridges(CoreServices core) {
        var conn = core.connections.snapshot().of(Rig.CONTEXT).map(ConnectionSnapshot::connection).orElse(null);
        if (conn == null) {
            return;
        }
        for (var b : gefyra.bridges(Map.of())) {
            gefyra.deleteBridge(b.name(), WAIT, new CancellationToken());
        }
        for (var m : gefyra.mounts()) {
            gefyra.deleteMount(m.name(), WAIT, new CancellationToken());
        }
    }

    /** What of Ponte's is there: engine objects, Gefyra's objects in the cluster, files in ~/.gefyra. */
    private Set<String> truth() throws IOException {
        Set<String> t = new TreeSet<>();
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            engine.containers(Map.of(CargoLabels.CREATED_BY, "true")).forEach(c -> t.add(
                    (CargoLabels.ROLE_CARGO.equals(c.labels().get(CargoLabels.ROLE)) ? "CARGO " : "CONTAINER ") + c.name()));
            engine.networks().stream().filter(n -> n.name().startsWith("gefyra-network-")
                    && "true".equals(n.labels().get(CargoLabels.CREATED_BY))).forEach(n -> t.add("NETWORK " + n.name()));
        }
        for (String l : gefyra.leftovers()) {
            String[] f = l.split("/");
            String name = f[f.length - 1];
            switch (f[0]) {
                case "GefyraClient" -> t.add("CLIENT " + name);
                case "GefyraBridge" -> t.add("BRIDGE " + name);
                case "GefyraBridgeMount" -> t.add("MOUNT " + name);
                default -> { }
            }
        }
        if (gefyra.operatorStatus().installed()) {
            t.add("INSTALL gefyra");
        }
        Path dir = home.resolve(".gefyra");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.forEach(f -> t.add("FILE " + f.getFileName()));
            }
        }
        return t;
    }

    /** What the test does once the child has prepared, before it starts the operation. */
    private interface Prepared {
        void run() throws Exception;
    }

    /** Runs the child to its crash point (then SIGKILLs it) or to its end; returns its POINT or DONE line. */
    private String child(String op, int crash, Prepared prepared, List<String> changes) throws Exception {
        // A short-lived JVM: C1 only, and a class-data archive the first child writes and the others map (~1 s less each).
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + home.resolve("child.jsa"),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), "--home", home.toString(), "--kubeconfig", rig.kubeconfig.toString(),
                "--engine", Rig.ENGINE, "--cargo-image", rig.cargoImage(), "--cargo-endpoint", rig.cargoEndpoint(),
                "--app-image", rig.appImage(), "--op", op, "--crash", Integer.toString(crash));
        pb.redirectError(home.resolve("child-" + op + "-" + crash + ".log").toFile());
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("PREPARED")) {
                    prepared.run();
                    p.getOutputStream().write('\n');
                    p.getOutputStream().flush();
                    continue;
                }
                if (line.startsWith("CHANGE ")) {
                    changes.add(line.substring(line.indexOf(' ', 7) + 1));
                    continue;
                }
                if (line.startsWith("POINT ")) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, no finally
                    p.waitFor(10, TimeUnit.SECONDS);
                    return line;
                }
                if (line.startsWith("DONE ")) {
                    p.waitFor(30, TimeUnit.SECONDS);
                    return line;
                }
            }
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the child " + op + "@" + crash + " ended without a point (exit "
                    + (p.isAlive() ? "still running" : p.exitValue()) + "):\n" + tail(home.resolve("child-" + op + "-" + crash + ".log")));
        } finally {
            p.destroyForcibly();
        }
    }

    /** A fresh core on the same home, as the next start of the app would build it. */
    private CoreServices parent() {
        UiSettings settings = new UiSettings();
        settings.cargoImage = rig.cargoImage();
        settings.cargoEndpoint = rig.cargoEndpoint();
        settings.engineEndpoint = Rig.ENGINE;
        CoreServices core = new CoreServices(Map.of("KUBECONFIG", rig.kubeconfig.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), home, settings, List::of, Clock.systemUTC(),
                new ExecutorLauncher(pool), pool, health);
        return core;
    }

    private static boolean busy(dev.ponte.core.connections.ConnectionsSnapshot s) {
        return s.of(Rig.CONTEXT).map(c -> c.state().isBusy() || c.state() == ConnectionState.UNKNOWN).orElse(false);
    }

    private static void await(CoreServices core, Predicate<dev.ponte.core.connections.ConnectionsSnapshot> done) throws Exception {
        Poll.until("the connection service", () -> done.test(core.connections.snapshot()) ? Boolean.TRUE : null, WAIT,
                Duration.ofMillis(50), new CancellationToken());
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
