package dev.ponte.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MatchRules.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSummaryTest {
    private static MatchRules rules(MatchDraft[]... sets) {
        return new RulesDraft(java.util.Arrays.stream(sets).map(s -> new RulesDraft.RuleSetDraft(List.of(s))).toList())
                .check().rules().orElseThrow();
    }

    @Test
    void oneHeaderRule() {
        assertEquals("Requests with header x-user: alice go to your container api-local; all others go to the cluster.",
                RuleSummary.of(rules(new MatchDraft[] {MatchDraft.header("x-user", "alice", Type.EXACT)}), "api-local"));
    }

    @Test
    void matchesOfASetAreJoinedWithAnd() {
        assertEquals("Requests with header x-env starting with dev and a path starting with /api go to your container api-local;"
                        + " all others go to the cluster.",
                RuleSummary.of(rules(new MatchDraft[] {MatchDraft.header("x-env", "dev", Type.PREFIX), MatchDraft.path("/api", Type.PREFIX)}),
                        "api-local"));
    }

    @Test
    void severalSetsAreListedAsAlternatives() {
        assertEquals("Requests that match any of: (1) header x-user: alice; (2) a path matching the pattern ^/beta/ and header x-debug (any value)"
                        + " — go to your container api-local; all others go to the cluster.",
                RuleSummary.of(rules(new MatchDraft[] {MatchDraft.header("x-user", "alice", Type.EXACT)},
                        new MatchDraft[] {MatchDraft.path("^/beta/", Type.REGEX), MatchDraft.header("x-debug", "", Type.PREFIX)}), "api-local"));
    }

    @Test
    void regexHeadersAndExactPathsInWords() {
        assertEquals("Requests with a header whose name matches the pattern ^x-user$ and whose value matches ^ali and path exactly /health"
                        + " go to your local container; all others go to the cluster.",
                RuleSummary.of(rules(new MatchDraft[] {MatchDraft.header("^x-user$", "^ali", Type.REGEX), MatchDraft.path("/health", Type.EXACT)}),
                        null));
    }

    @Test
    void thePrefixSlashTakesEverything() {
        assertEquals("All requests go to your container api-local; the cluster's pods of this workload get none while the bridge is active.",
                RuleSummary.of(rules(new MatchDraft[] {MatchDraft.header("x-user", "alice", Type.EXACT)},
                        new MatchDraft[] {MatchDraft.path("/", Type.PREFIX)}), "api-local"));
    }
}
