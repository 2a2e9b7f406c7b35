package dev.ponte.ui.diagnostics;

import dev.ponte.core.bridge.TestRequestSender;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.ui.cleanup.CleanupView;
import dev.ponte.ui.cleanup.CleanupViewModel;
import dev.ponte.ui.common.ChildWindows;
import dev.ponte.ui.team.TeamPane;
import dev.ponte.ui.team.TeamViewModel;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the diagnose-and-repair windows (diagnostics, support bundle, leftovers, team, a bridge's test request), one
 * of each per context, brought to the front when open already; they take the main window's theme.
 */
public final class RepairWindows {
    private final RepairTools tools;
    private final Supplier<Window> owner;
    private final Map<String, Stage> open = new HashMap<>();
    private final Map<String, DiagnosticsViewModel> diagnostics = new HashMap<>();
    private final Map<String, TeamViewModel> teams = new HashMap<>();
    private CleanupViewModel cleanup;

    public RepairWindows(RepairTools tools, Supplier<Window> owner) {
        this.tools = tools;
        this.owner = owner;
    }

    /** The diagnostics of a context, checked anew, with {@code line} open (null: the first problem). */
    public void diagnose(String context, String line) {
        DiagnosticsViewModel vm = diagnostics.computeIfAbsent(context, c -> new DiagnosticsViewModel(tools.diagnostics(),
                tools.connections(), tools.tasks()));
        show("diagnostics:" + context, "Diagnostics — " + context, () -> {
            DiagnosticsView view = new DiagnosticsView(vm);
            view.setOnBundle(() -> bundle(context));
            return view;
        }, 760, 720);
        vm.show(context, line);
    }

    public void bundle(String context) {
        show("bundle:" + context, "Support bundle — " + context,
                () -> new SupportBundleView(new SupportBundleViewModel(tools.bundle(), tools.tasks(), context)), 620, 520);
    }

    public void cleanup() {
        if (cleanup == null) {
            cleanup = new CleanupViewModel(tools.cleanup(), tools.tasks());
        }
        show("cleanup", "Leftovers", () -> new CleanupView(cleanup), 760, 680);
        cleanup.scan();
    }

    public void team(String context) {
        TeamViewModel vm = teams.computeIfAbsent(context, c -> new TeamViewModel(tools.team(), tools.tasks(), tools.clock()));
        show("team:" + context, "Team — " + context, () -> new TeamPane(vm), 860, 560);
        vm.show(context);
    }

    /** Sends the test requests of an existing bridge and shows what came back. */
    public void testRequest(Connection connection, Bridge bridge) {
        ObservableList<TestRequestSender.Shot> shots = FXCollections.observableArrayList();
        javafx.beans.property.ReadOnlyBooleanWrapper testing = new javafx.beans.property.ReadOnlyBooleanWrapper();
        javafx.beans.property.ReadOnlyStringWrapper problem = new javafx.beans.property.ReadOnlyStringWrapper("");
        Runnable send = () -> {
            if (testing.get()) {
                return;
            }
            testing.set(true);
            problem.set("");
            shots.clear();
            tools.tasks().run("Test requests to " + bridge.name(), tools.testRequests().apply(connection).send(bridge), r -> {
                testing.set(false);
                shots.setAll(r);
            }, e -> {
                testing.set(false);
                var p = ErrorAdvice.explain(e, connection.context());
                problem.set(p.title() + ": " + p.detail() + " " + p.advice());
            });
        };
        show("test:" + bridge.name(), "Test requests — " + bridge.name(), () -> {
            var panel = new dev.ponte.ui.bridge.TestRequestPanel("bridgeTest", shots, testing.getReadOnlyProperty(),
                    problem.getReadOnlyProperty(), send);
            javafx.scene.control.Label title = new javafx.scene.control.Label("Bridge " + bridge.name() + " → "
                    + bridge.clientContainer());
            title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_4);
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(10, title, panel);
            box.setPadding(new javafx.geometry.Insets(14));
            box.getStyleClass().add("bundle-view");
            box.getStylesheets().addAll(RepairWindows.class.getResource("/dev/ponte/ui/diagnostics/diagnostics.css").toExternalForm(),
                    RepairWindows.class.getResource("/dev/ponte/ui/bridge/bridge.css").toExternalForm());
            javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
            scroll.setFitToWidth(true);
            return scroll;
        }, 640, 480);
        send.run();
    }

    private void show(String key, String title, Supplier<Parent> view, double width, double height) {
        Stage stage = open.get(key);
        if (stage == null) {
            stage = ChildWindows.create(owner.get(), title, view.get(), width, height, false);
            open.put(key, stage);
            stage.setOnHidden(e -> open.remove(key));
        }
        stage.show();
        stage.toFront();
    }
}
