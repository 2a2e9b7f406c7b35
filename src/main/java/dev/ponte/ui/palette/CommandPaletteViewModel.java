package dev.ponte.ui.palette;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The command palette (Ctrl+K): type to find actions, contexts, namespaces, workloads, local containers and setups,
 * fuzzy-matched ({@link FuzzyMatch}) on title and detail, best first; Up/Down move, Enter runs. What it can find comes
 * from {@code source} each time it opens, so it always matches the window. FX thread.
 */
public final class CommandPaletteViewModel {
    static final int MAX_RESULTS = 60;
    private final Supplier<List<PaletteItem>> source;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<PaletteItem> results = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private List<PaletteItem> all = List.of();

    public CommandPaletteViewModel(Supplier<List<PaletteItem>> source) {
        this.source = source;
        query.addListener((o, a, b) -> filter());
    }

    /** Reads what can be found now and clears the query (the palette opens). */
    public void open() {
        all = List.copyOf(source.get());
        if (query.get().isEmpty()) {
            filter();
        } else {
            query.set("");
        }
    }

    private void filter() {
        record Scored(PaletteItem item, int score, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            PaletteItem item = all.get(i);
            int s = Math.max(FuzzyMatch.score(query.get(), item.title()),
                    FuzzyMatch.score(query.get(), item.detail()) == FuzzyMatch.NONE ? FuzzyMatch.NONE
                            : FuzzyMatch.score(query.get(), item.detail()) - 6);
            if (s != FuzzyMatch.NONE) {
                scored.add(new Scored(item, s, i));
            }
        }
        scored.sort(Comparator.comparingInt((Scored s) -> -s.score()).thenComparing(s -> s.item().kind())
                .thenComparingInt(Scored::order));
        results.setAll(scored.stream().limit(MAX_RESULTS).map(Scored::item).toList());
        selected.set(results.isEmpty() ? -1 : 0);
    }

    public void moveDown() {
        if (!results.isEmpty()) {
            selected.set(Math.min(results.size() - 1, selected.get() + 1));
        }
    }

    public void moveUp() {
        if (!results.isEmpty()) {
            selected.set(Math.max(0, selected.get() - 1));
        }
    }

    /** Runs the selected result; false when there is none. */
    public boolean runSelected() {
        int i = selected.get();
        if (i < 0 || i >= results.size()) {
            return false;
        }
        results.get(i).run().run();
        return true;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PaletteItem> results() {
        return results;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }
}
