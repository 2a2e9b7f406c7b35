package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.app.CoreServices;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.StepEvent;
import dev.ponte.docker.DockerEngine;
import dev.ponte.kube.gefyra.Fabric8GefyraCluster;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.FxTaskRunner;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.connection.ConnectionViewModel;
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
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Cancel at every step, through the path the window takes: the panel's view-model, the connection service, the
 * window's task layer ({@link FxTaskRunner}) and the real adapters on the rig. The panel must say Cancelling until
 * the undoing is over, then Cancelled, and nothing of the attempt may be left. Run and Bridge are cancelled at each
 * of their steps the way their dialogs do (the task's handle), with the same check.
 */
@Tag("rig")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ApplicationExtension.class)
class CancelOnRigTest {
    private static final Logger LOG = LoggerFactory.getLogger(CancelOnRigTest.class);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String APP = "cancel-app";
    private Rig rig;
    private Path home;
    private CoreServices core;
    private ConnectionViewModel vm;
    private Fabric8GefyraCluster gefyra;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> Thread.ofPlatform().daemon().unstarted(r));
    private final ScheduledExecutorService health = Executors.newScheduledThreadPool(1, r -> Thread.ofPlatform().daemon().unstarted(r));
    private final FxTaskRunner tasks = new FxTaskRunner(pool);

    @BeforeAll
    void start() throws Exception {
        RigRequirements.check();
        org.testfx.api.FxToolkit.registerPrimaryStage(); // the task layer and the view-model live on the FX thread
        rig = Rig.start();
        home = Files.createTempDirectory("ponte-cancel");
        gefyra = new Fabric8GefyraCluster(rig.cluster.client());
        UiSettings settings = new UiSettings();
        settings.cargoImage = rig.cargoImage();
        settings.cargoEndpoint = rig.cargoEndpoint();
        settings.engineEndpoint = Rig.ENGINE;
        core = new CoreServices(Map.of("KUBECONFIG", rig.kubeconfig.toString(), "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), home, settings, List::of, Clock.systemUTC(), tasks,
                pool, health);
        CompletableFuture<ConnectionViewModel> made = new CompletableFuture<>();
        Platform.runLater(() -> made.complete(new ConnectionViewModel(core.connections, core.engines, tasks, Platform::runLater)));
        vm = made.get(10, TimeUnit.SECONDS);
        core.connections.reconcile();
        Wait.until("the reconcile", () -> core.connections.snapshot().reconciled());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            core.connections.show(Rig.CONTEXT);
            var s = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
            if (s.state().isUp()) {
                core.connections.disconnect(Rig.CONTEXT, true);
                Wait.until("disconnected", () -> !core.connections.snapshot().of(Rig.CONTEXT).orElseThrow().state().isBusy());
            }
        } finally {
            core.close();
            rig.close();
            pool.shutdownNow();
            health.shutdownNow();
        }
    }

    @Test
    void cancelAtEachStepOfConnectUndoesItAndSaysCancellingThenCancelled(FxRobot robot) throws Exception {
        robot.interact(() -> vm.show(Rig.CONTEXT));
        for (int step = 1; step <= 8; step++) {
            List<dev.ponte.core.connections.ConnectionState> seen = new CopyOnWriteArrayList<>();
            int at = step;
            boolean[] fired = {false};
            robot.interact(() -> {
                vm.stateProperty().addListener((o, x, n) -> seen.add(n));
                vm.steps().addListener((ListChangeListener<dev.ponte.ui.connection.StepItem>) c -> cancelWhen(at, fired));
            });
            stowawayForgotTheLastAttempt();
            robot.interact(vm::connect);
            Wait.until("the attempt to end", WAIT, () -> vm.stateProperty().get() == ConnectionState.NOT_CONNECTED && fired[0]
                    || vm.stateProperty().get() == ConnectionState.CONNECTED || vm.stateProperty().get() == ConnectionState.FAILED,
                    () -> " step " + at + ": " + vm.stateProperty().get() + " " + vm.headlineProperty().get());
            String where = "cancel at step " + at + ": states " + seen + ", result " + vm.resultProperty().get();
            LOG.info(where);
            assertEquals(ConnectionState.NOT_CONNECTED, vm.stateProperty().get(), where + " " + vm.problemProperty().get());
            assertTrue(seen.indexOf(ConnectionState.CANCELLING) > seen.indexOf(ConnectionState.CONNECTING)
                    && seen.getLast() == ConnectionState.NOT_CONNECTED, "Cancelling, then Cancelled: " + where);
            assertTrue(vm.resultProperty().get().startsWith("Cancelled."), where);
            assertNothingLeft(where);
        }
    }

    /**
     * The rig follows the operator double's peers by polling; after an undone attempt it must drop the old peer
     * before the next attempt registers the same client anew (a real Stowaway restarts on every change).
     */
    private void stowawayForgotTheLastAttempt() {
        Wait.until("the rig's Stowaway to drop the last attempt's peer", () -> rig.side.handshakes().isEmpty());
    }

    /** Cancels once the given step shows as running (FX thread). */
    private void cancelWhen(int step, boolean[] fired) {
        if (!fired[0] && vm.steps().size() >= step && vm.steps().get(step - 1) != null
                && vm.steps().get(step - 1).get().state() == StepEvent.State.RUNNING) {
            fired[0] = true;
            vm.cancel();
        }
    }

    @Test
    void cancelAtEachStepOfRunAndBridgeRemovesWhatItMade(FxRobot robot) throws Exception {
        robot.interact(() -> vm.show(Rig.CONTEXT));
        stowawayForgotTheLastAttempt();
        robot.interact(vm::connect);
        Wait.until("connected", WAIT, () -> vm.stateProperty().get() == ConnectionState.CONNECTED,
                () -> ": " + vm.headlineProperty().get());
        Connection conn = vm.connectionProperty().get();
        // (Copying the environment is skipped: this Run copies none.)
        for (String step : List.of("Check the tunnel", "Start the container", "Wait until it runs", "Route it through Cargo")) {
            Object result = cancelled(robot, "Run", (steps) -> core.runs.run(new RunRequest(conn, APP, rig.appImage(), List.of(),
                    "default", Map.of(), null, List.of(), List.of(), false, 0, 0, Duration.ofSeconds(30)), steps), step);
            try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
                assertTrue(engine.inspect(APP).isEmpty(), "Run cancelled at '" + step + "' removed its container: " + result);
            }
            assertTrue(core.journal.running().isEmpty(), "the journal knows Run ended");
        }
        // One app for the bridge, then cancel the bridge at each of its steps.
        CompletableFuture<Object> ran = new CompletableFuture<>();
        Platform.runLater(() -> tasks.run("Run", core.runs.run(new RunRequest(conn, APP, rig.appImage(), List.of(), "default",
                Map.of(), null, List.of(), List.of(), false, 0, 0, Duration.ofSeconds(30)), e -> { }), ran::complete, ran::completeExceptionally));
        ran.get(60, TimeUnit.SECONDS);
        BridgePlan plan = new BridgePlan("default", WorkloadKind.DEPLOYMENT, "api", "api", List.of(new PortMapping(8080,
                RigImages.APP_PORT)), APP, new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-user", "cancel", MatchRules.Type.EXACT))))));
        for (String step : List.of("Prepare the workload (Carrier2)", "Create the bridge", "Wait until traffic flows")) {
            Object result = cancelled(robot, "Bridge", steps -> (progress, cancel) -> core.bridges(conn).bridge(plan,
                    new dev.ponte.core.task.Progress() {
                        @Override
                        public void step(String name, int index, int total) {
                            progress.step(name, index, total);
                            steps.accept(new StepEvent(index, total, name, StepEvent.State.RUNNING, Duration.ZERO, ""));
                        }

                        @Override
                        public void message(String text) {
                            progress.message(text);
                        }
                    }, cancel), step);
            Wait.until("the mount and the bridge gone (the operator restores the workload)", WAIT,
                    () -> gefyra.bridges(Map.of()).isEmpty() && gefyra.mounts().isEmpty(), () -> " after '" + step + "': " + result);
            assertTrue(core.journal.running().isEmpty(), "the journal knows Bridge ended");
        }
    }

    /** Runs the operation on the window's task layer, cancels it when {@code step} starts, waits for its end. */
    private Object cancelled(FxRobot robot, String what, java.util.function.Function<java.util.function.Consumer<StepEvent>,
            dev.ponte.core.task.Operation<?>> make, String step) throws Exception {
        CompletableFuture<Object> end = new CompletableFuture<>();
        dev.ponte.ui.common.TaskRunner.TaskHandle[] handle = new dev.ponte.ui.common.TaskRunner.TaskHandle[1];
        boolean[] fired = {false};
        java.util.function.Consumer<StepEvent> steps = e -> {
            if (!fired[0] && e.name().equals(step) && e.state() == StepEvent.State.RUNNING) {
                fired[0] = true;
                handle[0].cancel(); // from the operation's thread, while the step runs (the handle is thread-safe)
            }
        };
        robot.interact(() -> handle[0] = tasks.run(what, make.apply(steps), end::complete, end::complete));
        Object result = end.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(fired[0], what + " reached '" + step + "'");
        assertTrue(result instanceof java.util.concurrent.CancellationException, what + " cancelled at '" + step + "' ended: " + result);
        if (result instanceof OperationCancelledException c) {
            assertTrue(c.left().isEmpty(), "nothing it could not undo: " + c.left());
        }
        LOG.info("{} cancelled at '{}': {}", what, step, String.valueOf(result));
        return result;
    }

    private void assertNothingLeft(String where) throws Exception {
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            assertTrue(engine.containers(Map.of(CargoLabels.CREATED_BY, "true")).isEmpty(), "no container — " + where);
            assertTrue(engine.networks().stream().noneMatch(n -> n.name().startsWith("gefyra-network-")), "no network — " + where);
        }
        // Deleting namespace gefyra is asynchronous (Kubernetes, and the double, remove its objects after it is gone).
        Wait.until("nothing of Gefyra in the cluster — " + where, WAIT, () -> gefyra.leftovers().isEmpty(),
                () -> ": " + gefyra.leftovers());
        Path dir = home.resolve(".gefyra");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no file — " + where);
            }
        }
        assertTrue(core.journal.entries().isEmpty() && core.journal.running().isEmpty(), "the journal is empty — " + where
                + ": " + core.journal.entries() + " " + core.journal.running());
    }
}
