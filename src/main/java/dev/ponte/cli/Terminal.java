package dev.ponte.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Where the command line writes: results to {@code out}, progress and messages to {@code err}, so that
 * {@code ponte list -o json | jq} gets only the JSON. The only class that touches the process's standard streams.
 *
 * @param live true on a terminal: progress rewrites one line per step instead of printing plain lines
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean live) {
    /** The process's own streams; live when both are a terminal (a pipe or a file gets plain lines). */
    public static Terminal system() {
        java.io.Console console = System.console();
        boolean live = console != null && console.isTerminal() && System.getenv("TERM") != null
                && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true),
                new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true), live);
    }

    /** Writers of the caller's (tests). */
    public static Terminal of(Writer out, Writer err, boolean live) {
        return new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), live);
    }
}
