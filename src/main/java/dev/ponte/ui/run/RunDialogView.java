package dev.ponte.ui.run;

import atlantafx.base.theme.Styles;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.common.Tips;
import dev.ponte.ui.connection.ConnectionView;
import dev.ponte.ui.connection.StepItem;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.controlsfx.control.textfield.TextFields;

/**
 * The Run dialog's content: image and name, command, namespace for DNS, environment (copied from a
 * workload container and/or typed), resources, folders, published ports; then the steps of the run.
 */
public final class RunDialogView extends VBox {
    private final RunDialogViewModel vm;
    private final Button runButton = new Button("_Run");
    private Runnable onClose = () -> { };

    public RunDialogView(RunDialogViewModel vm) {
        this.vm = vm;
        setId("runDialog");
        setSpacing(8);
        setPadding(new Insets(12));

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        int row = 0;

        ComboBox<String> image = new ComboBox<>(vm.imageChoices());
        image.setId("runImage");
        image.setEditable(true);
        image.setMaxWidth(Double.MAX_VALUE);
        image.setPromptText("e.g. ghcr.io/acme/api:dev — local images are listed");
        image.getEditor().textProperty().bindBidirectional(vm.image);
        image.getEditor().setId("runImageEditor");
        TextFields.bindAutoCompletion(image.getEditor(), req -> vm.imageChoices().stream()
                .filter(i -> i.toLowerCase().contains(req.getUserText().toLowerCase())).toList());
        row = field(form, row, "_Image", image, vm.imageErrorProperty());

        TextField name = new TextField();
        name.setId("runName");
        name.textProperty().bindBidirectional(vm.name);
        row = field(form, row, "_Name", name, vm.nameErrorProperty());

        TextField command = new TextField();
        command.setId("runCommand");
        command.setPromptText("empty: the image's own command");
        command.textProperty().bindBidirectional(vm.command);
        row = field(form, row, "Co_mmand", command, null);

        TextField namespace = new TextField();
        namespace.setId("runNamespace");
        namespace.textProperty().bindBidirectional(vm.namespace);
        Tips.set(namespace, "Short Service names resolve in this namespace (DNS search <ns>.svc.cluster.local)");
        row = field(form, row, "Names_pace", namespace, null);

        ComboBox<RunDialogViewModel.EnvSource> envFrom = new ComboBox<>(vm.envSources());
        envFrom.setId("runEnvFrom");
        envFrom.setMaxWidth(Double.MAX_VALUE);
        envFrom.setPromptText("none");
        envFrom.valueProperty().bindBidirectional(vm.envFrom);
        Button noEnvFrom = new Button("×");
        noEnvFrom.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        Tips.set(noEnvFrom, "Do not copy the environment");
        noEnvFrom.setAccessibleText("Do not copy the environment");
        noEnvFrom.setOnAction(e -> vm.envFrom.set(null));
        HBox envFromBox = new HBox(4, envFrom, noEnvFrom);
        HBox.setHgrow(envFrom, Priority.ALWAYS);
        row = field(form, row, "_Env from", envFromBox, null);

        CheckBox resources = new CheckBox();
        resources.setId("runResources");
        resources.selectedProperty().bindBidirectional(vm.resourcesFromWorkload);
        resources.textProperty().bind(Bindings.createStringBinding(() -> vm.resourcesText().isEmpty()
                ? "no limits in the workload" : "Limit to the workload's " + vm.resourcesText(), vm.resourcesFromWorkload, vm.envSources()));
        resources.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.resourcesText().isEmpty(), vm.resourcesFromWorkload, vm.envSources()));
        row = field(form, row, "Resources", resources, null);

        CheckBox autoRemove = new CheckBox("Remove the container when it stops");
        autoRemove.setId("runAutoRemove");
        autoRemove.selectedProperty().bindBidirectional(vm.autoRemove);
        row = field(form, row, "", autoRemove, null);

        VBox sections = new VBox(10, form, envSection(), portSection(), mountSection());
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        Label note = new Label();
        note.setId("runNote");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.textProperty().bind(vm.noteProperty());
        note.managedProperty().bind(vm.noteProperty().isNotEmpty());

        Label formError = errorLabel(vm.formErrorProperty());
        formError.setId("runFormError");

        ListView<StepItem> steps = new ListView<>(vm.steps());
        steps.setId("runSteps");
        steps.setCellFactory(l -> new ConnectionView.StepCell());
        steps.setFocusTraversable(false);
        steps.setPrefHeight(190);
        steps.visibleProperty().bind(Bindings.isNotEmpty(vm.steps()));
        steps.managedProperty().bind(steps.visibleProperty());

        Label problem = new Label();
        problem.setId("runProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        vm.problemProperty().addListener((o, a, p) -> showProblem(problem, p));
        showProblem(problem, null);

        Label result = new Label();
        result.setId("runResult");
        result.setWrapText(true);
        result.getStyleClass().add(Styles.SUCCESS);
        result.setMinHeight(Region.USE_PREF_SIZE);
        vm.resultProperty().addListener((o, a, r) -> showResult(result, r));
        showResult(result, null);

        Button cancel = new Button("Cancel");
        cancel.setId("runCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            if (vm.runningProperty().get()) {
                vm.cancel();
            } else {
                onClose.run();
            }
        });
        cancel.textProperty().bind(Bindings.when(vm.resultProperty().isNotNull()).then("Close").otherwise("Cancel"));
        runButton.setId("runSubmit");
        runButton.setMnemonicParsing(true);
        runButton.setDefaultButton(true);
        runButton.getStyleClass().add(Styles.ACCENT);
        runButton.disableProperty().bind(vm.canRunProperty().not().or(vm.resultProperty().isNotNull()));
        runButton.setOnAction(e -> vm.run());
        // Enter runs from any field, also the image box (an editable combo box keeps Enter for itself otherwise);
        // an open list of images and the multi-line fields keep their own Enter.
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !image.isShowing()) {
                cancel.fire(); // likewise Esc: the image box would keep it
                e.consume();
                return;
            }
            if (e.getCode() != javafx.scene.input.KeyCode.ENTER || e.isShiftDown() || e.isControlDown() || e.isAltDown()
                    || e.isMetaDown() || getScene() == null || getScene().getFocusOwner() instanceof javafx.scene.control.TextArea
                    || image.isShowing()) {
                return;
            }
            if (!runButton.isDisabled()) {
                image.commitValue();
                runButton.fire();
                e.consume();
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label where = new Label(vm.connection() == null ? "Not connected" : "on " + vm.connection().networkName()
                + " · DNS 192.168.99.1 · gateway Cargo");
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox buttons = new HBox(8, where, spacer, cancel, runButton);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(scroll, note, formError, steps, problem, result, buttons);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancel.fire();
            }
        });
    }

    public void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    private static int field(GridPane form, int row, String text, Node field, StringBinding error) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field instanceof HBox h ? h.getChildren().getFirst() : field);
        form.add(label, 0, row);
        form.add(field, 1, row);
        if (error != null) {
            Label e = errorLabel(error);
            e.setId(field.getId() + "Error");
            form.add(e, 1, row + 1);
            return row + 2;
        }
        return row + 1;
    }

    private static Label errorLabel(StringBinding error) {
        Label e = new Label();
        e.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        e.setWrapText(true);
        e.textProperty().bind(Bindings.createStringBinding(() -> error.get() == null ? "" : error.get(), error));
        e.visibleProperty().bind(error.isNotNull());
        e.managedProperty().bind(e.visibleProperty());
        return e;
    }

    private Node envSection() {
        VBox rows = new VBox(4);
        rows.setId("runEnvRows");
        Runnable render = () -> rows.getChildren().setAll(vm.env().stream().map(r -> {
            TextField k = new TextField();
            k.setPromptText("NAME");
            k.textProperty().bindBidirectional(r.key);
            TextField v = new TextField();
            v.setPromptText("value");
            v.textProperty().bindBidirectional(r.value);
            HBox.setHgrow(v, Priority.ALWAYS);
            HBox line = new HBox(4, k, new Label("="), v, removeButton(() -> vm.env().remove(r)));
            line.setAlignment(Pos.CENTER_LEFT);
            return (Node) line;
        }).toList());
        vm.env().addListener((ListChangeListener<RunDialogViewModel.EnvRow>) c -> render.run());
        render.run();
        Button add = new Button("Add variable");
        add.setId("runAddEnv");
        add.getStyleClass().add(Styles.SMALL);
        add.setOnAction(e -> vm.addEnv());
        return section("Environment (overrides copied values)", rows, add);
    }

    private Node portSection() {
        VBox rows = new VBox(4);
        rows.setId("runPortRows");
        Runnable render = () -> rows.getChildren().setAll(vm.ports().stream().map(r -> {
            TextField host = new TextField();
            host.setPromptText("host port");
            host.setPrefColumnCount(6);
            host.textProperty().bindBidirectional(r.hostPort);
            TextField container = new TextField();
            container.setPromptText("container port");
            container.setPrefColumnCount(6);
            container.textProperty().bindBidirectional(r.containerPort);
            Label on = new Label();
            on.getStyleClass().add("run-port-on");
            on.textProperty().bind(Bindings.when(r.allInterfaces).then("all interfaces:").otherwise("localhost:"));
            CheckBox all = new CheckBox("All interfaces");
            all.getStyleClass().add("run-port-all");
            all.selectedProperty().bindBidirectional(r.allInterfaces);
            Tips.set(all, PortExposure.ALL_TOOLTIP);
            HBox line = new HBox(4, on, host, new Label("→ container"), container, all,
                    removeButton(() -> vm.ports().remove(r)));
            line.setAlignment(Pos.CENTER_LEFT);
            return (Node) line;
        }).toList());
        vm.ports().addListener((ListChangeListener<RunDialogViewModel.PortRow>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    render.run(); // not on a ticked box: the rows stay, focus too
                    return;
                }
            }
        });
        render.run();
        Label risk = new Label();
        risk.setId("runPortRisk");
        risk.setWrapText(true);
        risk.setMinHeight(Region.USE_PREF_SIZE);
        risk.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        risk.textProperty().bind(vm.portRiskProperty());
        risk.visibleProperty().bind(vm.portRiskProperty().isNotEmpty());
        risk.managedProperty().bind(risk.visibleProperty());
        Button add = new Button("Publish a port");
        add.setId("runAddPort");
        add.getStyleClass().add(Styles.SMALL);
        add.setOnAction(e -> vm.addPort());
        return section("Published ports (like docker -p; on 127.0.0.1 only unless you tick All interfaces)",
                new VBox(4, rows, risk), add);
    }

    private Node mountSection() {
        VBox rows = new VBox(4);
        rows.setId("runMountRows");
        Runnable render = () -> rows.getChildren().setAll(vm.mounts().stream().map(r -> {
            Label source = new Label();
            source.textProperty().bind(r.source);
            source.setMaxWidth(260);
            TextField target = new TextField();
            target.setPromptText("/path/in/container");
            target.textProperty().bindBidirectional(r.target);
            HBox.setHgrow(target, Priority.ALWAYS);
            CheckBox ro = new CheckBox("read-only");
            ro.selectedProperty().bindBidirectional(r.readOnly);
            HBox line = new HBox(4, source, new Label("→"), target, ro, removeButton(() -> vm.mounts().remove(r)));
            line.setAlignment(Pos.CENTER_LEFT);
            return (Node) line;
        }).toList());
        vm.mounts().addListener((ListChangeListener<RunDialogViewModel.MountRow>) c -> render.run());
        render.run();
        Button add = new Button("Mount a folder…");
        add.setId("runAddMount");
        add.getStyleClass().add(Styles.SMALL);
        add.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder to mount into the container");
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                vm.addMount(dir.getAbsolutePath());
            }
        });
        return section("Folders", rows, add);
    }

    private static Node section(String title, Node rows, Button add) {
        Label t = new Label(title);
        t.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return new VBox(4, t, rows, add);
    }

    private static Button removeButton(Runnable remove) {
        Button b = new Button("×");
        b.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        Tips.set(b, "Remove this row");
        b.setAccessibleText("Remove this row");
        b.setOnAction(e -> remove.run());
        return b;
    }

    private static void showProblem(Label label, Problem p) {
        label.setText(p == null ? "" : p.title() + " — " + p.detail() + "\n" + p.advice());
        label.setVisible(p != null);
        label.setManaged(p != null);
    }

    private static void showResult(Label label, RunResult r) {
        if (r == null) {
            label.setVisible(false);
            label.setManaged(false);
            return;
        }
        StringBuilder s = new StringBuilder(r.container().name() + " runs at " + r.container().ip()
                + " and reaches cluster Services by name.");
        if (!r.envProblems().isEmpty()) {
            s.append("\nNot copied: ").append(String.join("; ", r.envProblems()));
        }
        if (!r.repointed().isEmpty()) {
            s.append("\nBridges re-pointed to it: ").append(String.join(", ", r.repointed()));
        }
        label.setText(s.toString());
        label.setVisible(true);
        label.setManaged(true);
    }
}
