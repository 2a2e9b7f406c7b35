package dev.ponte.ui.bridge;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Outcome;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Review page (everything chosen, before anything changes) and the progress page. */
final class ReviewPages {
    private ReviewPages() {
    }

    static VBox review(BridgeWizardViewModel vm) {
        Label intro = WizardPages.intro("Check what Ponte will do. Nothing in the cluster has changed yet.");
        GridPane grid = new GridPane();
        grid.setId("reviewGrid");
        grid.setHgap(16);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, values);
        TextArea curl = RulesEditorView.curlArea("reviewCurl", vm.rules());
        Runnable render = () -> {
            grid.getChildren().clear();
            if (vm.pageProperty().get() != Page.REVIEW) {
                return;
            }
            ContainerChoice c = vm.container.get();
            LocalChoice l = vm.local.get();
            int row = 0;
            row = line(grid, row, "Workload", vm.target() + " in namespace " + vm.namespace());
            row = line(grid, row, "Container", c == null ? "—" : c.name() + " · " + c.detail().image());
            row = line(grid, row, "Preparation", vm.mountNoteProperty().get());
            row = line(grid, row, "Ports", vm.ports().stream().filter(p -> p.selected.get())
                    .map(p -> p.port().port() + " → " + p.localPort.get().strip()).collect(Collectors.joining(", ")));
            row = line(grid, row, "Local container", l == null ? "—" : BridgeWizardViewModel.describe(l.container()));
            row = line(grid, row, "Rules", vm.rules().summaryProperty().get());
            Label test = new Label("Test request");
            test.getStyleClass().add(Styles.TEXT_MUTED);
            GridPane.setValignment(test, javafx.geometry.VPos.TOP);
            grid.add(test, 0, row);
            grid.add(curl, 1, row);
        };
        vm.pageProperty().addListener((o, a, b) -> render.run());
        vm.mountNoteProperty().addListener((o, a, b) -> render.run());
        Label hint = WizardPages.muted("Bridge creates the mount if the workload has none (its pods restart with Carrier2), then "
                + "your bridge; other people's traffic keeps going to the cluster. Unbridge undoes it.");
        Message overlap = WizardPages.message("reviewOverlap", Styles.WARNING, "Overlaps another bridge",
                vm.checks().overlapProperty());
        Label before = WizardPages.muted("Before you bridge, a test request shows the way as it is now: both requests "
                + "should be answered by the cluster.");
        TestRequestPanel test = new TestRequestPanel("reviewTest", vm.checks().shots(), vm.checks().testingProperty(),
                vm.checks().testProblemProperty(), vm::sendTestRequests);
        VBox page = new VBox(12, intro, overlap, grid, hint, before, test);
        page.setId("reviewPage");
        return page;
    }

    private static int line(GridPane grid, int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setId("review-" + label.toLowerCase().replace(' ', '-'));
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        grid.add(l, 0, row);
        grid.add(v, 1, row);
        return row + 1;
    }

    static VBox progress(BridgeWizardViewModel vm) {
        Label state = new Label();
        state.setId("progressState");
        state.getStyleClass().add(Styles.TITLE_4);
        state.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.outcomeProperty().get()) {
            case EDITING, RUNNING -> "Bridging " + vm.target() + "…";
            case ACTIVE -> "Bridge active";
            case FAILED -> vm.problemProperty().get() != null && vm.problemProperty().get().kind() == Problem.Kind.CANCELLED
                    ? "Cancelled" : "Bridge failed";
        }, vm.outcomeProperty(), vm.problemProperty()));
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(vm.outcomeProperty().isEqualTo(Outcome.RUNNING));
        bar.managedProperty().bind(bar.visibleProperty());
        ListView<String> lines = new ListView<>(vm.progress());
        lines.setId("progressLines");
        lines.setFocusTraversable(false);
        lines.setPrefHeight(200);
        lines.getStyleClass().add(Styles.DENSE);
        vm.progress().addListener((javafx.collections.ListChangeListener<String>) c -> lines.scrollTo(vm.progress().size() - 1));

        Message success = WizardPages.message("bridgeResult", Styles.SUCCESS, "Traffic is active", vm.resultProperty());
        Message failed = new Message("", "");
        failed.setId("bridgeProblem");
        failed.getStyleClass().add(Styles.DANGER);
        vm.problemProperty().addListener((o, a, p) -> WizardPages.show(failed, p));
        WizardPages.show(failed, null);
        Label keep = WizardPages.muted("Your choices are kept: Back to review changes them, Try again runs the same bridge again.");
        keep.visibleProperty().bind(vm.outcomeProperty().isEqualTo(Outcome.FAILED));
        keep.managedProperty().bind(keep.visibleProperty());
        Button copy = new Button("Copy _details");
        copy.setId("copyDetails");
        copy.visibleProperty().bind(vm.outcomeProperty().isEqualTo(Outcome.FAILED));
        copy.managedProperty().bind(copy.visibleProperty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.details());
            Clipboard.getSystemClipboard().setContent(content);
        });
        TextArea curl = RulesEditorView.curlArea("resultCurl", vm.rules());
        curl.visibleProperty().bind(vm.outcomeProperty().isEqualTo(Outcome.ACTIVE));
        curl.managedProperty().bind(curl.visibleProperty());
        TestRequestPanel test = new TestRequestPanel("resultTest", vm.checks().shots(), vm.checks().testingProperty(),
                vm.checks().testProblemProperty(), vm::sendTestRequests).shownWhen(vm.outcomeProperty().isEqualTo(Outcome.ACTIVE));
        VBox page = new VBox(10, state, bar, lines, success, curl, test, failed, keep, copy);
        page.setId("progressPage");
        return page;
    }
}
