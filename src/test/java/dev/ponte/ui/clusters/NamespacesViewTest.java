package dev.ponte.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.KubeContext;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.Backoff;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakeCluster;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The namespaces pane builds the field for a typed namespace only when listing namespaces is forbidden, and its filter
 * field its text skin only when it is used.
 */
@ExtendWith(ApplicationExtension.class)
class NamespacesViewTest {
    private final FakeCluster cluster = new FakeCluster();
    private ClusterViewModel vm;
    private NamespacesView view;

    @Start
    void start(Stage stage) {
        vm = new ClusterViewModel(cluster, new DirectTaskRunner(), new ManualScheduler(), Runnable::run, new UiSettings(),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)));
        view = new NamespacesView(vm);
        // Something before the pane takes the first focus, as in the window (where the filter is not focused first).
        javafx.scene.control.Button before = new javafx.scene.control.Button("before");
        stage.setScene(new Scene(new javafx.scene.layout.VBox(before, view), 250, 460));
        stage.show();
    }

    @Test
    void theTypedNamespaceFieldIsBuiltWhenListingIsForbiddenInItsPlaceAboveTheList(FxRobot robot) {
        assertTrue(view.typedField().isEmpty(), "not built while namespaces can be listed");
        robot.interact(() -> vm.show(context("dev", "team-a")));
        assertTrue(view.typedField().isEmpty(), "listed: still not built");

        cluster.namespaceFailure = new ApiStatusException(403, "namespaces is forbidden", null);
        robot.interact(() -> vm.show(context("prod", "shop")));
        TextField typed = view.typedField().orElseThrow();
        assertTrue(typed.isVisible());
        assertEquals(typed, robot.lookup("#namespaceInput").query());
        List<String> ids = view.getChildren().stream().map(Node::getId).filter(java.util.Objects::nonNull).toList();
        assertEquals(List.of("namespaceFilter", "namespaceNotice", "namespaceInput", "namespaceList"), ids,
                "the pane's order, and so the keyboard's, as before");

        cluster.namespaceFailure = null;
        robot.interact(() -> vm.show(context("dev", "team-a")));
        assertTrue(!typed.isVisible() && !typed.isManaged(), "hidden again, not built twice");
        assertEquals(1, view.lookupAll("#namespaceInput").size());
    }

    @Test
    void theFilterWaitsForItsTextSkinAndFiltersWhenClickedAndTypedInto(FxRobot robot) {
        robot.interact(() -> vm.show(context("dev", "team-a")));
        dev.ponte.ui.common.LazyTextField filter = (dev.ponte.ui.common.LazyTextField) view.filterField();
        assertFalse(filter.textSkinBuilt(), "empty and unfocused: only its prompt");
        robot.clickOn(filter);
        robot.write("pay");
        Wait.until("the list filtered", () -> List.of("payments").equals(List.copyOf(vm.shownNamespaces())),
                () -> "; it shows " + vm.shownNamespaces() + ", the field '" + filter.getText() + "'");
        assertTrue(filter.textSkinBuilt());
    }

    @Test
    void aFilterSetByTheViewModelIsShownInTheField(FxRobot robot) {
        robot.interact(() -> vm.namespaceFilterProperty().set("pay"));
        Wait.until("the filter's text drawn", () -> view.filterField().lookupAll(".text").stream()
                .anyMatch(t -> t.isVisible() && "pay".equals(((javafx.scene.text.Text) t).getText())));
    }

    private static ContextItemViewModel context(String name, String namespace) {
        return new ContextItemViewModel(new KubeContext(name, "c", "u", namespace, "https://x", Path.of("/k")));
    }
}
