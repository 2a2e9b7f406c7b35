package dev.ponte.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks the Run dialog and {@code ponte run} share (the dialog's corpus is RunInputCorpusTest, the flags' CliUsageTest). */
class RunInputTest {
    @Test
    void commandLinesSplitLikeAShell() {
        assertEquals(List.of("sh", "-c", "echo hi there"), RunInput.splitCommand("sh -c 'echo hi there'"));
        assertEquals(List.of("a b", "c"), RunInput.splitCommand("\"a b\" c"));
        assertEquals(List.of("x y"), RunInput.splitCommand("x\\ y"));
        assertEquals(List.of("say \"hi\""), RunInput.splitCommand("\"say \\\"hi\\\"\""));
        assertEquals(List.of(""), RunInput.splitCommand("''"));
        assertEquals(List.of(), RunInput.splitCommand("   "));
        assertEquals(List.of(), RunInput.splitCommand(null));
    }

    @Test
    void anUnclosedQuoteIsNamedAndTheRestStillSplits() {
        assertEquals("The command has an unclosed ' quote; close it (or quote it the other way).", RunInput.commandError("sh -c 'x"));
        assertTrue(RunInput.commandError("sh -c \"x").contains("unclosed \" quote"));
        assertNull(RunInput.commandError("sh -c 'x'"));
        assertNull(RunInput.commandError(""));
        assertEquals(List.of("sh", "-c", "x"), RunInput.splitCommand("sh -c 'x"));
    }

    @Test
    void namesNamespacesAndEnvironmentFollowTheEnginesAndTheClustersRules() {
        assertNull(RunInput.nameError(" api-local "));
        assertEquals("Give the container a name.", RunInput.nameError("  "));
        assertTrue(RunInput.nameError("../x").startsWith("Letters, digits"));
        assertTrue(RunInput.nameError("a".repeat(RunInput.MAX_NAME + 1)).contains("at most 128"));
        assertNull(RunInput.nameError("a".repeat(RunInput.MAX_NAME)));
        assertNull(RunInput.namespaceError("shop-eu"));
        assertTrue(RunInput.namespaceError("Shop\u0007").contains("'Shop\\u0007'"), RunInput.namespaceError("Shop\u0007"));
        assertTrue(RunInput.namespaceError(null).startsWith("Name the namespace"));
        assertNull(RunInput.envError("LOG_LEVEL", "debug"));
        assertNull(RunInput.envError("EMPTY", ""));
        assertTrue(RunInput.envError("A\u0007", "1").contains("'A\\u0007'"));
        assertTrue(RunInput.envError("V", "a\0b").contains("NUL"));
        assertTrue(RunInput.envError("V", "v".repeat(RunInput.MAX_ENV_BYTES)).contains("too large"));
        assertNull(RunInput.envError("V", "v".repeat(RunInput.MAX_ENV_BYTES - 2)));
    }

    @Test
    void portsAndMounts() {
        assertEquals(8080, RunInput.port(" 8080 "));
        assertNull(RunInput.port("0"));
        assertNull(RunInput.port("65536"));
        assertNull(RunInput.port(null));
        assertNull(RunInput.mountError("/home/u/app", "/app"));
        assertEquals("Choose a local folder for every mount.", RunInput.mountError("app", "/app"));
        assertTrue(RunInput.mountError("/home/u/a:b", "/app").contains("':'"));
        assertTrue(RunInput.mountError("/home/u/app", "app\u001b").contains("(app\\u001b)"));
    }

    @Test
    void whatTheUserTypedIsQuotedShortAndPrintable() {
        assertEquals("x".repeat(77) + "…", RunInput.shorten("x".repeat(1_000)));
        assertEquals("a\\u0000b", RunInput.printable("a\0b"));
    }
}
