package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.MatchRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Says in one sentence what a bridge's rules do, the way Carrier2 applies them (any rule set; all
 * matches of a set): "Requests with header x-user: alice go to your container api-local; all others
 * go to the cluster."
 */
public final class RuleSummary {
    private RuleSummary() {
    }

    /** @param localContainer the local container's name, or null when none is chosen yet */
    public static String of(MatchRules rules, String localContainer) {
        String target = localContainer == null || localContainer.isBlank()
                ? "your local container" : "your container " + localContainer;
        if (rules.sets().isEmpty()) {
            return "No rules yet: Carrier2 sends nothing to " + target + ".";
        }
        if (rules.sets().stream().anyMatch(RuleSummary::matchesEverything)) {
            return "All requests go to " + target + "; the cluster's pods of this workload get none while the bridge is active.";
        }
        if (rules.sets().size() == 1) {
            return "Requests with " + set(rules.sets().getFirst()) + " go to " + target + "; all others go to the cluster.";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rules.sets().size(); i++) {
            parts.add("(" + (i + 1) + ") " + set(rules.sets().get(i)));
        }
        return "Requests that match any of: " + String.join("; ", parts) + " — go to " + target
                + "; all others go to the cluster.";
    }

    /** The matches of one set joined with "and". */
    public static String set(MatchRules.RuleSet set) {
        return String.join(" and ", set.matches().stream().map(RuleSummary::match).toList());
    }

    /** One match in words, e.g. "header x-user: alice" or "a path starting with /api". */
    public static String match(MatchRules.Match m) {
        return switch (m) {
            case MatchRules.Header h -> switch (h.type()) {
                case EXACT -> "header " + h.name() + ": " + h.value();
                case PREFIX -> h.value().isEmpty() ? "header " + h.name() + " (any value)"
                        : "header " + h.name() + " starting with " + h.value();
                case REGEX -> "a header whose name matches the pattern " + h.name() + " and whose value matches " + h.value();
            };
            case MatchRules.Path p -> switch (p.type()) {
                case EXACT -> "path exactly " + p.path();
                case PREFIX -> "a path starting with " + p.path();
                case REGEX -> "a path matching the pattern " + p.path();
            };
        };
    }

    /** A set whose only matches are the path prefix "/" takes every request. */
    private static boolean matchesEverything(MatchRules.RuleSet set) {
        return !set.matches().isEmpty() && set.matches().stream().allMatch(m -> m instanceof MatchRules.Path p
                && p.type() == MatchRules.Type.PREFIX && p.path().equals("/"));
    }
}
