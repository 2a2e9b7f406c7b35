package dev.ponte.ui.bridge;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One rule set in the rules editor: all its matches must hold. */
public final class RuleSetItem {
    private final ObservableList<MatchItem> matches = FXCollections.observableArrayList(
            m -> new javafx.beans.Observable[] {m.target, m.type, m.name, m.value});
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

    public ObservableList<MatchItem> matches() {
        return matches;
    }

    /** Adds an empty header match and returns it. */
    public MatchItem addMatch() {
        MatchItem m = new MatchItem();
        matches.add(m);
        return m;
    }

    public void removeMatch(MatchItem m) {
        matches.remove(m);
    }

    /** Why this set cannot be used (no matches), or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setError(String e) {
        error.set(e);
    }
}
