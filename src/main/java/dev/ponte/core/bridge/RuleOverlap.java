package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.MatchRules;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a new bridge's rules take requests another bridge on the same workload already takes: some request both
 * match, by Carrier2's own model ({@link Carrier2Matching}: any rule set, all its matches; header names lower-case).
 * Two rule sets overlap when one request with one value per header name satisfies both: the candidate paths and
 * header values come from each set's made-up request ({@link TestRequest#make}) and are checked against every match
 * of both sets. Carrier2 gives such a request to only one of the bridges, so the other developer (or you) silently
 * stops getting it.
 */
public final class RuleOverlap {
    /**
     * One overlap.
     *
     * @param other         the other bridge
     * @param yourSet       index (0-based) of the new rule set
     * @param theirSet      index of the other bridge's rule set
     * @param example       a request both match, e.g. {@code GET /api with header x-user: bob}
     */
    public record Overlap(Bridge other, int yourSet, int theirSet, String example) {
        /** "Rule set 1 overlaps bridge bob-api of client ponte12 (rule set 1): a request GET / with x-user: bob matches both." */
        public String describe() {
            return "Your rule set " + (yourSet + 1) + " overlaps bridge " + other.name() + " of client " + other.client()
                    + " (to " + other.clientContainer() + ", its rule set " + (theirSet + 1) + "): " + example
                    + " matches both, and Carrier2 sends it to only one of you.";
        }
    }

    private RuleOverlap() {
    }

    /** Overlaps of {@code rules} with each of {@code others} (bridges on the same mount). */
    public static List<Overlap> find(MatchRules rules, List<Bridge> others) {
        List<Overlap> out = new ArrayList<>();
        for (Bridge b : others) {
            if (b.rules() == null) {
                continue;
            }
            for (int i = 0; i < rules.sets().size(); i++) {
                for (int j = 0; j < b.rules().sets().size(); j++) {
                    Optional<String> ex = example(rules.sets().get(i), b.rules().sets().get(j));
                    if (ex.isPresent()) {
                        out.add(new Overlap(b, i, j, ex.get()));
                        break; // one line per pair of bridges and your rule set
                    }
                }
            }
        }
        return out;
    }

    /** A request both sets match, in words, if there is one Ponte can find. */
    public static Optional<String> example(MatchRules.RuleSet a, MatchRules.RuleSet b) {
        TestRequest.Made ma = TestRequest.make(a);
        TestRequest.Made mb = TestRequest.make(b);
        Set<String> paths = new LinkedHashSet<>(List.of(ma.path(), mb.path(), "/"));
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (TestRequest.Made m : List.of(ma, mb)) {
            m.headers().forEach(h -> values.computeIfAbsent(h.getKey(), k -> new LinkedHashSet<>()).add(h.getValue()));
        }
        for (String path : paths) {
            if (path.contains("<")) {
                continue;
            }
            List<Map.Entry<String, String>> headers = choose(values, path, a, b);
            if (headers != null) {
                StringBuilder w = new StringBuilder("a request to ").append(path);
                if (!headers.isEmpty()) {
                    w.append(" with ").append(String.join(", ", headers.stream().map(h -> h.getKey() + ": " + h.getValue()).toList()));
                }
                return Optional.of(w.toString());
            }
        }
        return Optional.empty();
    }

    /** One value per header name such that the request matches both sets; null when none of the candidates does. */
    private static List<Map.Entry<String, String>> choose(Map<String, Set<String>> values, String path, MatchRules.RuleSet a,
                                                          MatchRules.RuleSet b) {
        List<String> names = new ArrayList<>(values.keySet());
        return choose(names, 0, new ArrayList<>(), values, path, a, b);
    }

    private static List<Map.Entry<String, String>> choose(List<String> names, int i, List<Map.Entry<String, String>> chosen,
                                                          Map<String, Set<String>> values, String path, MatchRules.RuleSet a,
                                                          MatchRules.RuleSet b) {
        if (i == names.size()) {
            return Carrier2Matching.matches(a, path, chosen) && Carrier2Matching.matches(b, path, chosen) ? List.copyOf(chosen) : null;
        }
        for (String v : values.get(names.get(i))) {
            if (v.contains("<")) {
                continue;
            }
            chosen.add(new AbstractMap.SimpleEntry<>(names.get(i), v));
            List<Map.Entry<String, String>> done = choose(names, i + 1, chosen, values, path, a, b);
            chosen.removeLast();
            if (done != null) {
                return done;
            }
        }
        return null;
    }
}
