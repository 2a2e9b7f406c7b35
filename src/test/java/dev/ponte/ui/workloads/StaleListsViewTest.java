package dev.ponte.ui.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.Change;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.task.Backoff;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakeCluster;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.ui.clusters.ClusterViewModel;
import dev.ponte.ui.clusters.ContextItemViewModel;
import dev.ponte.ui.clusters.NamespacesView;
import dev.ponte.ui.common.UiSettings;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A list whose watch cannot be trusted says so above it, with Refresh; drawn for review. */
@ExtendWith(ApplicationExtension.class)
class StaleListsViewTest {
    private final FakeCluster cluster = new FakeCluster();
    private final WorkloadsViewModel workloads = new WorkloadsViewModel(Runnable::run);
    private ClusterViewModel namespaces;
    private StreamListener<String> namespaceWatch;
    private HBox root;

    @Start
    void start(Stage stage) {
        FakeCluster recording = cluster;
        namespaces = new ClusterViewModel(ctx -> {
            var inner = recording.open(ctx);
            return new dev.ponte.core.port.ClusterSession() {
                public String serverVersion() { return inner.serverVersion(); }
                public dev.ponte.core.port.Subscription watchNamespaces(StreamListener<String> l) {
                    namespaceWatch = l;
                    return inner.watchNamespaces(l);
                }
                public dev.ponte.core.port.Subscription watchWorkloads(String ns, StreamListener<Workload> l) { return inner.watchWorkloads(ns, l); }
                public dev.ponte.core.port.Subscription watchPods(String ns, StreamListener<dev.ponte.core.model.PodSummary> l) { return inner.watchPods(ns, l); }
                public dev.ponte.core.port.WorkloadInspector inspector() { return inner.inspector(); }
                public dev.ponte.core.port.GefyraCluster gefyra() { return inner.gefyra(); }
                public void close() { inner.close(); }
            };
        }, new DirectTaskRunner(), new ManualScheduler(), Runnable::run, new UiSettings(), Backoff.DEFAULT);
        NamespacesView nsView = new NamespacesView(namespaces);
        nsView.setMinWidth(260);
        nsView.setMaxWidth(260);
        WorkloadsView wlView = new WorkloadsView(workloads, Clock.systemUTC());
        HBox.setHgrow(wlView, javafx.scene.layout.Priority.ALWAYS);
        root = new HBox(nsView, wlView);
        Scene scene = new Scene(root, 1100, 420);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        javafx.application.Application.setUserAgentStylesheet(Boolean.getBoolean("ponte.dark")
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.show();
        namespaces.show(new ContextItemViewModel(new KubeContext("kind-dev", "c", "u", "default", "https://x", Path.of("/k"))));
        workloads.show(namespaces.sessionProperty().get(), "default");
        cluster.workloadListener.onChange(Change.added(new Workload(WorkloadKind.DEPLOYMENT, "default", "api", 2, 2,
                List.of("ghcr.io/acme/api:1.4"), Instant.now().minus(Duration.ofDays(3)), Map.of("app", "api"))));
        cluster.workloadListener.onSynced();
    }

    private static boolean shown(FxRobot robot, String id) {
        Node n = robot.lookup("#" + id).query();
        return n.isVisible() && n.getParent().isVisible();
    }

    @Test
    void staleListsShowSinceWhenAndRefreshReadsThemAgain(FxRobot robot) {
        assertFalse(shown(robot, "workloadsStale"));
        assertFalse(shown(robot, "namespacesStale"));
        Instant since = Instant.now().minusSeconds(95);
        robot.interact(() -> {
            cluster.workloadListener.onStale(since, new RuntimeException(new ConnectException("Connection timed out")));
            namespaceWatch.onStale(since, new RuntimeException(new ConnectException("Connection timed out")));
        });

        assertTrue(shown(robot, "workloadsStale"));
        assertTrue(shown(robot, "namespacesStale"));
        String text = robot.lookup("#workloadsStale").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Workloads may be out of date since "), text);
        Screenshots.save(robot, root, "stale-lists" + (Boolean.getBoolean("ponte.dark") ? "-dark" : "-light"));

        robot.clickOn("#workloadsRefresh");
        assertFalse(shown(robot, "workloadsStale"));
        assertEquals(List.of("default", "default"), cluster.watchedNamespaces, "Refresh watched the namespace again");
        robot.clickOn("#namespacesRefresh");
        assertFalse(shown(robot, "namespacesStale"));
        assertEquals(2, cluster.opened, "Refresh of the namespaces opened the context again");
    }
}
