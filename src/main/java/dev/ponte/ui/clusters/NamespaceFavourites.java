package dev.ponte.ui.clusters;

import dev.ponte.ui.common.UiSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Namespaces pinned on top (★), remembered per context in the settings ({@link UiSettings#favouriteNamespaces}). The
 * list shows favourites first, in their own alphabetical order, then the rest. FX thread.
 */
public final class NamespaceFavourites {
    private final UiSettings settings;
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();

    public NamespaceFavourites(UiSettings settings) {
        this.settings = settings;
    }

    public boolean isFavourite(String context, String namespace) {
        return context != null && namespace != null && list(context).contains(namespace);
    }

    /** Pins or unpins {@code namespace} in {@code context}; the settings are saved with the rest on exit. */
    public void toggle(String context, String namespace) {
        if (context == null || namespace == null) {
            return;
        }
        List<String> now = new ArrayList<>(list(context));
        if (!now.remove(namespace)) {
            now.add(namespace);
        }
        if (now.isEmpty()) {
            settings.favouriteNamespaces.remove(context);
        } else {
            settings.favouriteNamespaces.put(context, now);
        }
        revision.set(revision.get() + 1);
    }

    /** Favourites first (alphabetically), then the others (alphabetically). */
    public Comparator<String> order(String context) {
        List<String> favs = context == null ? List.of() : list(context);
        return Comparator.<String, Boolean>comparing(ns -> !favs.contains(ns)).thenComparing(Comparator.naturalOrder());
    }

    /** Changes on every pin and unpin (what a sorted view re-sorts on). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    private List<String> list(String context) {
        List<String> l = settings.favouriteNamespaces == null ? null : settings.favouriteNamespaces.get(context);
        return l == null ? List.of() : l;
    }
}
