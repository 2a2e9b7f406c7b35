package dev.ponte.ui.team;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The team view: every client of the cluster, then every bridge with its workload, rules and target. */
public final class TeamPane extends VBox {
    private static final javafx.css.PseudoClass MINE = javafx.css.PseudoClass.getPseudoClass("mine");

    public TeamPane(TeamViewModel vm) {
        setId("teamView");
        getStyleClass().add("team-view");
        getStylesheets().add(TeamPane.class.getResource("/dev/ponte/ui/diagnostics/diagnostics.css").toExternalForm());
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(vm.contextProperty().map(c -> "Team — " + c));
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.loadingProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("teamRefresh");
        refresh.setOnAction(e -> vm.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, title, spin, grow, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("teamStatus");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(vm.statusProperty());
        VBox header = new VBox(4, top, status);
        header.setPadding(new Insets(10, 12, 8, 12));
        header.getStyleClass().add("team-header");

        TableView<TeamViewModel.MemberRow> clients = new TableView<>(vm.members());
        clients.setId("teamClients");
        clients.getColumns().add(col("Client", 170, TeamViewModel.MemberRow::name));
        clients.getColumns().add(col("Who", 170, TeamViewModel.MemberRow::who));
        clients.getColumns().add(col("State", 90, TeamViewModel.MemberRow::state));
        clients.getColumns().add(col("Since", 110, TeamViewModel.MemberRow::since));
        clients.getColumns().add(col("Bridges", 70, r -> String.valueOf(r.bridges())));
        clients.setRowFactory(t -> mine(TeamViewModel.MemberRow::thisMachine));
        clients.setPrefHeight(150);
        clients.setMinHeight(130);
        clients.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        clients.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableView<TeamViewModel.BridgeRow> bridges = new TableView<>(vm.bridges());
        bridges.setId("teamBridges");
        bridges.getColumns().add(wrapped(col("Workload", 190, TeamViewModel.BridgeRow::workload)));
        bridges.getColumns().add(col("Client", 150, TeamViewModel.BridgeRow::client));
        bridges.getColumns().add(wrapped(col("Rules", 240, TeamViewModel.BridgeRow::rules)));
        bridges.getColumns().add(wrapped(col("Target", 200, TeamViewModel.BridgeRow::target)));
        bridges.getColumns().add(col("State", 80, TeamViewModel.BridgeRow::state));
        bridges.setRowFactory(t -> mine(TeamViewModel.BridgeRow::thisMachine));
        bridges.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        bridges.setFixedCellSize(-1); // rows as tall as their wrapped rules and targets
        bridges.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(bridges, Priority.ALWAYS);

        Label clientsTitle = new Label("CLIENTS");
        clientsTitle.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);
        Label bridgesTitle = new Label("BRIDGES (any request matching a rule goes to that client's container)");
        bridgesTitle.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);
        VBox body = new VBox(6, clientsTitle, clients, bridgesTitle, bridges);
        body.setPadding(new Insets(8, 12, 12, 12));
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header, body);
    }

    private static <R> TableColumn<R, String> col(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    /** A column whose cells wrap long text (rules, targets) instead of cutting it. */
    private static <R> TableColumn<R, String> wrapped(TableColumn<R, String> c) {
        c.setCellFactory(tc -> new javafx.scene.control.TableCell<>() {
            private final Label text = new Label();

            {
                text.setWrapText(true);
                text.prefWidthProperty().bind(tc.widthProperty().subtract(12));
                text.setMinHeight(Region.USE_PREF_SIZE);
                setGraphic(text);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setPrefHeight(javafx.scene.control.Control.USE_COMPUTED_SIZE);
            }
        });
        return c;
    }

    /** This machine's rows in bold. */
    private static <R> TableRow<R> mine(Function<R, Boolean> thisMachine) {
        return new TableRow<>() {
            @Override
            protected void updateItem(R item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(MINE, !empty && item != null && thisMachine.apply(item));
            }
        };
    }
}
