package dev.ponte.ui.clusters;

import atlantafx.base.theme.Styles;
import dev.ponte.core.model.ContextState;
import dev.ponte.core.model.KubeconfigProblem;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** The contexts list with a state dot per context, and what is wrong with the kubeconfig files. */
public final class ContextsView extends VBox {
    private final ListView<ContextItemViewModel> list = new ListView<>();
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
        list.setPlaceholder(new Label("No contexts"));

        problems.setId("kubeconfigProblems");
        problems.getStyleClass().add("problem-list");
        problems.managedProperty().bind(problems.visibleProperty());
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        vm.problems().addListener((ListChangeListener<KubeconfigProblem>) c -> renderProblems(vm));

        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(header, list, problems);
    }

    private void renderProblems(ContextsViewModel vm) {
        problems.getChildren().clear();
        Label title = new Label("Kubeconfig problems");
        title.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.DANGER);
        problems.getChildren().add(title);
        for (KubeconfigProblem p : vm.problems()) {
            Label l = new Label(p.file().getFileName() + ": " + p.message());
            l.setWrapText(true);
            l.setTooltip(new Tooltip(p.toString()));
            l.getStyleClass().add("problem-line");
            problems.getChildren().add(l);
        }
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
        private final HBox title = new HBox(6, name, link);
        private final VBox text = new VBox(title, detail);
        private final HBox box = new HBox(8, dot, text);
        private final javafx.beans.value.ChangeListener<ContextState> stateListener =
                (obs, o, n) -> dot.getStyleClass().setAll("state-dot", cssFor(n));
        private final javafx.beans.value.ChangeListener<dev.ponte.core.connections.ConnectionState> linkListener =
                (obs, o, n) -> showLink(n);
        private ContextItemViewModel bound;

        ContextCell() {
            dot.getStyleClass().add("state-dot");
            link.setId("contextConnection");
            title.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
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
                setTooltip(null);
                return;
            }
            name.setText(item.name());
            detail.textProperty().bind(item.stateDetailProperty());
            detail.managedProperty().bind(detail.textProperty().isNotEmpty());
            dot.getStyleClass().setAll("state-dot", cssFor(item.stateProperty().get()));
            item.stateProperty().addListener(stateListener);
            item.connectionProperty().addListener(linkListener);
            showLink(item.connectionProperty().get());
            bound = item;
            setTooltip(new Tooltip(item.context().cluster() + " · " + item.context().server()
                    + "\nfrom " + item.context().sourceFile()));
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
