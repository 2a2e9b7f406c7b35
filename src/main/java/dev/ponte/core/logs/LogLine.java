package dev.ponte.core.logs;

import java.time.Instant;
import java.util.List;

/**
 * One line of a log as the viewer keeps it: the text with escape codes removed, its styled runs, when it
 * was written (from the source's timestamps; null when the source gave none), which source it came from
 * (a pod or container name, for the coloured chip of a merged view), and its severity.
 *
 * @param seq      a sequence number, increasing in arrival order across all sources of one view; a gap
 *                 between neighbours tells how many lines were dropped
 * @param segments styled runs over {@code text}; empty when the line is unstyled
 * @param json     the text is a JSON object (offered for pretty-printing)
 */
public record LogLine(long seq, String source, Instant time, Severity severity, String text, List<Segment> segments,
                      Kind kind, boolean json) {
    /** An ordinary line, or a line the viewer inserts to tell the user something. */
    public enum Kind {
        LINE,
        /** "— stream reconnected after 4 s; lines in between may be missing —" */
        GAP,
        /** Stream ended, failed, dropped lines, and other notes from the viewer itself. */
        NOTICE
    }

    public static LogLine notice(long seq, String source, Instant time, Kind kind, String text) {
        return new LogLine(seq, source, time, Severity.NONE, text, List.of(), kind, false);
    }

    public boolean isNotice() {
        return kind != Kind.LINE;
    }
}
