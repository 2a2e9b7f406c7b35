package dev.ponte.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MatchRules.Header;
import dev.ponte.core.gefyra.MatchRules.Path;
import dev.ponte.core.gefyra.MatchRules.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Overlap of a new bridge's rules with another client's bridge on the same workload, by Carrier2's matching. */
class RuleOverlapTest {
    private static MatchRules rules(MatchRules.Match... matches) {
        return new MatchRules(List.of(new MatchRules.RuleSet(List.of(matches))));
    }

    private static Bridge bobs(MatchRules rules) {
        return new Bridge("bob-api", "api-shop-k2x9q", "ponte0bob00001", "bob-app", "172.20.0.3", List.of("8000:8080"), rules,
                Map.of(), "ACTIVE", null, Instant.EPOCH);
    }

    @Test
    void theSameHeaderValueOverlapsAndNamesTheOtherBridgeAndARequest() {
        var o = RuleOverlap.find(rules(new Header("x-user", "bob", Type.EXACT)), List.of(bobs(rules(new Header("x-user", "bob", Type.EXACT)))));
        assertEquals(1, o.size());
        assertEquals("a request to / with x-user: bob", o.getFirst().example());
        assertTrue(o.getFirst().describe().contains("bridge bob-api of client ponte0bob00001"), o.getFirst().describe());
    }

    @Test
    void anotherValueOfTheSameHeaderDoesNotOverlap() {
        assertEquals(List.of(), RuleOverlap.find(rules(new Header("x-user", "alice", Type.EXACT)),
                List.of(bobs(rules(new Header("x-user", "bob", Type.EXACT))))));
    }

    @Test
    void aPathRuleOverlapsAHeaderRuleBecauseOneRequestCanCarryBoth() {
        var o = RuleOverlap.find(rules(new Path("/api", Type.PREFIX)), List.of(bobs(rules(new Header("x-user", "bob", Type.EXACT)))));
        assertEquals(1, o.size());
        assertEquals("a request to /api with x-user: bob", o.getFirst().example());
    }

    @Test
    void twoDifferentExactPathsDoNotOverlap() {
        assertEquals(List.of(), RuleOverlap.find(rules(new Path("/a", Type.EXACT)), List.of(bobs(rules(new Path("/b", Type.EXACT))))));
    }

    @Test
    void aPrefixAndARegexOnTheSameHeaderOverlapWhereTheyAgree() {
        var o = RuleOverlap.find(rules(new Header("x-env", "dev-", Type.PREFIX)),
                List.of(bobs(rules(new Header("x-env", "dev-[a-z]+", Type.REGEX)))));
        assertEquals(1, o.size(), o.toString());
        assertTrue(Carrier2Matching.matches(rules(new Header("x-env", "dev-", Type.PREFIX)).sets().getFirst(), "/",
                List.of(Map.entry("x-env", o.getFirst().example().substring(o.getFirst().example().indexOf("x-env: ") + 7)))));
    }

    @Test
    void everySetOfTheNewRulesIsCheckedOnItsOwn() {
        MatchRules two = new MatchRules(List.of(
                new MatchRules.RuleSet(List.of(new Header("x-user", "alice", Type.EXACT))),
                new MatchRules.RuleSet(List.of(new Path("/admin", Type.PREFIX)))));
        // alice's header takes /admin/users too when she sends it; the path prefix takes it from anyone
        var o = RuleOverlap.find(two, List.of(bobs(rules(new Path("/admin/users", Type.EXACT)))));
        assertEquals(List.of(0, 1), o.stream().map(RuleOverlap.Overlap::yourSet).toList());
        assertEquals("a request to /admin/users with x-user: alice", o.get(0).example());
        assertEquals("a request to /admin/users", o.get(1).example());
    }
}
