package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing {@code env} output: split at the first '=', multi-line values joined back. */
class EnvOutputTest {

    @Test
    void splitsAtTheFirstEqualsSign() {
        assertEquals(Map.of("A", "1", "URL", "http://x/?a=b&c=d", "EMPTY", ""),
                EnvOutput.parse("A=1\nURL=http://x/?a=b&c=d\nEMPTY=\n"));
    }

    @Test
    void linesThatDoNotStartAVariableBelongToTheValueBefore() {
        Map<String, String> parsed = EnvOutput.parse("KEY=-----BEGIN-----\nab+/cd\n\n-----END-----\nNEXT=2\n");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("KEY", "-----BEGIN-----\nab+/cd\n\n-----END-----");
        expected.put("NEXT", "2");
        assertEquals(expected, parsed);
        assertEquals(List.of("KEY", "NEXT"), List.copyOf(parsed.keySet()), "order of the output is kept");
    }

    @Test
    void aTrailingNewlineInsideTheLastValueIsKept() {
        assertEquals(Map.of("A", "x\n"), EnvOutput.parse("A=x\n\n"));
    }

    @Test
    void noiseBeforeTheFirstVariableAndEmptyOutputGiveNothing() {
        assertEquals(Map.of("B", "1"), EnvOutput.parse("warning: something\nB=1"));
        assertEquals(Map.of(), EnvOutput.parse(""));
    }

    @Test
    void aLaterDuplicateWins() {
        assertEquals(Map.of("A", "2"), EnvOutput.parse("A=1\nA=2\n"));
    }
}
