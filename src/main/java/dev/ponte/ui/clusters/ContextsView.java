package dev.ponte.ui.clusters;

import atlantafx.base.theme.Styles;
import dev.ponte.core.model.ContextState;
import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.ui.common.Tips;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** The contexts list with a state dot per context, and what is wrong with the kubeconfig files. */
public final class ContextsView extends VBox {
    private final ListView<ContextItemViewModel> list = new dev.ponte.ui.common.LazyListView<>();
    private final VBox problems = new VBox(4);

    public ContextsView(ContextsViewModel vm) {
        setId("contextsView");
        getStyleClass().add("side-section");
        Label header = new Label("CONTEXTS");
        header.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);

        list.setId("contextList");
        list.setItems(vm.contexts());
        list.setCellFactory(l -> new ContextCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.selectedProperty().set(n);
            }
        });
        vm.selectedProperty().addListener((obs, o, n) -> list.getSelectionModel().select(n));
        list.getItems().addListener((ListChangeListener<ContextItemViewModel>) c ->
                list.getSelectionModel().select(vm.selectedProperty().get()));
        VBox.setVgrow(list, Priority.ALWAYS);
        Label placeholder = new Label();
        placeholder.setId("contextsPlaceholder");
        placeholder.textProperty().bind(vm.loadingProperty().map(l -> l ? "Reading kubeconfig…" : "No contexts"));
        list.setPlaceholder(placeholder);

        problems.setId("kubeconfigProblems");
        problems.getStyleClass().add("problem-list");
        problems.managedProperty().bind(problems.visibleProperty());
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        vm.problems().addListener((ListChangeListener<KubeconfigProblem>) c -> renderProblems(vm));

        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(header, list, problems);
    }

    /**
     * Title and Copy, then every problem wrapped to the panel's width and never cut to one line (a long path
     * would be elided to "config: user ..."); a long list scrolls instead of pushing the contexts away.
     */
    private void renderProblems(ContextsViewModel vm) {
        Label title = new Label("Kubeconfig problems");
        title.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.DANGER);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Button copy = new Button("Copy");
        copy.setId("copyKubeconfigProblems");
        copy.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        Tips.set(copy, "Copy every problem with the full path of its file");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.problemsText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(4, title, spacer, copy);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox lines = new VBox(4);
        lines.setFillWidth(true);
        for (KubeconfigProblem p : vm.problems()) {
            Label l = new Label(p.file().getFileName() + ": " + p.message());
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
            Tips.set(l, p.toString());
            l.getStyleClass().add("problem-line");
            lines.getChildren().add(l);
        }
        ScrollPane scroll = new ScrollPane(lines);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setMaxHeight(Region.USE_PREF_SIZE);
        scroll.setMinHeight(Region.USE_PREF_SIZE); // the contexts list gives way, not the problems
        scroll.prefViewportHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(lines.getHeight(), 220.0), lines.heightProperty()));
        problems.getChildren().setAll(header, scroll);
    }

    public ListView<ContextItemViewModel> list() {
        return list;
    }

    private static final class ContextCell extends ListCell<ContextItemViewModel> {
        private final Circle dot = new Circle(4);
        private final Label name = new Label();
        private final Label detail = new Label();
        /** "⇄ Connected": this context's connection and its state (ux.md: a link symbol when connected). */
        private final Label link = new Label();
        /** The name (wrapped when long), the connection's mark, the reachability detail: one per line. */
        private final VBox text = new VBox(name, link, detail);
        private final HBox box = new HBox(8, dot, text);
        private final javafx.beans.value.ChangeListener<ContextState> stateListener =
                (obs, o, n) -> dot.getStyleClass().setAll("state-dot", cssFor(n));
        private final javafx.beans.value.ChangeListener<dev.ponte.core.connections.ConnectionState> linkListener =
                (obs, o, n) -> showLink(n);
        private ContextItemViewModel bound;

        ContextCell() {
            dot.getStyleClass().add("state-dot");
            link.setId("contextConnection");
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            // Long context names wrap at the panel's width instead of being cut or scrolled sideways.
            name.setWrapText(true);
            detail.setWrapText(true);
            link.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMinWidth(0);
            name.setMinHeight(Region.USE_PREF_SIZE);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ContextItemViewModel item, boolean empty) {
            super.updateItem(item, empty);
            detail.textProperty().unbind();
            if (bound != null) {
                bound.stateProperty().removeListener(stateListener);
                bound.connectionProperty().removeListener(linkListener);
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                Tips.set(this, null);
                return;
            }
            name.setText(dev.ponte.ui.common.Format.breakable(item.name()));
            detail.textProperty().bind(item.stateDetailProperty());
            detail.managedProperty().bind(detail.textProperty().isNotEmpty());
            dot.getStyleClass().setAll("state-dot", cssFor(item.stateProperty().get()));
            item.stateProperty().addListener(stateListener);
            item.connectionProperty().addListener(linkListener);
            showLink(item.connectionProperty().get());
            bound = item;
            Tips.set(this, item.context().cluster() + " · " + item.context().server()
                    + "\nfrom " + item.context().sourceFile());
            setGraphic(box);
        }

        private void showLink(dev.ponte.core.connections.ConnectionState s) {
            link.setVisible(s != null);
            link.setManaged(s != null);
            if (s != null) {
                link.setText("⇄ " + s.word());
                link.getStyleClass().setAll("label", Styles.TEXT_SMALL,
                        dev.ponte.ui.common.Tones.style(s.tone()));
                link.setAccessibleText("connection " + s.word());
            }
        }

        private static String cssFor(ContextState s) {
            return "state-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
