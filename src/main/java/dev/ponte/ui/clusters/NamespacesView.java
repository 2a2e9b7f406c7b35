package dev.ponte.ui.clusters;

import atlantafx.base.theme.Styles;
import dev.ponte.ui.common.Tips;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The selected context's namespaces: filter box, live list, and a typed namespace when listing is forbidden. */
public final class NamespacesView extends VBox {
    // Empty and unfocused in the first frame, where it was the process's first text field: it draws its prompt and
    // builds the text skin only when it is used (LazyTextField).
    private final TextField filter = new dev.ponte.ui.common.LazyTextField();
    private final ListView<String> list = new dev.ponte.ui.common.LazyListView<>();
    private TextField typed;

    public NamespacesView(ClusterViewModel vm) {
        setId("namespacesView");
        getStyleClass().add("side-section");
        Label header = new Label("NAMESPACES");
        header.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);

        filter.setId("namespaceFilter");
        filter.setPromptText("Filter namespaces");
        filter.textProperty().bindBidirectional(vm.namespaceFilterProperty());

        list.setId("namespaceList");
        list.setItems(vm.shownNamespaces());
        list.setCellFactory(l -> new NamespaceCell(vm));
        // Ctrl+D pins the selected namespace on top (★) or unpins it, as bookmarking does in a browser.
        list.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.D && e.isShortcutDown()) {
                String ns = list.getSelectionModel().getSelectedItem();
                if (ns != null) {
                    vm.toggleFavourite(ns);
                    list.getSelectionModel().select(ns);
                }
                e.consume();
            }
        });
        list.setPlaceholder(new Label("No namespaces"));
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.selectedNamespaceProperty().set(n);
            }
        });
        vm.selectedNamespaceProperty().addListener((obs, o, n) -> syncSelection(n));
        vm.shownNamespaces().addListener((javafx.collections.ListChangeListener<String>) c ->
                syncSelection(vm.selectedNamespaceProperty().get()));
        VBox.setVgrow(list, Priority.ALWAYS);

        Label notice = new Label();
        notice.setId("namespaceNotice");
        notice.setWrapText(true);
        notice.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        notice.textProperty().bind(vm.namespaceNoticeProperty());
        notice.visibleProperty().bind(vm.namespaceNoticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        Label stale = new Label();
        stale.setId("namespacesStale");
        stale.setWrapText(true);
        stale.setMinHeight(Region.USE_PREF_SIZE); // wraps whole, never elided
        stale.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        stale.textProperty().bind(vm.namespacesStaleProperty());
        javafx.scene.control.Button refresh = new javafx.scene.control.Button("Refresh");
        refresh.setId("namespacesRefresh");
        refresh.getStyleClass().add(Styles.SMALL);
        refresh.setOnAction(e -> vm.retryNow());
        VBox staleBox = new VBox(4, stale, refresh);
        staleBox.visibleProperty().bind(vm.namespacesStaleProperty().isNotEmpty());
        staleBox.managedProperty().bind(staleBox.visibleProperty());

        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(header, filter, notice, staleBox, list);
        // The typed namespace shows only when listing is forbidden: built then, in its place above the list (a hidden
        // text field still gets its skin and its CSS in the first frame).
        vm.namespacesForbiddenProperty().subscribe(forbidden -> {
            if (forbidden && typed == null) {
                typed = typedNamespace(vm);
                getChildren().add(getChildren().indexOf(list), typed);
            }
        });
    }

    private TextField typedNamespace(ClusterViewModel vm) {
        TextField field = new TextField();
        field.setId("namespaceInput");
        field.setPromptText("Type a namespace and press Enter");
        field.setOnAction(e -> vm.useNamespace(field.getText()));
        field.visibleProperty().bind(vm.namespacesForbiddenProperty());
        field.managedProperty().bind(field.visibleProperty());
        return field;
    }

    /** The field for a namespace typed by hand, once listing namespaces was forbidden; empty before. */
    java.util.Optional<TextField> typedField() {
        return java.util.Optional.ofNullable(typed);
    }

    private void syncSelection(String ns) {
        if (ns == null) {
            list.getSelectionModel().clearSelection();
        } else if (!ns.equals(list.getSelectionModel().getSelectedItem())) {
            list.getSelectionModel().select(ns);
        }
    }

    /** A namespace: its name, ★ when pinned, and a star button to pin or unpin it. */
    private static final class NamespaceCell extends javafx.scene.control.ListCell<String> {
        private final ClusterViewModel vm;
        private final javafx.scene.control.Button star = new javafx.scene.control.Button();
        private final Label name = new Label();
        private final javafx.scene.layout.HBox box;

        NamespaceCell(ClusterViewModel vm) {
            this.vm = vm;
            star.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "favourite-star");
            star.setFocusTraversable(false); // Ctrl+D on the list does it by keyboard
            star.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            name.setWrapText(true);
            name.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            name.setMaxWidth(Double.MAX_VALUE);
            javafx.scene.layout.HBox.setHgrow(name, Priority.ALWAYS);
            box = new javafx.scene.layout.HBox(4, name, star);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setPrefWidth(0);
            vm.favourites().revisionProperty().addListener((o, a, b) -> render());
        }

        @Override
        protected void updateItem(String ns, boolean empty) {
            super.updateItem(ns, empty);
            render();
        }

        private void render() {
            String ns = getItem();
            if (isEmpty() || ns == null) {
                setGraphic(null);
                setText(null);
                setContextMenu(null);
                return;
            }
            boolean fav = vm.isFavourite(ns);
            name.setText((fav ? "★ " : "") + ns);
            star.setText(fav ? "★" : "☆");
            String what = (fav ? "Unpin " : "Pin ") + ns + (fav ? "" : " on top");
            star.setAccessibleText(what);
            Tips.set(star, what + " (Ctrl+D)");
            star.setOnAction(e -> vm.toggleFavourite(ns));
            star.setOpacity(fav ? 1 : 0.55);
            javafx.scene.control.MenuItem pin = new javafx.scene.control.MenuItem(fav ? "Unpin from the top" : "Pin to the top (★)");
            pin.setOnAction(e -> vm.toggleFavourite(ns));
            setContextMenu(new javafx.scene.control.ContextMenu(pin));
            setAccessibleText(ns + (fav ? ", pinned" : ""));
            setText(null);
            setGraphic(box);
        }
    }

    public TextField filterField() {
        return filter;
    }
}
