package dev.ponte.ui.bridge;

import atlantafx.base.theme.Styles;
import dev.ponte.core.bridge.MatchDraft;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.ui.common.Tips;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Rules page: one box per rule set, one row per match (header or path; exact, prefix or
 * regex; the fields; an error under each field as soon as it is typed into), then what the rules do
 * in one sentence and a curl line to copy. Rows are rebuilt only when sets or matches are added or
 * removed, so typing never loses focus.
 */
final class RulesEditorView extends VBox {
    private final RulesEditorViewModel vm;
    private final VBox setsBox = new VBox(12);
    /** Detaches the listeners of the rule-set boxes last drawn. */
    private final java.util.List<Runnable> detach = new java.util.ArrayList<>();

    RulesEditorView(RulesEditorViewModel vm) {
        this.vm = vm;
        setId("rulesPage");
        setSpacing(12);
        Label intro = WizardPages.intro("Which requests go to your container? One goes there when any rule set matches; within a set, "
                + "every match must hold. Patterns use Rust's regex syntax (no look-around, no back-references) and match "
                + "anywhere unless anchored with ^ and $.");
        setsBox.setId("ruleSets");
        vm.sets().addListener((ListChangeListener<RuleSetItem>) c -> render());
        render();
        Button addSet = new Button("Add rule _set");
        addSet.setId("addRuleSet");
        Tips.set(addSet, "Another alternative: requests matching this set OR the others go to your container");
        addSet.setOnAction(e -> vm.addRuleSet());
        getChildren().addAll(intro, setsBox, addSet, outcome());
    }

    private void render() {
        detach.forEach(Runnable::run);
        detach.clear();
        setsBox.getChildren().setAll(vm.sets().stream().map(this::setBox).toList());
    }

    private VBox setBox(RuleSetItem set) {
        int index = vm.sets().indexOf(set) + 1;
        Label title = new Label(vm.sets().size() > 1 ? "Rule set " + index + (index > 1 ? " (or)" : "") : "Rule set");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Button remove = new Button("Remove set");
        remove.setId("removeRuleSet-" + index);
        remove.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        remove.setOnAction(e -> vm.removeRuleSet(set));
        Button add = new Button("Add _match");
        add.setId("addMatch-" + index);
        add.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        Tips.set(add, "Another condition of this set: all of them must hold");
        add.setOnAction(e -> set.addMatch());
        HBox head = new HBox(4, title, grow(), add, remove);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox rows = new VBox(6);
        Runnable renderRows = () -> rows.getChildren().setAll(set.matches().stream().map(m -> matchRow(set, m, index)).toList());
        ListChangeListener<MatchItem> structure = c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    renderRows.run();
                    return;
                }
            }
        };
        set.matches().addListener(structure);
        detach.add(() -> set.matches().removeListener(structure));
        renderRows.run();
        Label error = WizardPages.errorLabel(set.errorProperty());
        VBox box = new VBox(6, head, rows, error);
        box.setId("ruleSet-" + index);
        box.getStyleClass().add("rule-set");
        return box;
    }

    private VBox matchRow(RuleSetItem set, MatchItem m, int setIndex) {
        String id = setIndex + "-" + (set.matches().indexOf(m) + 1);
        ChoiceBox<MatchDraft.Target> target = new ChoiceBox<>();
        target.getItems().setAll(MatchDraft.Target.values());
        target.setId("matchTarget-" + id);
        target.setConverter(converter(t -> t == MatchDraft.Target.HEADER ? "Header" : "Path"));
        target.valueProperty().bindBidirectional(m.target);
        target.setPrefWidth(100);
        ChoiceBox<MatchRules.Type> type = new ChoiceBox<>();
        type.getItems().setAll(MatchRules.Type.values());
        type.setId("matchType-" + id);
        type.setConverter(converter(t -> t.name().toLowerCase()));
        type.valueProperty().bindBidirectional(m.type);
        type.setPrefWidth(100);

        TextField name = new TextField();
        name.setId("matchName-" + id);
        name.promptTextProperty().bind(Bindings.createStringBinding(
                () -> m.type.get() == MatchRules.Type.REGEX ? "name pattern, e.g. ^x-user$" : "name, e.g. x-user", m.type));
        name.textProperty().bindBidirectional(m.name);
        name.setPrefColumnCount(12);
        name.visibleProperty().bind(m.target.isEqualTo(MatchDraft.Target.HEADER));
        name.managedProperty().bind(name.visibleProperty());
        name.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                m.touched.set(true);
            }
        });

        TextField value = new TextField();
        value.setId("matchValue-" + id);
        value.promptTextProperty().bind(Bindings.createStringBinding(() -> switch (m.target.get()) {
            case HEADER -> m.type.get() == MatchRules.Type.REGEX ? "value pattern, e.g. ^alice$"
                    : m.type.get() == MatchRules.Type.PREFIX ? "value prefix (empty: any value)" : "value, e.g. alice";
            case PATH -> m.type.get() == MatchRules.Type.REGEX ? "path pattern, e.g. ^/api/v[0-9]+/" : "path, e.g. /api";
        }, m.target, m.type));
        value.textProperty().bindBidirectional(m.value);
        HBox.setHgrow(value, Priority.ALWAYS);
        value.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                m.touched.set(true);
            }
        });

        Button remove = new Button("×");
        remove.setId("removeMatch-" + id);
        remove.getStyleClass().add(Styles.FLAT);
        Tips.set(remove, "Remove this match");
        remove.setOnAction(e -> set.removeMatch(m));

        HBox fields = new HBox(6, target, type, name, value, remove);
        fields.setAlignment(Pos.CENTER_LEFT);
        Label nameError = WizardPages.errorLabel(m.nameErrorProperty());
        nameError.setId("matchNameError-" + id);
        Label valueError = WizardPages.errorLabel(m.valueErrorProperty());
        valueError.setId("matchValueError-" + id);
        Label note = WizardPages.errorLabel(m.noteProperty());
        note.getStyleClass().setAll("label", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.setId("matchNote-" + id);
        VBox row = new VBox(2, fields, nameError, valueError, note);
        row.setId("match-" + id);
        return row;
    }

    private VBox outcome() {
        Label heading = new Label("What happens");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        Label summary = new Label();
        summary.setId("rulesSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        Label testHeading = new Label("Test it");
        testHeading.getStyleClass().add(Styles.TEXT_BOLD);
        TextArea curl = curlArea("curlLine", vm);
        Button copy = new Button("Co_py");
        copy.setId("copyCurl");
        Tips.set(copy, "Copy the curl line to the clipboard");
        copy.disableProperty().bind(vm.curlProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.curlProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox.setHgrow(curl, Priority.ALWAYS);
        HBox curlRow = new HBox(8, curl, copy);
        curlRow.setAlignment(Pos.TOP_LEFT);
        Label note = WizardPages.muted("");
        note.setId("curlNote");
        note.textProperty().bind(vm.curlNoteProperty());
        VBox box = new VBox(6, heading, summary, testHeading, curlRow, note);
        box.getStyleClass().add("rules-outcome");
        return box;
    }

    /** A read-only monospace area for the curl lines, as high as they need when wrapped (up to six lines). */
    static TextArea curlArea(String id, RulesEditorViewModel vm) {
        TextArea curl = new TextArea();
        curl.setId(id);
        curl.setEditable(false);
        curl.setWrapText(true);
        curl.getStyleClass().add("curl-line");
        curl.textProperty().bind(vm.curlProperty());
        curl.setMinHeight(Region.USE_PREF_SIZE);
        curl.prefRowCountProperty().bind(Bindings.createIntegerBinding(
                () -> Math.max(1, Math.min(6, vm.curlProperty().get().lines().mapToInt(l -> 1 + l.length() / 56).sum())),
                vm.curlProperty()));
        return curl;
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("choice boxes do not parse");
            }
        };
    }
}
