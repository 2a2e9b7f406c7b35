package dev.ponte.ui.bridge;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.ponte.core.task.Problem;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The wizard's first three pages: target container, ports, local container. */
final class WizardPages {
    private WizardPages() {
    }

    static VBox target(BridgeWizardViewModel vm) {
        Label intro = intro("Which container of " + vm.target() + " should hand requests to your machine? Carrier2 takes its "
                + "place in the pods and passes on what your rules do not match.");
        Message blocking = message("blockingMessage", Styles.DANGER, "No ready pods", vm.blockingProperty());
        Button refresh = new Button("_Refresh");
        refresh.setId("targetRefresh");
        refresh.setOnAction(e -> vm.load());
        Message failed = new Message("", "");
        failed.setId("targetProblem");
        failed.getStyleClass().add(Styles.DANGER);
        vm.loadProblemProperty().addListener((o, a, p) -> show(failed, p));
        show(failed, vm.loadProblemProperty().get());
        refresh.visibleProperty().bind(blocking.visibleProperty().or(failed.visibleProperty()));
        refresh.managedProperty().bind(refresh.visibleProperty());
        Label loading = muted("Reading " + vm.target() + "…");
        loading.visibleProperty().bind(vm.loadingProperty());
        loading.managedProperty().bind(loading.visibleProperty());

        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(10);
        choices.setId("containerChoices");
        Runnable render = () -> {
            group.getToggles().clear();
            choices.getChildren().setAll(vm.containers().stream().map(c -> {
                RadioButton r = new RadioButton(c.name());
                r.setId("container-" + c.name());
                r.setToggleGroup(group);
                r.setUserData(c);
                r.setSelected(c.equals(vm.container.get()));
                r.setDisable(!c.bridgeable());
                r.setMnemonicParsing(false);
                Label image = muted(c.detail().image() + ports(c));
                VBox box = new VBox(2, r, indent(image));
                if (!c.bridgeable()) {
                    Label why = small(c.reason(), Styles.DANGER);
                    why.setId("containerReason-" + c.name());
                    box.getChildren().add(indent(why));
                }
                return box;
            }).toList());
        };
        vm.containers().addListener((ListChangeListener<ContainerChoice>) c -> render.run());
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.container.set((ContainerChoice) t.getUserData());
            }
        });
        vm.container.addListener((o, a, c) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData().equals(c))));
        render.run();

        Message rollout = message("rolloutNote", Styles.WARNING, "Rollout in progress", vm.rolloutNoteProperty());
        Label mount = small("", Styles.TEXT_MUTED);
        mount.setId("mountNote");
        mount.textProperty().bind(vm.mountNoteProperty());
        VBox page = new VBox(12, intro, loading, blocking, failed, refresh, choices, rollout, mount);
        page.setId("targetPage");
        return page;
    }

    private static String ports(ContainerChoice c) {
        return c.detail().ports().isEmpty() ? " · no ports"
                : " · ports " + String.join(", ", c.detail().ports().stream().map(p -> String.valueOf(p.port())).toList());
    }

    static VBox ports(BridgeWizardViewModel vm) {
        Label intro = intro("Which ports should bridge? Requests to a cluster port that match your rules go to the local port "
                + "on your container. Only ports the container declares are offered.");
        GridPane grid = new GridPane();
        grid.setId("portGrid");
        grid.setHgap(12);
        grid.setVgap(4);
        Runnable render = () -> {
            grid.getChildren().clear();
            grid.add(small("Cluster port", Styles.TEXT_MUTED), 0, 0);
            grid.add(small("Local port", Styles.TEXT_MUTED), 2, 0);
            int row = 1;
            for (PortItem item : vm.ports()) {
                CheckBox use = new CheckBox(item.label());
                use.setId("port-" + item.port().port());
                use.setMnemonicParsing(false);
                use.selectedProperty().bindBidirectional(item.selected);
                use.setDisable(item.reason() != null);
                TextField localPort = new TextField();
                localPort.setId("localPort-" + item.port().port());
                localPort.setPrefColumnCount(6);
                localPort.textProperty().bindBidirectional(item.localPort);
                localPort.disableProperty().bind(item.selected.not());
                Label arrow = new Label("→");
                grid.add(use, 0, row);
                grid.add(arrow, 1, row);
                grid.add(localPort, 2, row);
                Label error = errorLabel(item.errorProperty());
                error.setId("localPortError-" + item.port().port());
                grid.add(error, 3, row);
                if (item.reason() != null) {
                    grid.add(small(item.reason(), Styles.TEXT_MUTED), 3, row);
                }
                row++;
            }
        };
        vm.ports().addListener((ListChangeListener<PortItem>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    render.run();
                    return;
                }
            }
        });
        render.run();
        Label hint = small("The local port is the one your container listens on; it need not be published on your machine.",
                Styles.TEXT_MUTED);
        VBox page = new VBox(12, intro, grid, hint);
        page.setId("portsPage");
        return page;
    }

    static VBox local(BridgeWizardViewModel vm) {
        Label intro = intro("Which container on your machine gets the matching requests? It must run on this connection's "
                + "network, so that the cluster reaches it through the tunnel.");
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(10);
        choices.setId("localChoices");
        Label empty = muted("No containers on this connection's network yet. Run one now: Ponte starts it on the network.");
        empty.setId("localEmpty");
        empty.visibleProperty().bind(Bindings.isEmpty(vm.locals()).and(vm.localsLoadingProperty().not()));
        empty.managedProperty().bind(empty.visibleProperty());
        Runnable render = () -> {
            group.getToggles().clear();
            choices.getChildren().setAll(vm.locals().stream().map(l -> {
                RadioButton r = new RadioButton(l.name());
                r.setId("local-" + l.name());
                r.setMnemonicParsing(false);
                r.setToggleGroup(group);
                r.setUserData(l);
                r.setSelected(l.equals(vm.local.get()));
                r.setDisable(!l.usable());
                Label line = muted(l.container().image() + " · " + (l.container().ip() == null ? "no address on the network"
                        : l.container().ip()) + " · " + l.container().state());
                VBox box = new VBox(2, r, indent(line));
                if (!l.usable()) {
                    Label why = small(l.reason(), Styles.DANGER);
                    why.setId("localReason-" + l.name());
                    box.getChildren().add(indent(why));
                }
                return box;
            }).toList());
        };
        vm.locals().addListener((ListChangeListener<LocalChoice>) c -> render.run());
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.local.set((LocalChoice) t.getUserData());
            }
        });
        vm.local.addListener((o, a, c) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData().equals(c))));
        render.run();
        Message failed = new Message("", "");
        failed.setId("localProblem");
        failed.getStyleClass().add(Styles.DANGER);
        vm.localsProblemProperty().addListener((o, a, p) -> show(failed, p));
        show(failed, null);

        Button run = new Button("Run one n_ow…");
        run.setId("runOneNow");
        run.setOnAction(e -> vm.runOneNow());
        Button refresh = new Button("_Refresh");
        refresh.setId("localRefresh");
        refresh.setOnAction(e -> vm.refreshLocals());
        HBox actions = new HBox(8, run, refresh);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox page = new VBox(12, intro, failed, empty, choices, actions);
        page.setId("localPage");
        return page;
    }

    // --- small helpers shared by the pages ---

    static Label intro(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    static Label muted(String text) {
        return small(text, Styles.TEXT_MUTED);
    }

    static Label small(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, style);
        return l;
    }

    static Node indent(Node n) {
        HBox box = new HBox(n);
        box.setPadding(new javafx.geometry.Insets(0, 0, 0, 26));
        return box;
    }

    /** A red line under a field, shown while {@code error} is not null. */
    static Label errorLabel(ObservableValue<String> error) {
        Label e = small("", Styles.DANGER);
        e.textProperty().bind(Bindings.createStringBinding(() -> error.getValue() == null ? "" : error.getValue(), error));
        e.visibleProperty().bind(Bindings.createBooleanBinding(() -> error.getValue() != null, error));
        e.managedProperty().bind(e.visibleProperty());
        return e;
    }

    /** An AtlantaFX message shown while {@code text} is not empty. */
    static Message message(String id, String style, String title, ObservableValue<String> text) {
        Message m = new Message(title, "");
        m.setId(id);
        m.getStyleClass().add(style);
        m.descriptionProperty().bind(text);
        m.visibleProperty().bind(Bindings.createBooleanBinding(() -> text.getValue() != null && !text.getValue().isEmpty(), text));
        m.managedProperty().bind(m.visibleProperty());
        return m;
    }

    static void show(Message m, Problem p) {
        m.setVisible(p != null);
        m.setManaged(p != null);
        if (p != null) {
            m.setTitle(p.title());
            m.setDescription(p.detail() + "\n" + p.advice());
        }
    }
}
