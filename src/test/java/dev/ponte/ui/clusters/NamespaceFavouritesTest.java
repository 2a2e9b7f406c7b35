package dev.ponte.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.ui.common.UiSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceFavouritesTest {
    @Test
    void pinnedNamespacesComeFirstPerContextAndAreRememberedInTheSettings() {
        UiSettings settings = new UiSettings();
        NamespaceFavourites f = new NamespaceFavourites(settings);
        f.toggle("kind-dev", "payments");
        f.toggle("kind-dev", "monitoring");
        List<String> ns = new ArrayList<>(List.of("default", "kube-system", "monitoring", "payments"));
        ns.sort(f.order("kind-dev"));
        assertEquals(List.of("monitoring", "payments", "default", "kube-system"), ns);
        ns.sort(f.order("staging"));
        assertEquals(List.of("default", "kube-system", "monitoring", "payments"), ns, "another context has its own");
        assertEquals(Map.of("kind-dev", List.of("payments", "monitoring")), settings.favouriteNamespaces);
        assertTrue(f.isFavourite("kind-dev", "payments"));
        f.toggle("kind-dev", "payments");
        f.toggle("kind-dev", "monitoring");
        assertFalse(f.isFavourite("kind-dev", "payments"));
        assertEquals(Map.of(), settings.favouriteNamespaces, "an empty list is not kept");
        assertEquals(4, f.revisionProperty().get());
    }

    @Test
    void aDamagedEntryIsDroppedOnRepair() {
        UiSettings settings = new UiSettings();
        settings.favouriteNamespaces = new java.util.LinkedHashMap<>();
        settings.favouriteNamespaces.put("kind-dev", java.util.Arrays.asList("payments", null));
        settings.favouriteNamespaces.put("staging", List.of("default"));
        assertTrue(settings.repair().stream().anyMatch(l -> l.startsWith("favouriteNamespaces")));
        assertEquals(Map.of("staging", List.of("default")), settings.favouriteNamespaces);
    }
}
