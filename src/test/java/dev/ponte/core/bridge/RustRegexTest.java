package dev.ponte.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RustRegexTest {
    @ParameterizedTest
    @ValueSource(strings = {"^/api/v[0-9]+/", "x-gefyra=michael", "michael[1-9]{0,2}$", "(?i)^ALICE$", "(?P<user>[a-z]+)-dev",
            "(?<user>[a-z]+)", "[(?=]", "\\(?=\\)", "a+?b*?", "\\d{2,}\\.\\w", "\\p{Lu}\\pL", "[a-z&&[^e]]", "(?i:abc)", "(?Rm)^a$", "a{2}"})
    void acceptsWhatBothEnginesRun(String pattern) {
        assertEquals(Optional.empty(), RustRegex.problem(pattern), pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo(?=bar)", "foo(?!bar)", "(?<=a)b", "(?<!a)b"})
    void rejectsLookAround(String pattern) {
        assertTrue(RustRegex.problem(pattern).orElseThrow().startsWith("Look-ahead and look-behind"), pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a)\\1", "(?<n>a)\\k<n>"})
    void rejectsBackReferences(String pattern) {
        assertTrue(RustRegex.problem(pattern).orElseThrow().startsWith("Back-references"), pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a++", "a*+", "a?+", "a{2}+", "(?>ab)", "\\Qa.b\\E", "\\h", "\\Z", "\\G", "\\R", "\\e",
            "\\p{javaLowerCase}", "(?d)a", "\\0101"})
    void rejectsWhatOnlyJavaKnows(String pattern) {
        assertTrue(RustRegex.problem(pattern).isPresent(), pattern);
    }

    @Test
    void reportsJavaSyntaxErrorsWithThePosition() {
        assertEquals("Not a valid pattern: Unclosed group (at character 5)", RustRegex.problem("(abc").orElseThrow());
        assertTrue(RustRegex.problem("[a-").orElseThrow().startsWith("Not a valid pattern: "));
        assertEquals("Not a valid pattern: it ends with a lone \\", RustRegex.problem("abc\\").orElseThrow());
    }

    @Test
    void lowerCasesLiteralsButNotEscapesFlagsOrClassNames() {
        assertEquals("x-user-\\d+", RustRegex.lowerLiterals("X-User-\\d+"));
        assertEquals("(?i)x-\\D\\p{Lu}\\PL[a-z]", RustRegex.lowerLiterals("(?i)X-\\D\\p{Lu}\\PL[A-Z]"));
        assertEquals("(?P<Who>x)", RustRegex.lowerLiterals("(?P<Who>X)"));
    }
}
