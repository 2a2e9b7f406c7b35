package dev.ponte.ui.diagnostics;

import atlantafx.base.theme.Styles;
import dev.ponte.core.diagnostics.Check;
import dev.ponte.core.diagnostics.CheckState;
import dev.ponte.core.diagnostics.Checks;
import dev.ponte.ui.common.Tips;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The diagnostics checklist: one line per check with its verdict; opening a line shows what was measured and the fix.
 * The line a link asked for (or the first that failed) is open and scrolled to. Check again, Copy, Apply MTU and
 * Export support bundle… act on the shown context.
 */
public final class DiagnosticsView extends BorderPane {
    private final DiagnosticsViewModel vm;
    private final VBox list = new VBox(6);
    private final ScrollPane scroll = new ScrollPane(list);
    private Runnable onBundle = () -> { };

    public DiagnosticsView(DiagnosticsViewModel vm) {
        this.vm = vm;
        setId("diagnosticsView");
        getStyleClass().add("diagnostics-view");
        getStylesheets().add(DiagnosticsView.class.getResource("/dev/ponte/ui/diagnostics/diagnostics.css").toExternalForm());
        setTop(header());
        list.setId("checkList");
        list.setPadding(new Insets(10));
        scroll.setFitToWidth(true);
        setCenter(scroll);
        setBottom(footer());
        vm.lines().addListener((ListChangeListener<Check>) c -> render());
        vm.openProperty().addListener((o, a, b) -> render());
        render();
    }

    /** What "Export support bundle…" does (the window opens the bundle dialog). */
    public void setOnBundle(Runnable onBundle) {
        this.onBundle = onBundle;
    }

    private Node header() {
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(vm.contextProperty().map(c -> "Diagnostics — " + c));
        Label summary = new Label();
        summary.setId("diagnosticsSummary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.runningProperty());
        Button again = new Button("Check again");
        again.setId("checkAgainButton");
        again.getStyleClass().add(Styles.ACCENT);
        again.disableProperty().bind(vm.runningProperty());
        again.setOnAction(e -> vm.check());
        HBox top = new HBox(10, title, spin, grow(), again);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, top, summary);
        box.setPadding(new Insets(10, 12, 8, 12));
        box.getStyleClass().add("diagnostics-header");
        return box;
    }

    private Node footer() {
        Label message = new Label();
        message.setId("diagnosticsMessage");
        message.setWrapText(true);
        message.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.SUCCESS);
        message.textProperty().bind(vm.messageProperty());
        Button copy = new Button("Copy");
        copy.setId("copyChecklistButton");
        Tips.set(copy, "The whole checklist as text, secrets masked");
        copy.disableProperty().bind(vm.reportProperty().isNull());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.copyText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button bundle = new Button("Export support bundle…");
        bundle.setId("supportBundleButton");
        bundle.setOnAction(e -> onBundle.run());
        HBox box = new HBox(8, message, grow(), copy, bundle);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8, 12, 10, 12));
        box.getStyleClass().add("diagnostics-footer");
        return box;
    }

    private void render() {
        list.getChildren().setAll(vm.lines().stream().map(this::line).toList());
        String open = vm.openProperty().get();
        list.getChildren().stream().filter(n -> open.equals(n.getUserData())).findFirst().ifPresent(n ->
                javafx.application.Platform.runLater(() -> scroll.setVvalue(Math.min(1, n.getBoundsInParent().getMinY()
                        / Math.max(1, list.getHeight() - scroll.getViewportBounds().getHeight())))));
    }

    private TitledPane line(Check c) {
        Label icon = new Label(switch (c.state()) {
            case OK -> "✓";
            case WARNING -> "!";
            case FAILED -> "✗";
            case NOT_CHECKED -> "–";
        });
        icon.getStyleClass().setAll("label", "check-icon", tone(c.state()));
        Label title = new Label(c.title());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label state = new Label(c.state().word());
        state.getStyleClass().setAll("label", "state-badge", tone(c.state()));
        HBox graphic = new HBox(8, icon, title, grow(), state);
        graphic.setAlignment(Pos.CENTER_LEFT);
        graphic.setMinWidth(0);
        graphic.prefWidthProperty().bind(list.widthProperty().subtract(60));

        Label evidence = new Label(c.evidence());
        evidence.setWrapText(true);
        evidence.getStyleClass().addAll("evidence", "monospace");
        VBox content = new VBox(6, evidence);
        if (!c.fix().isEmpty()) {
            Label fix = new Label("Fix: " + c.fix());
            fix.setWrapText(true);
            fix.getStyleClass().add("fix");
            content.getChildren().add(fix);
        }
        if (c.key().equals(Checks.MTU)) {
            Button apply = new Button();
            apply.setId("applyMtuButton");
            apply.getStyleClass().add(Styles.ACCENT);
            apply.textProperty().bind(vm.suggestedMtuProperty().map(m -> "Apply MTU " + m));
            apply.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.suggestedMtuProperty().get() > 0, vm.suggestedMtuProperty()));
            apply.managedProperty().bind(apply.visibleProperty());
            Tips.set(apply, "Cargo's WireGuard MTU and the network's MTU (upstream's --mtu): "
                    + "a new Cargo and network while connected, remembered for the next Connect");
            apply.setOnAction(e -> vm.applyMtu());
            content.getChildren().add(apply);
        }
        TitledPane pane = new TitledPane(null, content);
        pane.setGraphic(graphic);
        pane.setId("check-" + c.key().replace(':', '-'));
        pane.setUserData(c.key());
        pane.setExpanded(c.key().equals(vm.openProperty().get()));
        pane.getStyleClass().add("check-line");
        return pane;
    }

    private static String tone(CheckState s) {
        return switch (s) {
            case OK -> "tone-success";
            case WARNING -> "tone-warning";
            case FAILED -> "tone-danger";
            case NOT_CHECKED -> "tone-muted";
        };
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
