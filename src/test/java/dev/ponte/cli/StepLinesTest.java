package dev.ponte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.StepEvent.State;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The step lines on a terminal (one line per step, rewritten in place) and piped (plain lines), and who gets the window. */
class StepLinesTest {
    private static StepEvent e(int i, State s, String detail) {
        return new StepEvent(i, 2, i == 1 ? "Start Cargo" : "Wait for the WireGuard handshake", s, Duration.ofMillis(300), detail);
    }

    @Test
    void onATerminalTheRunningStepIsOneLineRewrittenUntilItEnds() {
        StringWriter w = new StringWriter();
        StepLines lines = new StepLines(new PrintWriter(w), true);
        lines.step(e(1, State.PENDING, ""));
        lines.step(e(1, State.RUNNING, ""));
        lines.step(e(1, State.RUNNING, "creating gefyra-cargo-kind-dev"));
        lines.step(e(1, State.DONE, "at 172.18.0.149"));
        lines.step(e(2, State.RUNNING, ""));
        lines.step(e(2, State.FAILED, "no handshake within 60 s"));
        assertEquals("  … [1/2] Start Cargo"
                + "\r\033[2K  … [1/2] Start Cargo — creating gefyra-cargo-kind-dev"
                + "\r\033[2K  ✓ [1/2] Start Cargo (0.3 s) — at 172.18.0.149\n"
                + "  … [2/2] Wait for the WireGuard handshake"
                + "\r\033[2K  ✗ [2/2] Wait for the WireGuard handshake (0.3 s) — no handshake within 60 s\n", w.toString());
    }

    @Test
    void pipedEveryStepGetsPlainLinesWithoutEscapes() {
        StringWriter w = new StringWriter();
        StepLines lines = new StepLines(new PrintWriter(w), false);
        lines.step(e(1, State.RUNNING, ""));
        lines.step(e(1, State.RUNNING, "waiting for \u001b[31mred\u001b[0m"));
        lines.step(e(1, State.DONE, "ok"));
        lines.undoing("undoing 1 step: remove network gefyra-network-kind-dev");
        assertEquals("""
                  [1/2] Start Cargo …
                      waiting for  [31mred [0m
                  done: [1/2] Start Cargo (0.3 s) — ok
                  ↶ undoing 1 step: remove network gefyra-network-kind-dev
                """, w.toString());
        assertFalse(w.toString().contains("\u001b"), "no escape sequence from a message reaches a pipe");
    }

    @Test
    void argumentsThatAreACommandOrAnOptionGoToTheCommandLineFilesToTheWindow() {
        assertTrue(Cli.wants(new String[] {"status"}));
        assertTrue(Cli.wants(new String[] {"--help"}));
        assertTrue(Cli.wants(new String[] {"-o", "json"}));
        assertFalse(Cli.wants(new String[] {}), "no arguments: the window");
        assertFalse(Cli.wants(new String[] {"/home/u/Downloads/new-cluster.yaml"}), "a kubeconfig for the window to open");
        assertFalse(Cli.wants(new String[] {"-psn_0_12345"}), "macOS Finder's process serial number");
        assertTrue(Cli.wants(new String[] {"sttaus"}), "a mistyped command: the command line suggests the right one");
        assertFalse(Cli.wants(new String[] {"pom.xml"}), "a file in the current folder: the window opens it");
        assertFalse(Cli.wants(new String[] {"../kube/config"}), "a path: the window opens it (or says it is missing)");
    }

    @Test
    void everyCommandOfTheTreeIsACommandWord() {
        picocli.CommandLine tree = Cli.commandLine(null);
        java.util.Set<String> words = new java.util.TreeSet<>();
        tree.getSubcommands().forEach((name, sub) -> words.add(name)); // names and aliases
        assertEquals(new java.util.TreeSet<>(Cli.COMMANDS), words);
    }
}
