package dev.ponte.testsupport;

import dev.ponte.app.AppContext;
import dev.ponte.app.CoreServices;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.health.HealthRules;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.setups.SetupStore;
import dev.ponte.kube.KubeconfigLoader;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.shell.MainView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The real main window ({@link AppContext}, {@link MainView}) on core services over in-memory ports ({@link FakePorts}):
 * contexts from a generated kubeconfig, namespaces and workloads from the fake sessions, Connect, Run and Bridge on the
 * fake engine and Gefyra clusters, the window's own task layer and threads. Health samples only when the test
 * advances {@link #scheduler}.
 */
public final class FakeApp {
    public final FakePorts ports;
    public final Journal journal;
    public final AppContext app;
    public final MainView view;
    public final Scene scene;

    private FakeApp(FakePorts ports, Journal journal, AppContext app, MainView view, Scene scene) {
        this.ports = ports;
        this.journal = journal;
        this.app = app;
        this.view = view;
        this.scene = scene;
    }

    /** Ports for {@code contexts}, each with namespaces default, payments, monitoring and workloads api, web, redis. */
    public static FakePorts ports(Path dir, String... contexts) {
        FakePorts ports = new FakePorts(dir, contexts);
        ports.inspector = new FakeInspector();
        ports.engine.addImage("acme/api:dev");
        ports.engine.addImage("acme/api:1.4");
        ports.namespaces.addAll(List.of("default", "payments", "monitoring", "kube-system"));
        Instant created = Instant.now().minus(Duration.ofDays(3));
        ports.workloads.put("default", List.of(
                new Workload(WorkloadKind.DEPLOYMENT, "default", "api", 2, 2, List.of("acme/api:1.4"), created, Map.of("app", "api")),
                new Workload(WorkloadKind.DEPLOYMENT, "default", "web", 3, 3, List.of("acme/web:2.0"), created, Map.of("app", "web")),
                new Workload(WorkloadKind.STATEFUL_SET, "default", "redis", 1, 1, List.of("redis:7"), created, Map.of("app", "redis"))));
        return ports;
    }

    /** Shows the window on {@code stage}, {@code width} × {@code height}, on {@code ports} and {@code journal}. */
    public static FakeApp show(Stage stage, Path dir, FakePorts ports, Journal journal, UiSettings settings, double width,
                               double height) {
        Path kubeconfig = writeKubeconfig(dir.resolve("kubeconfig"), ports.clusters.keySet().stream().toList());
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
        ConnectionService.Options options = ConnectionService.Options.defaults().withStepTimeout(Duration.ofSeconds(5))
                .withPicker(() -> new SubnetPicker(List::of))
                .withHealth(new TunnelMonitor.Settings(Duration.ofSeconds(1), 10, Duration.ZERO, HealthRules.Thresholds.DEFAULT));
        ManualScheduler scheduler = new ManualScheduler();
        AppContext app = new AppContext(settings, Clock.systemUTC(), (extra, tasks, io, health) -> new CoreServices(
                new CoreServices.Ports(new KubeconfigLoader(env, dir), ctx -> ports.clusterPorts.open(ctx.name()), ports.engines,
                        ports.clusterPorts, ports.settings, journal, SetupStore.open(dir.resolve("setups.json")), () -> { }),
                Clock.systemUTC(), tasks, io, scheduler, options));
        MainView view = app.createView();
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(FakeApp.class.getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.sizeToScene(); // the stage is shared by the tests: one that resized it must not leave the next one small
        stage.show();
        app.mainViewModel().start();
        app.afterFirstFrame();
        FakeApp f = new FakeApp(ports, journal, app, view, scene);
        f.schedulerRef = scheduler;
        return f;
    }

    private ManualScheduler schedulerRef;

    /** The scheduler the connection service samples health on. */
    public ManualScheduler healthScheduler() {
        return schedulerRef;
    }

    /** A kubeconfig whose contexts have the given names (servers on a closed local port: browsing goes to the fakes). */
    public static Path writeKubeconfig(Path file, List<String> contexts) {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: \"" + contexts.getFirst() + "\"\nclusters:\n");
        for (int i = 0; i < contexts.size(); i++) {
            y.append("- name: c").append(i).append("\n  cluster:\n    server: https://127.0.0.1:1\n");
        }
        y.append("users:\n- name: dev\n  user:\n    token: not-a-real-token\ncontexts:\n");
        for (int i = 0; i < contexts.size(); i++) {
            y.append("- name: \"").append(contexts.get(i)).append("\"\n  context:\n    cluster: c").append(i)
                    .append("\n    user: dev\n    namespace: default\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, y.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
