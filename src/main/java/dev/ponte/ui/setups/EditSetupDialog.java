package dev.ponte.ui.setups;

import atlantafx.base.theme.Styles;
import dev.ponte.core.setups.Setup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Edits a setup: its name, the image, container and namespace, the environment (one {@code NAME=value} a line;
 * values that look like secrets become "asked at start"), folders ({@code /local:/in/container[:ro]}) and ports
 * ({@code [ip:]host:container}), and which bridges to keep. Checked by the core on Save; a reason is shown under
 * the form and what was typed stays.
 */
final class EditSetupDialog {
    private final Stage stage = new Stage();

    EditSetupDialog(SetupsViewModel vm, Setup s, Window owner, boolean dark) {
        stage.initOwner(owner);
        stage.setTitle("Edit setup " + s.name());
        TextField name = field("setupName", s.name());
        TextField image = field("setupImage", s.run().image());
        TextField container = field("setupContainer", s.run().container());
        TextField namespace = field("setupNamespace", s.run().namespace());
        TextArea env = area("setupEnv", String.join("\n", s.run().env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        TextField ask = field("setupAsk", String.join(", ", s.run().askAtStart()));
        TextArea volumes = area("setupVolumes", String.join("\n", s.run().volumes().stream()
                .map(v -> v.source() + ":" + v.target() + (v.readOnly() ? ":ro" : "")).toList()));
        TextArea ports = area("setupPorts", String.join("\n", s.run().ports().stream()
                .map(p -> p.hostIp() + ":" + p.hostPort() + ":" + p.containerPort()).toList()));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        for (Object[] r : new Object[][] {{"Name", name}, {"Image", image}, {"Container", container}, {"Namespace", namespace},
                {"Environment (NAME=value)", env}, {"Asked at start", ask}, {"Folders (/local:/in/container[:ro])", volumes},
                {"Ports ([ip:]host:container)", ports}}) {
            Label l = new Label((String) r[0]);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setLabelFor((javafx.scene.Node) r[1]);
            grid.addRow(row++, l, (javafx.scene.Node) r[1]);
            GridPane.setHgrow((javafx.scene.Node) r[1], Priority.ALWAYS);
        }
        VBox bridges = new VBox(4);
        List<CheckBox> keep = new ArrayList<>();
        for (Setup.BridgeSpec b : s.bridges()) {
            CheckBox c = new CheckBox("Bridge " + b.title() + " — " + dev.ponte.core.bridge.RuleSummary.of(b.rules(), s.run().container()));
            c.setSelected(true);
            c.setWrapText(true);
            c.setMinHeight(Region.USE_PREF_SIZE);
            keep.add(c);
            bridges.getChildren().add(c);
        }
        Label error = new Label();
        error.setId("setupEditError");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.getStyleClass().add(Styles.DANGER);
        Button save = new Button("Save setup");
        save.setId("saveSetupButton");
        save.setDefaultButton(true);
        save.getStyleClass().add(Styles.ACCENT);
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        save.setOnAction(e -> {
            Setup edited;
            try {
                Map<String, String> envMap = new LinkedHashMap<>();
                for (String line : env.getText().split("\n")) {
                    if (!line.isBlank()) {
                        int eq = line.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("Environment line '" + line.strip() + "' has no NAME=value.");
                        }
                        envMap.put(line.substring(0, eq).strip(), line.substring(eq + 1));
                    }
                }
                List<String> askList = new ArrayList<>();
                for (String k : ask.getText().split(",")) {
                    if (!k.isBlank()) {
                        askList.add(k.strip());
                    }
                }
                // A typed value that looks like a secret is not stored: its name is asked for at start instead.
                envMap.entrySet().removeIf(en -> {
                    boolean secret = dev.ponte.core.setups.SecretValues.looksSecret(en.getKey(), en.getValue());
                    if (secret && !askList.contains(en.getKey())) {
                        askList.add(en.getKey());
                    }
                    return secret;
                });
                List<Setup.Volume> vols = new ArrayList<>();
                for (String line : volumes.getText().split("\n")) {
                    if (!line.isBlank()) {
                        String[] p = line.strip().split(":");
                        if (p.length < 2) {
                            throw new IllegalArgumentException("Folder '" + line.strip() + "': write /local/folder:/in/container.");
                        }
                        vols.add(new Setup.Volume(p[0], p[1], p.length > 2 && p[2].equals("ro")));
                    }
                }
                List<Setup.Port> portList = new ArrayList<>();
                for (String line : ports.getText().split("\n")) {
                    if (!line.isBlank()) {
                        String[] p = line.strip().split(":");
                        try {
                            portList.add(p.length == 3 ? new Setup.Port(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), "tcp")
                                    : new Setup.Port("127.0.0.1", Integer.parseInt(p[0]), Integer.parseInt(p[p.length - 1]), "tcp"));
                        } catch (NumberFormatException | ArrayIndexOutOfBoundsException ex) {
                            throw new IllegalArgumentException("Port '" + line.strip() + "': write host:container, e.g. 8000:8000.");
                        }
                    }
                }
                List<Setup.BridgeSpec> kept = new ArrayList<>();
                for (int i = 0; i < s.bridges().size(); i++) {
                    if (keep.get(i).isSelected()) {
                        kept.add(s.bridges().get(i));
                    }
                }
                edited = new Setup(s.id(), name.getText().strip(), s.context(), new Setup.Run(image.getText().strip(),
                        container.getText().strip(), s.run().command(), namespace.getText().strip(), envMap, askList,
                        s.run().envFrom(), vols, portList, s.run().autoRemove(), s.run().nanoCpus(), s.run().memoryBytes()),
                        kept, s.saved());
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                return;
            }
            save.setDisable(true);
            vm.update(edited, problem -> {
                save.setDisable(false);
                if (problem == null) {
                    stage.close();
                } else {
                    error.setText(problem);
                }
            });
        });
        HBox buttons = new HBox(8, save, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        Label bridgesTitle = new Label(s.bridges().isEmpty() ? "No bridges." : "Bridges (untick to leave one out):");
        VBox root = new VBox(10, grid, bridgesTitle, bridges, error, buttons);
        root.setPadding(new Insets(12));
        root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), dark);
        Scene scene = new Scene(new javafx.scene.control.ScrollPane(root) {
            {
                setFitToWidth(true);
            }
        }, 620, 620);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        return f;
    }

    private static TextArea area(String id, String text) {
        TextArea a = new TextArea(text);
        a.setId(id);
        a.setPrefRowCount(3);
        a.setWrapText(false);
        return a;
    }

    void show() {
        stage.show();
    }
}
