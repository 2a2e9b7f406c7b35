package dev.ponte.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MatchRules.Type;
import org.junit.jupiter.api.Test;

class MatchValidatorTest {
    @Test
    void headerNamesAreLowerCasedAndNoted() {
        MatchCheck c = MatchValidator.check(MatchDraft.header(" X-User ", "alice", Type.EXACT));
        assertTrue(c.valid());
        assertEquals(new MatchRules.Header("x-user", "alice", Type.EXACT), c.match());
        assertEquals("Header names arrive in lower case: sent as x-user", c.note());
    }

    @Test
    void headerNamesMustBeTokens() {
        assertEquals("Enter a header name, e.g. x-user", MatchValidator.check(MatchDraft.header("", "a", Type.EXACT)).nameError());
        assertEquals("A header name cannot contain ':'; put the value in the value field",
                MatchValidator.check(MatchDraft.header("x-user: alice", "", Type.PREFIX)).nameError());
        assertTrue(MatchValidator.check(MatchDraft.header("x user", "a", Type.EXACT)).nameError().startsWith("Not a valid header name: a space"));
        assertTrue(MatchValidator.check(MatchDraft.header("x-ü", "a", Type.EXACT)).nameError().contains("'ü'"));
        assertTrue(MatchValidator.check(MatchDraft.header(":authority", "a", Type.EXACT)).nameError().startsWith("Pseudo-headers"));
        assertNull(MatchValidator.check(MatchDraft.header("x-a_b.c~1", "a", Type.EXACT)).nameError());
    }

    @Test
    void anEmptyValueIsAllowedOnlyForPrefixWhereItMeansAnyValue() {
        assertTrue(MatchValidator.check(MatchDraft.header("x-user", "", Type.EXACT)).valueError().startsWith("Enter the value"));
        assertTrue(MatchValidator.check(MatchDraft.header("x-user", "", Type.REGEX)).valueError().startsWith("Enter a pattern"));
        MatchCheck prefix = MatchValidator.check(MatchDraft.header("x-user", "", Type.PREFIX));
        assertTrue(prefix.valid());
        assertEquals("Any value: every request that carries this header matches", prefix.note());
    }

    @Test
    void headerValuesThatCanNeverMatchAreErrors() {
        assertTrue(MatchValidator.check(MatchDraft.header("x-user", "alice ", Type.EXACT)).valueError().startsWith("HTTP drops spaces"));
        assertTrue(MatchValidator.check(MatchDraft.header("x-user", "zoë", Type.EXACT)).valueError().contains("'ë' never matches"));
        assertNull(MatchValidator.check(MatchDraft.header("x-user", "a b", Type.EXACT)).valueError());
    }

    @Test
    void regexHeadersCheckNameAndValuePatterns() {
        MatchCheck bad = MatchValidator.check(MatchDraft.header("x-user", "(?=ali)", Type.REGEX));
        assertNull(bad.nameError());
        assertTrue(bad.valueError().startsWith("Look-ahead"));
        assertNull(bad.match());
        MatchCheck badName = MatchValidator.check(MatchDraft.header("x-(", "a", Type.REGEX));
        assertTrue(badName.nameError().startsWith("Not a valid pattern"));
        MatchCheck upper = MatchValidator.check(MatchDraft.header("X-User-\\d", "^Al", Type.REGEX));
        assertEquals(new MatchRules.Header("x-user-\\d", "^Al", Type.REGEX), upper.match());
    }

    @Test
    void exactAndPrefixPathsStartWithASlash() {
        assertEquals("A path starts with /, e.g. /api", MatchValidator.check(MatchDraft.path("api", Type.PREFIX)).valueError());
        assertEquals("Enter a path, e.g. /api", MatchValidator.check(MatchDraft.path("", Type.EXACT)).valueError());
        assertEquals("Paths arrive percent-encoded: write 'é' as %C3%A9",
                MatchValidator.check(MatchDraft.path("/café", Type.EXACT)).valueError());
        assertTrue(MatchValidator.check(MatchDraft.path("/a b", Type.EXACT)).valueError().contains("a space"));
        assertEquals("Clients never send the part after #: leave it out", MatchValidator.check(MatchDraft.path("/a#b", Type.EXACT)).valueError());
        assertEquals("Every path starts with /: this matches every request", MatchValidator.check(MatchDraft.path("/", Type.PREFIX)).note());
        assertEquals("Exact includes the query: /health?page=2 does not match", MatchValidator.check(MatchDraft.path("/health", Type.EXACT)).note());
    }

    @Test
    void regexPathsNeedNoSlashButMustCompileForRust() {
        MatchCheck c = MatchValidator.check(MatchDraft.path("x-gefyra=michael", Type.REGEX));
        assertTrue(c.valid());
        assertTrue(c.note().startsWith("Matches anywhere"));
        assertTrue(MatchValidator.check(MatchDraft.path("^/(a)\\1", Type.REGEX)).valueError().startsWith("Back-references"));
    }
}
