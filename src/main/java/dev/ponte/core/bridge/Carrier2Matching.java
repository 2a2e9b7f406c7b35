package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.MatchRules;
import java.util.List;
import java.util.Map;

/**
 * Carrier2's decision for one request, redone in Java (upstream {@code carrier2/src/matching.rs}):
 * a path match looks at path + query; a header match holds when <em>any</em> request header hits it
 * (exact: name and value equal; prefix: name equal, value starts with; regex: name pattern and value
 * pattern both found). Ponte uses it to prove that the test request it suggests really matches.
 * Header names must be passed lower-case, as Pingora hands them to Carrier2.
 */
public final class Carrier2Matching {
    private Carrier2Matching() {
    }

    /** Any rule set matches. */
    public static boolean matches(MatchRules rules, String pathAndQuery, List<Map.Entry<String, String>> headers) {
        return rules.sets().stream().anyMatch(set -> matches(set, pathAndQuery, headers));
    }

    /** All matches of the set hold. */
    public static boolean matches(MatchRules.RuleSet set, String pathAndQuery, List<Map.Entry<String, String>> headers) {
        return set.matches().stream().allMatch(m -> switch (m) {
            case MatchRules.Path p -> hit(p, pathAndQuery);
            case MatchRules.Header h -> headers.stream().anyMatch(e -> hit(h, e.getKey(), e.getValue()));
        });
    }

    static boolean hit(MatchRules.Path p, String pathAndQuery) {
        return switch (p.type()) {
            case EXACT -> p.path().equals(pathAndQuery);
            case PREFIX -> pathAndQuery.startsWith(p.path());
            case REGEX -> RustRegex.compile(p.path()).matcher(pathAndQuery).find();
        };
    }

    static boolean hit(MatchRules.Header h, String name, String value) {
        return switch (h.type()) {
            case EXACT -> h.name().equals(name) && h.value().equals(value);
            case PREFIX -> h.name().equals(name) && value.startsWith(h.value());
            case REGEX -> RustRegex.compile(h.name()).matcher(name).find() && RustRegex.compile(h.value()).matcher(value).find();
        };
    }
}
