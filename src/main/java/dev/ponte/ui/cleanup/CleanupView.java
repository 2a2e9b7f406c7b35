package dev.ponte.ui.cleanup;

import atlantafx.base.theme.Styles;
import dev.ponte.core.cleanup.Leftover;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The cleanup assistant: leftovers in groups with check boxes, Remove selected (asking first about anything in use), the result. */
public final class CleanupView extends BorderPane {
    private final CleanupViewModel vm;
    private final VBox groups = new VBox(10);
    /** Asks the user to confirm warned items; returns the confirmed ones. Replaceable for tests. */
    private Function<List<Leftover>, Set<String>> confirm = this::ask;

    public CleanupView(CleanupViewModel vm) {
        this.vm = vm;
        setId("cleanupView");
        getStyleClass().add("cleanup-view");
        getStylesheets().add(CleanupView.class.getResource("/dev/ponte/ui/diagnostics/diagnostics.css").toExternalForm());
        setTop(header());
        groups.setId("leftoverGroups");
        groups.setPadding(new Insets(10, 12, 10, 12));
        ScrollPane scroll = new ScrollPane(groups);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        setBottom(footer());
        vm.rows().addListener((ListChangeListener<CleanupViewModel.Row>) c -> {
            boolean structure = false;
            while (c.next()) {
                structure |= c.wasAdded() || c.wasRemoved() || c.wasPermutated();
            }
            if (structure) {
                render();
            }
        });
        vm.byOrigin.addListener((o, a, b) -> render());
        render();
    }

    public void setConfirm(Function<List<Leftover>, Set<String>> confirm) {
        this.confirm = confirm;
    }

    private Node header() {
        Label title = new Label("Leftovers");
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("What Ponte or the gefyra CLI made, in every context and on this machine's engine, that no "
                + "live connection uses. Another machine's live client is never selected for you.");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        ToggleButton byWho = new ToggleButton("Group by who made it");
        byWho.setId("groupByOrigin");
        byWho.selectedProperty().bindBidirectional(vm.byOrigin);
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.busyProperty());
        Button scan = new Button("Scan again");
        scan.setId("scanButton");
        scan.disableProperty().bind(vm.busyProperty());
        scan.setOnAction(e -> vm.scan());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, title, spin, grow, byWho, scan);
        top.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("cleanupStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        VBox box = new VBox(4, top, intro, status);
        box.setPadding(new Insets(10, 12, 8, 12));
        box.getStyleClass().add("cleanup-header");
        return box;
    }

    private Node footer() {
        Label outcome = new Label();
        outcome.setId("cleanupOutcome");
        outcome.setWrapText(true);
        outcome.getStyleClass().add(Styles.SUCCESS);
        outcome.textProperty().bind(vm.outcomeProperty());
        HBox.setHgrow(outcome, Priority.ALWAYS);
        outcome.setMaxWidth(Double.MAX_VALUE);
        Button remove = new Button();
        remove.setId("removeSelectedButton");
        remove.getStyleClass().add(Styles.DANGER);
        remove.textProperty().bind(vm.selectedCountProperty().map(n -> "Remove selected (" + n + ")"));
        remove.disableProperty().bind(vm.busyProperty().or(vm.selectedCountProperty().isEqualTo(0)));
        remove.setOnAction(e -> {
            List<Leftover> warned = vm.warnings();
            vm.remove(warned.isEmpty() ? Set.of() : confirm.apply(warned));
        });
        HBox box = new HBox(10, outcome, remove);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8, 12, 10, 12));
        box.getStyleClass().add("cleanup-footer");
        return box;
    }

    private void render() {
        groups.getChildren().clear();
        vm.groups().forEach((name, rows) -> {
            Label head = new Label(name);
            head.getStyleClass().addAll("group-header", Styles.TEXT_BOLD);
            VBox items = new VBox(4);
            for (CleanupViewModel.Row r : rows) {
                CheckBox box = new CheckBox(r.item().what());
                box.setId("leftover-" + Integer.toHexString(r.item().id().hashCode()));
                box.selectedProperty().bindBidirectional(r.selected());
                Label why = new Label((vm.byOrigin.get() ? r.item().group() + " · " : "") + r.item().why() + " · " + r.item().where());
                why.setWrapText(true);
                why.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                VBox item = new VBox(1, box, indent(why));
                if (r.item().warning() != null) {
                    Label w = new Label("⚠ " + r.item().warning());
                    w.setWrapText(true);
                    w.getStyleClass().addAll(Styles.TEXT_SMALL, "warning-text");
                    item.getChildren().add(indent(w));
                }
                items.getChildren().add(item);
            }
            groups.getChildren().add(new VBox(4, head, items));
        });
        if (!vm.notChecked().isEmpty()) {
            Label nc = new Label("Not checked: " + String.join("; ", vm.notChecked()));
            nc.setWrapText(true);
            nc.getStyleClass().addAll(Styles.TEXT_SMALL, "warning-text");
            groups.getChildren().add(nc);
        }
    }

    private static Node indent(Node n) {
        HBox b = new HBox(n);
        b.setPadding(new Insets(0, 0, 0, 26));
        return b;
    }

    /** Names each warned item and asks; a No leaves them all out. */
    private Set<String> ask(List<Leftover> warned) {
        Alert a = new Alert(Alert.AlertType.WARNING);
        a.setTitle("Ponte");
        a.setHeaderText("Remove what another machine may be using?");
        a.setContentText(warned.stream().map(l -> "• " + l.what() + ": " + l.warning()).distinct().collect(Collectors.joining("\n")));
        ButtonType yes = new ButtonType("Remove them too", ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("Leave them out", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(yes, no);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        return a.showAndWait().filter(yes::equals).map(x -> warned.stream().map(Leftover::id).collect(Collectors.toSet()))
                .orElse(Set.of());
    }
}
