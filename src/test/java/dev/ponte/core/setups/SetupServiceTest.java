package dev.ponte.core.setups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.run.LocalState;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.run.RunGateway;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakeInspector;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved setups over the real connection, run and bridge code on in-memory ports ({@link FakePorts}): what Save keeps
 * (and never: secrets), Start re-creating the container and its bridges (connecting first), rollback when a step
 * fails or the user cancels, edit/duplicate/delete, and export/import with every field of a file checked.
 */
class SetupServiceTest {
    @TempDir
    Path dir;
    private FakePorts ports;
    private ConnectionService connections;
    private RunBackend runs;
    private SetupService setups;
    private LocalService local;
    private Path file;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Journal journal = Journal.inMemory(Clock.systemUTC());
    private final List<StepEvent> steps = new CopyOnWriteArrayList<>();

    private static final MatchRules RULES = new MatchRules(List.of(
            new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT))),
            new MatchRules.RuleSet(List.of(new MatchRules.Path("/api/v2", MatchRules.Type.PREFIX)))));

    @BeforeEach
    void wire() {
        ports = new FakePorts(dir.resolve("machine"), "kind-dev", "staging");
        ports.inspector = new FakeInspector();
        ports.engine.addImage("acme/api:dev");
        connections = ports.service(journal, new DirectTaskRunner(), Runnable::run, scheduler, Clock.systemUTC());
        connections.reconcile();
        RunGateway gateway = new RunGateway(ports.engines, ports.clusterPorts, journal, Clock.systemUTC());
        file = dir.resolve("state/setups.json");
        setups = new SetupService(SetupStore.open(file), connections, gateway,
                c -> new BridgeGateway(ports.engines, ports.clusterPorts, journal, Clock.systemUTC(), c),
                new DirectTaskRunner(), Clock.systemUTC());
        runs = setups.recording(gateway);
        local = new LocalService(runs, new DirectTaskRunner(), Runnable::run);
        connections.subscribe(local::connectionsChanged);
    }

    @AfterEach
    void close() {
        local.close();
        connections.close();
    }

    private Connection connect(String context) {
        connections.connect(context);
        scheduler.advance(Duration.ZERO);
        return connections.snapshot().of(context).orElseThrow().connection();
    }

    /** Run api-local as the Run dialog would, and bridge deployment api to it as the wizard would. */
    private LocalState runAndBridge(Connection conn) throws Exception {
        runs.run(new RunRequest(conn, "api-local", "acme/api:dev", List.of("npm", "start"), "default",
                Map.of("LOG_LEVEL", "debug", "DB_PASSWORD", "hunter2", "UPSTREAM", "https://svc:s3cr3t@up.example/"),
                new RunRequest.EnvFrom("default", WorkloadKind.DEPLOYMENT, "api", "api"),
                List.of(new ContainerEngine.Mount("/home/dev/src/api", "/app", false)),
                List.of(new ContainerEngine.PortBinding("127.0.0.1", 8000, 8000, "tcp")), false, 0, 0, Duration.ofSeconds(5)),
                e -> { }).run(Progress.NONE, new CancellationToken());
        new BridgeGateway(ports.engines, ports.clusterPorts, journal, Clock.systemUTC(), conn).bridge(
                new BridgePlan("default", WorkloadKind.DEPLOYMENT, "api", "api", List.of(new PortMapping(80, 8000)),
                        "api-local", RULES), Progress.NONE, new CancellationToken());
        local.refresh(conn.name());
        LocalState state = local.state(conn.name());
        assertEquals(1, state.bridgesOf("api-local").size(), "the bridge is seen");
        return state;
    }

    @Test
    void saveKeepsTheRunSpecAndTheBridgesWithTheirRulesButNoSecret() throws Exception {
        LocalState state = runAndBridge(connect("kind-dev"));
        SetupService.Saved saved = setups.saveFrom("kind-dev", "API against alice", state, "api-local");
        Setup s = saved.setup();
        assertEquals("kind-dev", s.context());
        assertEquals("acme/api:dev", s.run().image());
        assertEquals("api-local", s.run().container());
        assertEquals(List.of("npm", "start"), s.run().command());
        assertEquals(Map.of("LOG_LEVEL", "debug"), s.run().env());
        assertEquals(List.of("DB_PASSWORD", "UPSTREAM"), s.run().askAtStart().stream().sorted().toList());
        assertEquals(new Setup.EnvFrom("default", WorkloadKind.DEPLOYMENT, "api", "api"), s.run().envFrom());
        assertEquals(List.of(new Setup.Volume("/home/dev/src/api", "/app", false)), s.run().volumes());
        assertEquals(List.of(new Setup.Port("127.0.0.1", 8000, 8000, "tcp")), s.run().ports());
        assertEquals(List.of(new Setup.BridgeSpec("default", WorkloadKind.DEPLOYMENT, "api", "api",
                List.of(new PortMapping(80, 8000)), RULES)), s.bridges());
        assertTrue(saved.notes().stream().anyMatch(n -> n.contains("DB_PASSWORD") && n.contains("asks")), saved.notes().toString());

        String onDisk = Files.readString(file);
        assertFalse(onDisk.contains("hunter2") || onDisk.contains("s3cr3t") || onDisk.contains("postgres"),
                "no typed secret and no value copied from the cluster on disk");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(s), SetupService.class.cast(setups).of("kind-dev"));
        assertEquals(List.of(s), new SetupService(SetupStore.open(file), connections, runs, c -> null,
                new DirectTaskRunner(), Clock.systemUTC()).of("kind-dev"), "read back from the file");
    }

    @Test
    void startConnectsFirstAndRecreatesTheContainerAndItsBridges() throws Exception {
        Connection conn = connect("kind-dev");
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(conn), "api-local").setup();
        connections.disconnect("kind-dev", false);
        scheduler.advance(Duration.ZERO);
        assertEquals(ConnectionState.NOT_CONNECTED, connections.snapshot().of("kind-dev").orElseThrow().state());
        assertTrue(ports.engine.containers.values().stream().noneMatch(c -> c.name().equals("api-local")), "all gone");
        assertTrue(ports.cluster("kind-dev").bridges.isEmpty());

        List<String> result = new ArrayList<>();
        setups.start(s.id(), Map.of("DB_PASSWORD", "typed-now", "UPSTREAM", "https://svc:other@up.example/"), steps::add,
                result::add, e -> { throw new AssertionError(e); });
        assertEquals(List.of("Started api: api-local with 1 bridge"), result);
        assertEquals(ConnectionState.CONNECTED, connections.snapshot().of("kind-dev").orElseThrow().state());
        ContainerEngine.RunSpec run = ports.engine.runSpecs.get("api-local");
        assertEquals("typed-now", run.env().get("DB_PASSWORD"), "the value typed at start");
        assertEquals("postgres", run.env().get("DB_HOST"), "env-from read again at start");
        assertEquals("debug", run.env().get("LOG_LEVEL"));
        var bridge = ports.cluster("kind-dev").bridges.values().iterator().next();
        assertEquals("api-local", bridge.clientContainer());
        assertEquals(RULES, bridge.rules());
        assertEquals(List.of("8000:80"), bridge.portMappings());
        assertEquals(List.of("Connect kind-dev", "Run api-local", "Bridge api (default) → api-local"),
                finalStates().keySet().stream().toList());
        assertTrue(finalStates().values().stream().allMatch(st -> st == StepEvent.State.DONE), finalStates().toString());
    }

    @Test
    void whenConnectedTheConnectStepIsDoneAtOnce() throws Exception {
        Connection conn = connect("kind-dev");
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(conn), "api-local").setup();
        runs.remove(conn, "api-local").run(Progress.NONE, new CancellationToken());
        long clients = ports.cluster("kind-dev").calls.stream().filter("createClient"::equals).count();
        setups.start(s.id(), Map.of("DB_PASSWORD", "x", "UPSTREAM", "y"), steps::add, r -> { }, e -> { throw new AssertionError(e); });
        assertTrue(steps.stream().anyMatch(e -> e.name().equals("Connect kind-dev") && e.detail().startsWith("connected as")));
        assertEquals(clients, ports.cluster("kind-dev").calls.stream().filter("createClient"::equals).count(),
                "no second Connect");
    }

    @Test
    void aBridgeThatFailsUndoesTheContainerThisStartMade() throws Exception {
        Connection conn = connect("kind-dev");
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(conn), "api-local").setup();
        runs.remove(conn, "api-local").run(Progress.NONE, new CancellationToken());
        assertTrue(ports.cluster("kind-dev").bridges.isEmpty(), "Remove took its bridge along");
        ports.cluster("kind-dev").failOnce.put("createBridge", new PonteException(new dev.ponte.core.task.Problem(
                dev.ponte.core.task.Problem.Kind.FORBIDDEN, "Not allowed to create bridges", "RBAC", "Ask an admin.")));
        List<Throwable> failed = new ArrayList<>();
        setups.start(s.id(), Map.of("DB_PASSWORD", "x", "UPSTREAM", "y"), steps::add, r -> { }, failed::add);
        assertEquals(1, failed.size());
        assertEquals("Not allowed to create bridges", assertInstanceOf(PonteException.class, failed.getFirst()).problem().title());
        assertTrue(ports.engine.containers.values().stream().noneMatch(c -> c.name().equals("api-local")),
                "the container this start made is removed again");
        assertTrue(ports.cluster("kind-dev").bridges.isEmpty());
        assertEquals(StepEvent.State.FAILED, finalStates().get("Bridge api (default) → api-local"));
    }

    @Test
    void cancelDuringTheBridgeUndoesTheBridgeAndTheContainer() throws Exception {
        Connection conn = connect("kind-dev");
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(conn), "api-local").setup();
        runs.remove(conn, "api-local").run(Progress.NONE, new CancellationToken());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SetupService threaded = new SetupService(SetupStore.open(file), connections, runs,
                    c -> new BridgeGateway(ports.engines, ports.clusterPorts, journal, Clock.systemUTC(), c),
                    new ExecutorLauncher(pool), Clock.systemUTC());
            CountDownLatch inBridge = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ports.cluster("kind-dev").beforeCall = c -> {
                if (c.equals("awaitBridgeActive")) {
                    inBridge.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            var running = threaded.start(s.id(), Map.of("DB_PASSWORD", "x", "UPSTREAM", "y"), steps::add,
                    r -> ended.complete(null), ended::complete);
            assertTrue(inBridge.await(10, TimeUnit.SECONDS));
            running.cancel();
            release.countDown();
            Throwable t = ended.get(10, TimeUnit.SECONDS);
            OperationCancelledException c = assertInstanceOf(OperationCancelledException.class, t);
            assertTrue(c.undone().stream().anyMatch(u -> u.startsWith("remove bridge")), c.undone().toString());
            assertTrue(c.undone().contains("remove container api-local"), c.undone().toString());
        } finally {
            ports.cluster("kind-dev").beforeCall = c -> { };
            pool.shutdownNow();
        }
        assertTrue(ports.engine.containers.values().stream().noneMatch(c -> c.name().equals("api-local")));
        assertTrue(ports.cluster("kind-dev").bridges.isEmpty());
    }

    /**
     * Cancel pressed as the Connect step starts, before Start setup has asked for the Connect: the Connect it then
     * starts is cancelled too and undone, not left running to a connection nobody asked for.
     */
    @Test
    void cancelAsTheConnectStepStartsCancelsTheConnectItThenStarts() throws Exception {
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(connect("kind-dev")), "api-local").setup();
        Path exported = dir.resolve("api.json");
        setups.export(List.of(s.id()), exported);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Journal own = Journal.inMemory(Clock.systemUTC());
        ConnectionService threaded = ports.service(own, new ExecutorLauncher(pool), Runnable::run, scheduler, Clock.systemUTC());
        try {
            threaded.reconcile();
            SetupService onStaging = new SetupService(SetupStore.open(dir.resolve("staging/setups.json")), threaded, runs,
                    c -> new BridgeGateway(ports.engines, ports.clusterPorts, own, Clock.systemUTC(), c),
                    new ExecutorLauncher(pool), Clock.systemUTC());
            Setup staged = onStaging.importFrom(exported, "staging").getFirst();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            CountDownLatch startEnded = new CountDownLatch(1);
            // The Connect waits at its first cluster call until Start setup has ended: only a Cancel stops it then.
            ports.cluster("staging").beforeCall = c -> {
                try {
                    startEnded.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            CompletableFuture<dev.ponte.core.task.TaskLauncher.Cancellable> handle = new CompletableFuture<>();
            handle.complete(onStaging.start(staged.id(), Map.of("DB_PASSWORD", "x", "UPSTREAM", "y"), e -> {
                if (e.index() == 1 && e.state() == StepEvent.State.RUNNING) {
                    handle.join().cancel(); // on the start's thread, as the step shows as running
                }
            }, r -> ended.complete(null), ended::complete));
            Throwable t = ended.get(10, TimeUnit.SECONDS);
            startEnded.countDown();
            assertInstanceOf(OperationCancelledException.class, t);
            CompletableFuture<Void> connectEnded = new CompletableFuture<>();
            try (var sub = threaded.subscribe(all -> all.of("staging").filter(c -> !c.state().isBusy()
                    && c.state() != ConnectionState.UNKNOWN).ifPresent(c -> connectEnded.complete(null)))) {
                connectEnded.get(10, TimeUnit.SECONDS);
            }
            assertEquals(ConnectionState.NOT_CONNECTED, threaded.snapshot().of("staging").orElseThrow().state(),
                    threaded.snapshot().of("staging").orElseThrow().headline());
            assertTrue(ports.engine.containers.keySet().stream().noneMatch(n -> n.contains("staging")), ports.engine.containers.keySet().toString());
            assertTrue(ports.cluster("staging").clients.isEmpty(), "no client left in staging");
        } finally {
            ports.cluster("staging").beforeCall = c -> { };
            threaded.close();
            pool.shutdownNow();
        }
    }

    @Test
    void valuesThatLookSecretMustBeTypedAtStart() throws Exception {
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(connect("kind-dev")), "api-local").setup();
        List<Throwable> failed = new ArrayList<>();
        setups.start(s.id(), Map.of("DB_PASSWORD", "x"), steps::add, r -> { }, failed::add);
        PonteException e = assertInstanceOf(PonteException.class, failed.getFirst());
        assertTrue(e.problem().detail().contains("UPSTREAM"), e.problem().detail());
    }

    @Test
    void editDuplicateAndDelete() throws Exception {
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(connect("kind-dev")), "api-local").setup();
        Setup copy = setups.duplicate(s.id());
        assertEquals("api (copy)", copy.name());
        Setup renamed = setups.update(new Setup(copy.id(), "api for bob", copy.context(), copy.run(), List.of(), copy.saved()));
        assertEquals(List.of(), renamed.bridges());
        assertEquals(List.of("api", "api for bob"), setups.of("kind-dev").stream().map(Setup::name).toList());
        PonteException bad = assertThrows(PonteException.class, () -> setups.update(new Setup(s.id(), "api", s.context(),
                new Setup.Run("bad image!", "api-local", List.of(), "default", Map.of(), List.of(), null, List.of(),
                        List.of(), false, 0, 0), s.bridges(), s.saved())));
        assertTrue(bad.problem().detail().contains("image"), bad.problem().detail());
        setups.delete(copy.id());
        assertEquals(List.of("api"), setups.of("kind-dev").stream().map(Setup::name).toList());
    }

    @Test
    void exportAndImportIntoAnotherContextWithoutSecrets() throws Exception {
        Setup s = setups.saveFrom("kind-dev", "api", runAndBridge(connect("kind-dev")), "api-local").setup();
        Path out = dir.resolve("api.ponte-setup.json");
        setups.export(List.of(s.id()), out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertFalse(Files.readString(out).contains("hunter2"));
        List<Setup> imported = setups.importFrom(out, "staging");
        assertEquals(1, imported.size());
        Setup i = imported.getFirst();
        assertEquals("staging", i.context());
        assertEquals(s.run(), i.run());
        assertEquals(s.bridges(), i.bridges());
        assertFalse(i.id().equals(s.id()));
        assertEquals("api (2)", setups.importFrom(out, "staging").getFirst().name(), "a name taken gets a number");
    }

    @Test
    void anImportedFileIsCheckedFieldByFieldAndSecretsInItAreDropped() throws Exception {
        Path f = dir.resolve("in.json");
        Files.writeString(f, """
                {"format": "ponte-setups/1", "setups": [{"name": "from a colleague", "context": "x",
                 "run": {"image": "acme/api:dev", "container": "api-local", "namespace": "default",
                         "env": {"LOG": "info", "GITHUB_TOKEN": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}},
                 "bridges": []}]}""");
        Setup s = setups.importFrom(f, "kind-dev").getFirst();
        assertEquals(Map.of("LOG", "info"), s.run().env());
        assertEquals(List.of("GITHUB_TOKEN"), s.run().askAtStart());

        for (String[] bad : new String[][] {
                {"\"hostPort\": 70000", "not a port"},
                {"\"hostIp\": \"192.168.1.5\"", "only 127.0.0.1"},
                {"\"source\": \"relative/dir\"", "absolute"},
                {"\"regex\"", "not a valid pattern"}}) {
            String json = """
                    {"format": "ponte-setups/1", "setups": [{"name": "n", "context": "x",
                     "run": {"image": "acme/api:dev", "container": "c", "ports": [{%s}], "volumes": [{%s}]},
                     "bridges": [{"namespace": "default", "kind": "DEPLOYMENT", "workload": "api", "container": "api",
                                  "ports": [{"remote": 80, "local": 8000}], "rules": [[{"path": "(", "type": %s}]]}]}]}"""
                    .formatted(bad[0].contains("host") ? bad[0] + (bad[0].contains("hostIp") ? ", \"hostPort\": 8000" : ", \"hostIp\": \"127.0.0.1\"") + ", \"containerPort\": 80"
                                    : "\"hostPort\": 8000, \"containerPort\": 80",
                            bad[0].contains("source") ? bad[0] + ", \"target\": \"/app\"" : "\"source\": \"/src\", \"target\": \"/app\"",
                            bad[0].equals("\"regex\"") ? "\"REGEX\"" : "\"PREFIX\"");
            Files.writeString(f, json);
            int before = setups.all().size();
            PonteException e = assertThrows(PonteException.class, () -> setups.importFrom(f, "kind-dev"), json);
            assertTrue(e.problem().detail().contains(bad[1]) || e.problem().detail().toLowerCase().contains(bad[1].toLowerCase()),
                    bad[1] + " in: " + e.problem().detail());
            assertEquals(before, setups.all().size(), "nothing imported");
        }
        Files.writeString(f, "not json");
        assertTrue(assertThrows(PonteException.class, () -> setups.importFrom(f, "kind-dev")).problem().detail().startsWith("It is not JSON"));
    }

    private Map<String, StepEvent.State> finalStates() {
        Map<String, StepEvent.State> out = new java.util.LinkedHashMap<>();
        steps.forEach(e -> out.put(e.name(), e.state()));
        return out;
    }
}
