package dev.ponte.core.cleanup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one scan found, across every context and this machine's engines.
 *
 * @param notChecked what could not be asked, with why ("context staging: the API server did not answer")
 */
public record CleanupScan(List<Leftover> items, List<String> notChecked, Instant at) {
    public CleanupScan {
        items = List.copyOf(items);
        notChecked = List.copyOf(notChecked);
    }

    /** Items by group, in the order found. */
    public Map<String, List<Leftover>> byGroup() {
        Map<String, List<Leftover>> out = new LinkedHashMap<>();
        items.forEach(i -> out.computeIfAbsent(i.group(), g -> new java.util.ArrayList<>()).add(i));
        return out;
    }

    /** Items by who made them. */
    public Map<Origin, List<Leftover>> byOrigin() {
        Map<Origin, List<Leftover>> out = new LinkedHashMap<>();
        for (Origin o : Origin.values()) {
            List<Leftover> of = items.stream().filter(i -> i.origin() == o).toList();
            if (!of.isEmpty()) {
                out.put(o, of);
            }
        }
        return out;
    }

    public Optional<Leftover> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
