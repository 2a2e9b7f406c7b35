package dev.ponte.ui.diagnostics;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The support bundle dialog: the list of what goes in, then Save… (a file dialog) and the result. */
public final class SupportBundleView extends VBox {
    private Function<String, Path> chooser;

    public SupportBundleView(SupportBundleViewModel vm) {
        super(10);
        setId("supportBundleView");
        getStyleClass().add("bundle-view");
        getStylesheets().add(SupportBundleView.class.getResource("/dev/ponte/ui/diagnostics/diagnostics.css").toExternalForm());
        setPadding(new Insets(14));
        Label title = new Label("Support bundle for " + vm.context());
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("One zip with what a maintainer needs to understand a problem. Every file passes Ponte's "
                + "redactor first: tokens, passwords, keys and Authorization headers are written as ***.");
        intro.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setId("bundleContents");
        grid.setHgap(12);
        grid.setVgap(4);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints texts = new javafx.scene.layout.ColumnConstraints();
        texts.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, texts);
        for (int i = 0; i < vm.items().size(); i++) {
            Label file = new Label(vm.items().get(i).file());
            file.getStyleClass().add("monospace");
            Label what = new Label(vm.items().get(i).what());
            what.setWrapText(true);
            what.getStyleClass().add(Styles.TEXT_MUTED);
            grid.add(file, 0, i);
            grid.add(what, 1, i);
        }
        Label result = new Label();
        result.setId("bundleResult");
        result.setWrapText(true);
        result.getStyleClass().add(Styles.SUCCESS);
        result.textProperty().bind(vm.resultProperty());
        Label problem = new Label();
        problem.setId("bundleProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(vm.problemProperty());
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.writingProperty());
        Button save = new Button("Save…");
        save.setId("saveBundleButton");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(vm.writingProperty());
        save.setOnAction(e -> {
            Path file = chooser != null ? chooser.apply(vm.suggestedName()) : choose(vm.suggestedName());
            if (file != null) {
                vm.write(file);
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, spin, grow, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, intro, grid, result, problem, buttons);
    }

    /** Tests (and headless use) pick the file without a dialog. */
    public void setChooser(Function<String, Path> chooser) {
        this.chooser = chooser;
    }

    private Path choose(String name) {
        FileChooser c = new FileChooser();
        c.setTitle("Save support bundle");
        c.setInitialFileName(name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zip archive", "*.zip"));
        File f = c.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return f == null ? null : f.toPath();
    }
}
