package dev.ponte.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MatchRules.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesDraftTest {
    @Test
    void aValidDraftBecomesOneMatchListPerRuleSetInOrder() {
        RulesDraft draft = RulesDraft.of(
                RulesDraft.set(MatchDraft.header("X-User", "alice", Type.EXACT), MatchDraft.path("/api", Type.PREFIX)),
                RulesDraft.set(MatchDraft.path("^/beta/", Type.REGEX)));
        MatchRules rules = draft.check().rules().orElseThrow();
        assertEquals(new MatchRules(List.of(
                new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice", Type.EXACT), new MatchRules.Path("/api", Type.PREFIX))),
                new MatchRules.RuleSet(List.of(new MatchRules.Path("^/beta/", Type.REGEX))))), rules);
    }

    @Test
    void everyProblemIsNamedWithWhereItIs() {
        RulesDraft draft = RulesDraft.of(
                RulesDraft.set(MatchDraft.header("x-user", "(?=a)", Type.REGEX)),
                RulesDraft.set(),
                RulesDraft.set(MatchDraft.path("/ok", Type.EXACT), MatchDraft.path("api", Type.PREFIX)));
        RulesDraft.Check check = draft.check();
        assertFalse(check.valid());
        assertTrue(check.rules().isEmpty());
        assertEquals(List.of(
                "Rule set 1: Look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported by Carrier2's regex engine (Rust)",
                "Rule set 2: Add a match to this rule set, or remove the rule set",
                "Rule set 3, match 2: A path starts with /, e.g. /api"), check.problems());
        assertEquals(List.of("Match 2: Enter a path, e.g. /api"), RulesDraft.of(RulesDraft.set(MatchDraft.header("x-a", "b", Type.EXACT),
                MatchDraft.path("", Type.PREFIX))).check().problems());
    }

    @Test
    void noRuleSetsAtAllIsAnError() {
        RulesDraft.Check check = new RulesDraft(List.of()).check();
        assertFalse(check.valid());
        assertTrue(check.problems().getFirst().startsWith("Add at least one rule set"));
    }

    @Test
    void carrier2MatchingOrsSetsAndAndsMatches() {
        MatchRules rules = RulesDraft.of(
                RulesDraft.set(MatchDraft.header("x-user", "alice", Type.EXACT), MatchDraft.path("/api", Type.PREFIX)),
                RulesDraft.set(MatchDraft.path("/always", Type.EXACT))).check().rules().orElseThrow();
        List<Map.Entry<String, String>> alice = List.of(Map.entry("x-user", "alice"));
        assertTrue(Carrier2Matching.matches(rules, "/api/v1", alice));
        assertFalse(Carrier2Matching.matches(rules, "/web", alice));
        assertFalse(Carrier2Matching.matches(rules, "/api", List.of(Map.entry("x-user", "bob"))));
        assertTrue(Carrier2Matching.matches(rules, "/always", List.of()));
        assertFalse(Carrier2Matching.matches(rules, "/always?x=1", List.of()));
    }

    @Test
    void regexHeaderRulesMatchNameAndValueAnywhereLikeCarrier2() {
        // upstream carrier2/src/matching.rs, test match_header
        MatchRules.Header m = new MatchRules.Header("x-gefyra-[a-z0-9]*", "michael[1-9]{0,2}$", Type.REGEX);
        assertTrue(Carrier2Matching.hit(m, "x-gefyra-from123", "michael12"));
        assertFalse(Carrier2Matching.hit(m, "x-gefyra-from123", "michael123"));
        assertFalse(Carrier2Matching.hit(m, "x-gefyra", "michael12"));
    }
}
