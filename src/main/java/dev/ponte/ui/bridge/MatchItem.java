package dev.ponte.ui.bridge;

import dev.ponte.core.bridge.MatchCheck;
import dev.ponte.core.bridge.MatchDraft;
import dev.ponte.core.gefyra.MatchRules;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One match in the rules editor. Its errors are shown once the user has typed into it, so a fresh
 * empty row does not shout; the reason beside Next lists every problem anyway.
 */
public final class MatchItem {
    public final ObjectProperty<MatchDraft.Target> target = new SimpleObjectProperty<>(MatchDraft.Target.HEADER);
    public final ObjectProperty<MatchRules.Type> type = new SimpleObjectProperty<>(MatchRules.Type.EXACT);
    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty value = new SimpleStringProperty("");
    /** True once the user typed into it, or after Next was pressed with problems left. */
    public final BooleanProperty touched = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<MatchCheck> check = new ReadOnlyObjectWrapper<>();
    private final StringBinding nameError = Bindings.createStringBinding(
            () -> touched.get() && check.get() != null ? check.get().nameError() : null, touched, check);
    private final StringBinding valueError = Bindings.createStringBinding(
            () -> touched.get() && check.get() != null ? check.get().valueError() : null, touched, check);
    private final StringBinding note = Bindings.createStringBinding(
            () -> check.get() == null ? null : check.get().note(), check);

    public MatchItem() {
        name.addListener((o, a, b) -> touched.set(true));
        value.addListener((o, a, b) -> touched.set(true));
    }

    MatchDraft draft() {
        return new MatchDraft(target.get(), type.get(), name.get(), value.get());
    }

    void setCheck(MatchCheck c) {
        check.set(c);
    }

    /** The name's problem, once touched; null when fine. */
    public StringBinding nameErrorProperty() {
        return nameError;
    }

    /** The value's (or path's) problem, once touched; null when fine. */
    public StringBinding valueErrorProperty() {
        return valueError;
    }

    /** A hint that does not block (lower-casing, "any value", ...); null when none. */
    public StringBinding noteProperty() {
        return note;
    }
}
