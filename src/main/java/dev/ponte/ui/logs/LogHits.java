package dev.ponte.ui.logs;

import dev.ponte.core.logs.LogFeed;
import dev.ponte.core.logs.LogFilter;
import dev.ponte.core.logs.LogSearch;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A log tab's search: the search text, the hits among the lines shown, and the current hit, kept up to date as
 * lines come and go. Part of a {@link LogViewModel}; UI thread only.
 */
public final class LogHits {
    private final LogLineList lines;
    private final LogSearch search = new LogSearch();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper hitCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper hitPosition = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper currentHitLine = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper searchVersion = new ReadOnlyIntegerWrapper();

    LogHits(LogLineList lines) {
        this.lines = lines;
        searchText.addListener((o, a, b) -> {
            search.search(b == null || b.isEmpty() ? null : new LogFilter(b, false, false, false).compile().finder(),
                    lines.readFrom(0));
            publish();
        });
    }

    /** Whether a search is on. */
    boolean active() {
        return search.finder() != null;
    }

    /** Searches every line shown again (the list was rebuilt: filter, pause, resume, reopen). */
    void searchAll() {
        search.search(search.finder(), lines.readFrom(0));
        publish();
    }

    /** After a copy of new lines to the list: searches only what it added, unless it rebuilt or cut the list. */
    void copied(LogFeed.Delta d) {
        if (!active()) {
            return;
        }
        if (d.reset() || d.keep() != Integer.MAX_VALUE) {
            search.search(search.finder(), lines.readFrom(0));
        } else {
            int from = lines.size() - d.add().length;
            search.removedFront(d.removeFront());
            search.appended(lines.readFrom(from), from);
        }
        publish();
    }

    /** Moves to the next hit after {@code fromLine}; whether there was one. */
    boolean next(int fromLine) {
        boolean moved = search.next(fromLine) >= 0;
        publish();
        return moved;
    }

    /** Moves to the hit before {@code fromLine}; whether there was one. */
    boolean previous(int fromLine) {
        boolean moved = search.previous(fromLine) >= 0;
        publish();
        return moved;
    }

    private void publish() {
        hitCount.set(search.count());
        hitPosition.set(search.current() + 1);
        currentHitLine.set(search.currentLine());
        searchVersion.set(searchVersion.get() + 1);
    }

    public boolean isHit(int index) {
        return search.isHit(index);
    }

    /** Finds the search text in a line, for highlighting; null when there is no search. */
    public LogFilter.Finder finder() {
        return search.finder();
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyIntegerProperty hitCountProperty() {
        return hitCount.getReadOnlyProperty();
    }

    /** 1-based position of the current hit; 0 before next/previous was used. */
    public ReadOnlyIntegerProperty hitPositionProperty() {
        return hitPosition.getReadOnlyProperty();
    }

    /** Index in the tab's lines of the current hit, or -1. */
    public ReadOnlyIntegerProperty currentHitLineProperty() {
        return currentHitLine.getReadOnlyProperty();
    }

    /** Changes whenever the hits may have changed (the view redraws highlights). */
    public ReadOnlyIntegerProperty searchVersionProperty() {
        return searchVersion.getReadOnlyProperty();
    }
}
