package dev.ponte.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MatchRules.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRequestTest {
    private static final String HOST = "api.default.svc.cluster.local";

    private static MatchRules.RuleSet set(MatchDraft... matches) {
        return new RulesDraft(List.of(new RulesDraft.RuleSetDraft(List.of(matches)))).check().rules().orElseThrow().sets().getFirst();
    }

    @Test
    void exactHeaderAndPath() {
        TestRequest r = TestRequest.of(set(MatchDraft.header("x-user", "alice", Type.EXACT)), HOST, 80);
        assertEquals("curl -H 'x-user: alice' http://api.default.svc.cluster.local:80/", r.command());
        assertTrue(r.verified());
        assertEquals("", r.note());
    }

    @Test
    void singleQuotesInValuesAreQuotedForTheShell() {
        TestRequest r = TestRequest.of(set(MatchDraft.header("x-user", "o'brien $HOME `id`", Type.EXACT)), HOST, 8080);
        assertEquals("curl -H 'x-user: o'\\''brien $HOME `id`' http://api.default.svc.cluster.local:8080/", r.command());
        assertTrue(r.verified());
    }

    @Test
    void urlsWithQueryOrGlobCharactersAreQuotedAndGlobbingIsOff() {
        assertEquals("curl 'http://api.default.svc.cluster.local:80/search?q=1&x=2'",
                TestRequest.of(set(MatchDraft.path("/search?q=1&x=2", Type.EXACT)), HOST, 80).command());
        assertEquals("curl -g 'http://api.default.svc.cluster.local:80/items[1]'",
                TestRequest.of(set(MatchDraft.path("/items[1]", Type.PREFIX)), HOST, 80).command());
        assertEquals("curl --path-as-is http://api.default.svc.cluster.local:80/a/../b",
                TestRequest.of(set(MatchDraft.path("/a/../b", Type.EXACT)), HOST, 80).command());
    }

    @Test
    void prefixesAreSentAsThemselvesAndAnyValueGetsAValueCurlKeeps() {
        TestRequest r = TestRequest.of(set(MatchDraft.header("x-debug", "", Type.PREFIX), MatchDraft.path("/api/", Type.PREFIX)), HOST, 80);
        assertEquals("curl -H 'x-debug: test' http://api.default.svc.cluster.local:80/api/", r.command());
        assertTrue(r.verified());
    }

    @Test
    void simplePatternsGetAValueThatSatisfiesThem() {
        TestRequest r = TestRequest.of(set(MatchDraft.header("^x-user-[a-z]+$", "^ali\\d{2}", Type.REGEX),
                MatchDraft.path("^/v[0-9]+/users", Type.REGEX)), HOST, 80);
        assertEquals("curl -H 'x-user-a: ali11' http://api.default.svc.cluster.local:80/v0/users", r.command());
        assertTrue(r.verified());
        TestRequest anywhere = TestRequest.of(set(MatchDraft.path("x-gefyra=michael", Type.REGEX)), HOST, 80);
        assertEquals("curl http://api.default.svc.cluster.local:80/x-gefyra=michael", anywhere.command());
        assertTrue(anywhere.verified());
    }

    @Test
    void complexPatternsGetAPlaceholderAndSaySo() {
        TestRequest r = TestRequest.of(set(MatchDraft.header("x-user", "^(alice|bob)$", Type.REGEX)), HOST, 80);
        assertEquals("curl -H 'x-user: <value matching ^(alice|bob)$>' http://api.default.svc.cluster.local:80/", r.command());
        assertFalse(r.verified());
        assertEquals("Replace <value matching ^(alice|bob)$>: Ponte makes up values only for simple patterns.", r.note());
    }

    @Test
    void aSetNoRequestCanSatisfyIsReported() {
        TestRequest r = TestRequest.of(set(MatchDraft.path("/a", Type.EXACT), MatchDraft.path("/b", Type.EXACT)), HOST, 80);
        assertFalse(r.verified());
        assertTrue(r.note().startsWith("No single request can satisfy"));
    }
}
