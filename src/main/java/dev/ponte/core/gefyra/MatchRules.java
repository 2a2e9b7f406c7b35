package dev.ponte.core.gefyra;

import java.util.List;

/**
 * Carrier2's routing rules (shared/gefyra-protocol.md 7.4): a bridge wins when <em>any</em> rule
 * set matches; a rule set matches when <em>all</em> of its matches do. Each rule set becomes one
 * {@code {"match": [...]}} entry of {@code providerParameter.rules}, in order.
 */
public record MatchRules(List<RuleSet> sets) {
    public MatchRules {
        sets = List.copyOf(sets);
    }

    public enum Type { EXACT, PREFIX, REGEX }

    /** All of {@code matches} must hold. */
    public record RuleSet(List<Match> matches) {
        public RuleSet {
            matches = List.copyOf(matches);
        }
    }

    public sealed interface Match permits Header, Path {
        Type type();
    }

    /** {@code {"matchHeader": {"name", "value", "type"}}}; names are compared lower-case by Carrier2. */
    public record Header(String name, String value, Type type) implements Match {
    }

    /** {@code {"matchPath": {"path", "type"}}}; matched against path + query. */
    public record Path(String path, Type type) implements Match {
    }
}
