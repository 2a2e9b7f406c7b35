package dev.ponte.core.cleanup;

import java.util.List;

/**
 * What a removal did.
 *
 * @param removed   one line per thing removed
 * @param failures  one line per thing that could not be removed, with why
 * @param remaining the selected items the scan after the removal still finds (empty: nothing left)
 * @param after     that scan
 */
public record CleanupResult(List<String> removed, List<String> failures, List<Leftover> remaining, CleanupScan after) {
    public CleanupResult {
        removed = List.copyOf(removed);
        failures = List.copyOf(failures);
        remaining = List.copyOf(remaining);
    }

    public boolean clean() {
        return remaining.isEmpty();
    }
}
