package dev.ponte.ui.clusters;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The selected context's namespaces: filter box, live list, and a typed namespace when listing is forbidden. */
public final class NamespacesView extends VBox {
    private final TextField filter = new TextField();
    private final ListView<String> list = new ListView<>();

    public NamespacesView(ClusterViewModel vm) {
        setId("namespacesView");
        getStyleClass().add("side-section");
        Label header = new Label("NAMESPACES");
        header.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);

        filter.setId("namespaceFilter");
        filter.setPromptText("Filter namespaces");
        filter.textProperty().bindBidirectional(vm.namespaceFilterProperty());

        list.setId("namespaceList");
        list.setItems(vm.filteredNamespaces());
        list.setPlaceholder(new Label("No namespaces"));
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.selectedNamespaceProperty().set(n);
            }
        });
        vm.selectedNamespaceProperty().addListener((obs, o, n) -> syncSelection(n));
        vm.filteredNamespaces().addListener((javafx.collections.ListChangeListener<String>) c ->
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

        TextField typed = new TextField();
        typed.setId("namespaceInput");
        typed.setPromptText("Type a namespace and press Enter");
        typed.setOnAction(e -> vm.useNamespace(typed.getText()));
        typed.visibleProperty().bind(vm.namespacesForbiddenProperty());
        typed.managedProperty().bind(typed.visibleProperty());

        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(header, filter, notice, staleBox, typed, list);
    }

    private void syncSelection(String ns) {
        if (ns == null) {
            list.getSelectionModel().clearSelection();
        } else if (!ns.equals(list.getSelectionModel().getSelectedItem())) {
            list.getSelectionModel().select(ns);
        }
    }

    public TextField filterField() {
        return filter;
    }
}
