package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournalFile;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.health.HealthRules;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.KubeconfigSource;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.run.RunGateway;
import dev.ponte.core.task.Backoff;
import dev.ponte.testsupport.FakeCluster;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.UiThreadGuard;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.clusters.ClusterViewModel;
import dev.ponte.ui.clusters.ContextsViewModel;
import dev.ponte.ui.common.FxTaskRunner;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.run.LocalContainersViewModel;
import dev.ponte.ui.run.RunDialogViewModel;
import dev.ponte.ui.workloads.WorkloadsViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's view-models, wired as the app wires them (the real task layer on the FX thread, the real services),
 * on ports that record every blocking call made on the FX thread: reading the kubeconfig, switching contexts back and
 * forth, connecting, running a container, stopping, restarting and removing it, looking for engines and
 * disconnecting must not make one. Every property the views bind to must change on the FX thread only.
 */
class NoIoOnTheUiThreadTest {
    @TempDir
    Path dir;
    private final ExecutorService pool = FxTaskRunner.boundedPool(4, 64, Thread.ofPlatform().daemon().factory());
    private final ExecutorService io = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    private final UiThreadGuard guard = new UiThreadGuard(Platform::isFxApplicationThread);
    private final List<String> offThread = new CopyOnWriteArrayList<>();
    private MainViewModel main;
    private ConnectionService service;
    private LocalService local;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        if (main != null) {
            fx(() -> {
                main.stop();
                return null;
            });
        }
        if (local != null) {
            local.close();
        }
        if (service != null) {
            service.close();
        }
        pool.shutdownNow();
        io.shutdownNow();
        timer.shutdownNow();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(15, TimeUnit.SECONDS);
    }

    private void onFxOnly(String what, ObservableValue<?> value) {
        value.addListener((o, a, b) -> {
            if (!Platform.isFxApplicationThread()) {
                offThread.add(what + " changed on " + Thread.currentThread().getName());
            }
        });
    }

    private void onFxOnly(String what, ObservableList<?> list) {
        list.addListener((javafx.collections.ListChangeListener<Object>) c -> {
            if (!Platform.isFxApplicationThread()) {
                offThread.add(what + " changed on " + Thread.currentThread().getName());
            }
        });
    }

    @Test
    void noViewModelDoesIoOnTheFxThread() throws Exception {
        Clock clock = Clock.systemUTC();
        FakePorts ports = new FakePorts(dir, "kind-dev", "staging");
        ports.engine.addImage("acme/api:dev");
        Engines engines = guard.wrap(Engines.class, ports.engines);
        Clusters clusters = guard.wrap(Clusters.class, ports.clusterPorts);
        Journal journal = new Journal(guard.wrap(Journal.Store.class, new JournalFile(dir.resolve("state/journal.json"))), clock);
        FxTaskRunner tasks = new FxTaskRunner(pool);
        Scheduler scheduler = (delay, action) -> {
            var f = timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        service = new ConnectionService(engines, clusters, ports.settings, journal, tasks, io, scheduler, clock,
                ConnectionService.Options.defaults().withStepTimeout(Duration.ofSeconds(5))
                        .withPicker(() -> new SubnetPicker(List::of))
                        .withHealth(new TunnelMonitor.Settings(Duration.ofSeconds(1), 10, Duration.ZERO, HealthRules.Thresholds.DEFAULT)));
        RunBackend runs = guard.wrap(RunBackend.class, new RunGateway(engines, clusters, journal, clock));
        local = new LocalService(runs, tasks, io);
        service.subscribe(local::connectionsChanged);
        KubeconfigSource kubeconfig = guard.wrap(KubeconfigSource.class, extra -> new KubeconfigSnapshot(List.of(Path.of("/k")),
                List.of(new KubeContext("kind-dev", "c", "u", "default", "https://kind", Path.of("/k")),
                        new KubeContext("staging", "c2", "u2", "shop", "https://staging", Path.of("/k"))), "kind-dev", List.of()));
        ClusterConnector connector = guard.wrap(ClusterConnector.class, new FakeCluster());
        UiSettings settings = new UiSettings();

        main = fx(() -> {
            ContextsViewModel contexts = new ContextsViewModel(kubeconfig, tasks, settings);
            ClusterViewModel cluster = new ClusterViewModel(connector, tasks, scheduler, Platform::runLater, settings, Backoff.DEFAULT);
            WorkloadsViewModel workloads = new WorkloadsViewModel(Platform::runLater);
            ConnectionViewModel connection = new ConnectionViewModel(service, engines, tasks, Platform::runLater);
            LocalContainersViewModel localVm = new LocalContainersViewModel(local, Platform::runLater);
            MainViewModel m = new MainViewModel(contexts, cluster, workloads, connection, localVm, settings,
                    new MainViewModel.Services(service, runs, conn -> guard.wrap(BridgeBackend.class,
                            new BridgeGateway(engines, clusters, journal, clock, conn)), tasks, Platform::runLater), "test");
            onFxOnly("contexts", contexts.contexts());
            onFxOnly("selected context", contexts.selectedProperty());
            onFxOnly("session", cluster.sessionProperty());
            onFxOnly("namespaces", cluster.namespaces());
            onFxOnly("workloads", workloads.items());
            onFxOnly("connection state", connection.stateProperty());
            onFxOnly("connection steps", connection.steps());
            onFxOnly("connections", m.connectionsProperty());
            onFxOnly("local containers", localVm.items());
            onFxOnly("local problem", localVm.problemProperty());
            onFxOnly("status", m.statusBar().connectionStatusProperty());
            m.start();
            return m;
        });
        service.reconcile();

        Wait.until("the namespaces of kind-dev", () -> !main.cluster().namespaces().isEmpty());
        fx(() -> {
            var contexts = main.contexts();
            contexts.selectedProperty().set(contexts.contexts().get(1));
            contexts.selectedProperty().set(contexts.contexts().get(0));
            contexts.selectedProperty().set(contexts.contexts().get(1));
            contexts.selectedProperty().set(contexts.contexts().get(0));
            return null;
        });
        Wait.until("kind-dev again", () -> main.cluster().sessionProperty().get() != null
                && "kind-dev".equals(main.cluster().contextProperty().get().name()));

        fx(() -> {
            main.connection().enginePicker().refresh();
            main.connection().connect();
            return null;
        });
        Wait.until("Connected", () -> main.connection().stateProperty().get() == ConnectionState.CONNECTED,
                () -> String.valueOf(main.connection().headlineProperty().get()));
        Wait.until("the local list", () -> main.local().connectionProperty().get() != null);

        RunDialogViewModel run = fx(() -> {
            RunDialogViewModel d = main.newRunDialog(null);
            d.image.set("acme/api:dev");
            d.name.set("api-local");
            d.run();
            return d;
        });
        Wait.until("the container to run", () -> run.resultProperty().get() != null || run.problemProperty().get() != null,
                () -> String.valueOf(run.problemProperty().get()));
        Wait.until("the container in the list", () -> main.local().items().stream().anyMatch(i -> i.name().equals("api-local")));
        fx(() -> {
            var item = main.local().items().stream().filter(i -> i.name().equals("api-local")).findFirst().orElseThrow();
            main.local().stop(item);
            main.local().restart(item);
            main.local().refresh();
            return null;
        });
        Wait.until("the container to run again", () -> main.local().items().stream()
                .anyMatch(i -> i.name().equals("api-local") && i.container().state().equals("running")));
        fx(() -> {
            main.local().remove(main.local().items().stream().filter(i -> i.name().equals("api-local")).findFirst().orElseThrow());
            return null;
        });
        Wait.until("the container gone", () -> main.local().items().isEmpty());

        fx(() -> {
            main.connection().disconnect(false);
            return null;
        });
        Wait.until("Not connected", () -> main.connection().stateProperty().get() == ConnectionState.NOT_CONNECTED,
                () -> String.valueOf(main.connection().headlineProperty().get()));

        assertTrue(guard.calls.contains("Store.save"), "the journal was written");
        assertTrue(guard.calls.stream().anyMatch(c -> c.startsWith("ContainerEngine.")), "the engine was used");
        assertTrue(guard.calls.stream().anyMatch(c -> c.startsWith("ClusterConnector.open")), "sessions were opened");
        assertEquals(List.of(), guard.violations, "port calls on the FX thread");
        assertEquals(List.of(), offThread, "view-model state changed off the FX thread");
    }
}
