package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.app.CoreServices;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.run.BridgeState;
import dev.ponte.core.run.LocalState;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.setups.Setup;
import dev.ponte.core.setups.SetupService;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.TaskLauncher;
import dev.ponte.docker.DockerEngine;
import dev.ponte.kube.gefyra.Fabric8GefyraCluster;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.wireguard.Cmd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved setups on the rig, through Ponte's core as the app wires it ({@link CoreServices}) on the real adapters: a
 * container run and bridged by hand is saved as a setup; after Disconnect and uninstall, Start setup connects,
 * runs the container (with the value typed at start) and bridges it, and a request with the bridge's header goes
 * from the cluster side through the tunnel to the local app. Cancel in the middle of Start setup's Connect leaves
 * nothing at all; Cancel in the middle of its Bridge removes the bridge, its mount and the container it ran (the
 * connection stays, as Start setup documents: Disconnect removes it).
 */
@Tag("rig")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetupsOnRigTest {
    private static final Logger LOG = LoggerFactory.getLogger(SetupsOnRigTest.class);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String APP = "setup-app";
    private static final String SETUP = "api for alice";
    private Rig rig;
    private Path home;
    private CoreServices core;
    private Fabric8GefyraCluster gefyra;
    private final ExecutorService pool = Executors.newFixedThreadPool(6, r -> Thread.ofPlatform().daemon().unstarted(r));
    private final ScheduledExecutorService health = Executors.newScheduledThreadPool(1, r -> Thread.ofPlatform().daemon().unstarted(r));

    @BeforeAll
    void start() throws Exception {
        RigRequirements.check();
        rig = Rig.start();
        home = Files.createTempDirectory("ponte-setups");
        gefyra = new Fabric8GefyraCluster(rig.cluster.client());
        UiSettings settings = new UiSettings();
        settings.cargoImage = rig.cargoImage();
        settings.cargoEndpoint = rig.cargoEndpoint();
        settings.engineEndpoint = Rig.ENGINE;
        core = new CoreServices(Map.of("KUBECONFIG", rig.kubeconfig.toString(), "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), home, settings, List::of, Clock.systemUTC(),
                new ExecutorLauncher(pool), pool, health);
        core.connections.reconcile();
        await("the reconcile", ConnectionsSnapshot::reconciled);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (core.connections.snapshot().of(Rig.CONTEXT).map(s -> s.state().isUp()).orElse(false)) {
                core.connections.disconnect(Rig.CONTEXT, true);
                await("disconnected", s -> s.busy().isEmpty());
            }
        } finally {
            core.close();
            rig.close();
            pool.shutdownNow();
            health.shutdownNow();
        }
    }

    @Test
    void startSetupConnectsRunsAndBridgesOnTheDataPathAndCancelUndoesWhatItMade() throws Exception {
        // 1. By hand: Connect, Run (one typed secret), Bridge default/api 8080 → the app's 8000 for x-user: alice; save it.
        connect();
        Connection conn = connection();
        core.runs.run(new RunRequest(conn, APP, rig.appImage(), List.of(), "default",
                Map.of("GREETING", "hello", "API_TOKEN", "typed-by-hand"), null, List.of(), List.of(), false, 0, 0,
                Duration.ofSeconds(30)), e -> { }).run(Progress.NONE, new CancellationToken());
        core.bridges(conn).bridge(new BridgePlan("default", WorkloadKind.DEPLOYMENT, "api", "api",
                List.of(new PortMapping(8080, RigImages.APP_PORT)), APP, new MatchRules(List.of(new MatchRules.RuleSet(
                        List.of(new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT)))))), Progress.NONE,
                new CancellationToken());
        LocalState state = localWith(conn, s -> s.bridgesOf(APP).size() == 1 && s.bridgesOf(APP).getFirst().mount() != null,
                "the bridge with its mount");
        SetupService.Saved saved = core.setups.saveFrom(Rig.CONTEXT, SETUP, state, APP);
        Setup setup = saved.setup();
        assertEquals(List.of("API_TOKEN"), setup.run().askAtStart(), saved.notes().toString());
        assertEquals(Map.of("GREETING", "hello"), setup.run().env());
        assertEquals(1, setup.bridges().size());
        assertTrue(!Files.readString(setupsFile()).contains("typed-by-hand"), "the typed secret is not in the setups file");
        disconnectAndUninstall();
        assertNothingLeft("after Disconnect and uninstall");

        // 2. Start setup from nothing; Cancel while its Connect is half-way (Connect's step 5 of 8 runs): nothing is left.
        List<StepEvent> connectSteps = new CopyOnWriteArrayList<>();
        CompletableFuture<TaskLauncher.Cancellable> handle = new CompletableFuture<>();
        boolean[] fired = {false};
        Subscription watch = core.connections.subscribe(all -> all.of(Rig.CONTEXT).ifPresent(c -> {
            if (!fired[0] && c.state() == ConnectionState.CONNECTING && c.steps().stream()
                    .anyMatch(e -> e.index() == 5 && e.state() == StepEvent.State.RUNNING)) {
                fired[0] = true;
                LOG.info("Cancel while Connect runs its step 5: {}", c.steps().get(4).name());
                handle.join().cancel();
            }
        }));
        Object cancelled;
        try {
            stowawayForgotTheLastAttempt();
            cancelled = start(setup, handle, connectSteps::add).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            watch.close();
        }
        assertTrue(fired[0], "Cancel was pressed during Connect");
        assertInstanceOf(OperationCancelledException.class, cancelled, String.valueOf(cancelled));
        await("the Connect undone", s -> s.of(Rig.CONTEXT).map(c -> c.state() == ConnectionState.NOT_CONNECTED).orElse(false));
        assertEquals(StepEvent.State.SKIPPED, last(connectSteps, 2).state(), "Run never started: " + connectSteps);
        assertNothingLeft("after Cancel during Start setup's Connect");

        // 3. Start setup from nothing, to the end: connected, the app runs with the typed value, the bridge carries traffic.
        stowawayForgotTheLastAttempt();
        long t0 = System.nanoTime();
        List<StepEvent> steps = new CopyOnWriteArrayList<>();
        CompletableFuture<TaskLauncher.Cancellable> handle2 = new CompletableFuture<>();
        Object result = start(setup, handle2, steps::add).get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        LOG.info("FIGURE Start setup from not connected to bridged: {} ms", (System.nanoTime() - t0) / 1_000_000);
        assertEquals("Started " + SETUP + ": " + APP + " with 1 bridge", result, "steps " + steps);
        conn = connection();
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            assertTrue(engine.inspect(APP).orElseThrow().running());
            assertEquals("typed-at-start|hello", engine.exec(APP, Duration.ofSeconds(10), "sh", "-c",
                    "printf '%s|%s' \"$API_TOKEN\" \"$GREETING\"").output());
        }
        LocalState started = localWith(conn, s -> s.bridgesOf(APP).size() == 1
                && s.bridgesOf(APP).getFirst().bridge().clusterEndpoint().get("8080") != null, "the started bridge");
        BridgeState bridge = started.bridgesOf(APP).getFirst();
        String endpoint = bridge.bridge().clusterEndpoint().get("8080");
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        poll("a request with x-user: alice from the cluster side to reach " + APP, Duration.ofSeconds(20), () -> {
            Cmd.Result r = rig.side.exec(Duration.ofSeconds(10), "curl", "-sS", "--max-time", "5", "-H", "x-user: alice",
                    "http://192.168.99.1:" + port + "/");
            return r.ok() && r.out().equals(RigImages.APP_BODY);
        });

        // 4. Remove what the setup made (bridge, mount, container); Start again and Cancel while its Bridge waits for
        //    traffic: the bridge, its mount and the container go again; the connection stays.
        core.runs.unbridge(conn, bridge.bridge().name(), bridge.bridge().mount(), true).run(Progress.NONE, new CancellationToken());
        core.runs.remove(conn, APP).run(Progress.NONE, new CancellationToken());
        poll("the bridge and its mount gone", WAIT, () -> gefyra.bridges(Map.of()).isEmpty() && gefyra.mounts().isEmpty());
        List<StepEvent> bridgeSteps = new CopyOnWriteArrayList<>();
        CompletableFuture<TaskLauncher.Cancellable> handle3 = new CompletableFuture<>();
        boolean[] fired3 = {false};
        Object cancelled3 = start(setup, handle3, e -> {
            bridgeSteps.add(e);
            if (!fired3[0] && e.index() == 3 && e.state() == StepEvent.State.RUNNING && e.detail().equals("Wait until traffic flows")) {
                fired3[0] = true;
                handle3.join().cancel();
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(fired3[0], "Cancel was pressed while the bridge waited for traffic: " + bridgeSteps);
        OperationCancelledException c = assertInstanceOf(OperationCancelledException.class, cancelled3, String.valueOf(cancelled3));
        LOG.info("Cancel during Bridge undid {} (left {})", c.undone(), c.left());
        assertEquals(List.of(), c.left());
        assertTrue(c.undone().contains("remove container " + APP), c.undone().toString());
        // The bridge cancelled while it waited undoes itself (its mount and bridge); the cluster below shows it.
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            assertTrue(engine.inspect(APP).isEmpty(), "the container the start ran is gone");
        }
        poll("the bridge and its mount gone (the operator restores the workload)", WAIT,
                () -> gefyra.bridges(Map.of()).isEmpty() && gefyra.mounts().isEmpty());
        assertTrue(core.journal.running().isEmpty(), "no operation left running: " + core.journal.running());
        assertEquals(ConnectionState.CONNECTED, core.connections.snapshot().of(Rig.CONTEXT).orElseThrow().state(),
                "the connection stays (Disconnect removes it)");
        disconnectAndUninstall();
        assertNothingLeft("after the last Disconnect");
    }

    /** Starts the setup with the value it asks for; the future gets the result text or the failure. */
    private CompletableFuture<Object> start(Setup setup, CompletableFuture<TaskLauncher.Cancellable> handle,
                                            Consumer<StepEvent> steps) {
        CompletableFuture<Object> end = new CompletableFuture<>();
        handle.complete(core.setups.start(setup.id(), Map.of("API_TOKEN", "typed-at-start"), steps, end::complete, end::complete));
        return end;
    }

    private static StepEvent last(List<StepEvent> events, int index) {
        return events.stream().filter(e -> e.index() == index).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no event of step " + index + " in " + events));
    }

    private Path setupsFile() throws Exception {
        try (var files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().equals("setups.json")).findFirst()
                    .orElseThrow(() -> new AssertionError("no setups.json under " + home));
        }
    }

    private void connect() {
        stowawayForgotTheLastAttempt();
        core.connections.show(Rig.CONTEXT);
        core.connections.connect(Rig.CONTEXT);
        await("connected", s -> s.of(Rig.CONTEXT).map(c -> c.state() == ConnectionState.CONNECTED).orElse(false));
    }

    private Connection connection() {
        return core.connections.snapshot().of(Rig.CONTEXT).map(ConnectionSnapshot::connection).orElseThrow();
    }

    private void disconnectAndUninstall() {
        core.connections.disconnect(Rig.CONTEXT, true);
        await("disconnected", s -> s.of(Rig.CONTEXT).map(c -> c.state() == ConnectionState.NOT_CONNECTED).orElse(false));
    }

    private LocalState localWith(Connection conn, Predicate<LocalState> condition, String what) {
        poll(what, WAIT, () -> {
            core.local.refresh(conn.name());
            LocalState s = core.local.state(conn.name());
            return s != null && condition.test(s);
        });
        return core.local.state(conn.name());
    }

    /** The rig's Stowaway must drop the last attempt's peer before the same client registers again. */
    private void stowawayForgotTheLastAttempt() {
        poll("the rig's Stowaway to drop the last attempt's peer", WAIT, () -> rig.side.handshakes().isEmpty());
    }

    /** Asks every 200 ms until the condition holds (states inside containers and the cluster nothing announces). */
    private static void poll(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        try {
            dev.ponte.core.task.Poll.until(what, () -> {
                try {
                    return Boolean.TRUE.equals(condition.call()) ? Boolean.TRUE : null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, timeout, Duration.ofMillis(200), new CancellationToken());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private void await(String what, Predicate<ConnectionsSnapshot> condition) {
        Supplier<String> why = () -> core.connections.snapshot().of(Rig.CONTEXT).map(ConnectionSnapshot::headline).orElse("");
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (Subscription sub = core.connections.subscribe(s -> {
            if (condition.test(s)) {
                done.complete(null);
            }
        })) {
            done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + ": " + why.get(), e);
        } catch (Exception e) {
            throw new AssertionError("waiting for " + what + ": " + e, e);
        }
    }

    private void assertNothingLeft(String where) throws Exception {
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            assertTrue(engine.containers(Map.of(CargoLabels.CREATED_BY, "true")).isEmpty(), "no Cargo — " + where);
            assertTrue(engine.inspect(APP).isEmpty(), "no app container — " + where);
            assertTrue(engine.networks().stream().noneMatch(n -> n.name().startsWith("gefyra-network-")), "no network — " + where);
        }
        assertEquals(List.of(), gefyra.leftovers(), "nothing of Gefyra in the cluster — " + where);
        Path dir = home.resolve(".gefyra");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no connection file — " + where);
            }
        }
        assertTrue(core.journal.entries().isEmpty() && core.journal.running().isEmpty(), "the journal is empty — " + where
                + ": " + core.journal.entries() + " " + core.journal.running());
    }
}
