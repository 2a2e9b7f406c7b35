package dev.ponte.core.logs;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One line of a log as the viewer keeps it: the text with escape codes removed, its styled runs, when it
 * was written (from the source's timestamps; null when the source gave none), which source it came from
 * (a pod or container name, for the coloured chip of a merged view), and its severity.
 * <p>
 * Compact on purpose: a view holds 100,000 of these per source, and while a log floods they are all young, so
 * every object and byte here is copied by each young garbage collection — pauses that stall the UI thread.
 * The time is kept as epoch seconds and nanos (not an {@link Instant} object), the styled runs as one
 * {@code int[]} (not a list of {@link Segment}s with a {@link TextStyle} each), severity, kind and the JSON
 * flag in bytes: a plain line is three objects (this, its text and the text's bytes), a styled one four, where
 * before a plain line was four and a styled one six plus two per run (LogBench: 48–52 MB for 100,000 lines
 * instead of 57). {@link #time()} and {@link #segments()} build their objects when asked, which only the rows
 * on screen, an export, a merge rebuild or a reconnect do.
 */
public final class LogLine {
    /** An ordinary line, or a line the viewer inserts to tell the user something. */
    public enum Kind {
        LINE,
        /** "— stream reconnected after 4 s; lines in between may be missing —" */
        GAP,
        /** Stream ended, failed, dropped lines, and other notes from the viewer itself. */
        NOTICE
    }

    private static final Severity[] SEVERITIES = Severity.values();
    private static final Kind[] KINDS = Kind.values();
    private static final long NO_TIME = Long.MIN_VALUE;
    /** Ints per run in {@link #runs}: start, end, fg, bg, flags (bold 1, italic 2, underline 4). */
    static final int RUN = 5;

    private final long seq;
    private final long epochSecond;
    private final int nano;
    private final String source;
    private final String text;
    /** Styled runs, {@link #RUN} ints each; null when the line is unstyled (nearly all lines). */
    private final int[] runs;
    private final byte severity;
    private final byte kind;
    private final boolean json;

    /**
     * @param seq      a sequence number, increasing in arrival order across all sources of one view; a gap
     *                 between neighbours tells how many lines were dropped
     * @param segments styled runs over {@code text}; empty when the line is unstyled
     * @param json     the text is a JSON object (offered for pretty-printing)
     */
    public LogLine(long seq, String source, Instant time, Severity severity, String text, List<Segment> segments,
                   Kind kind, boolean json) {
        this.seq = seq;
        this.source = source;
        this.epochSecond = time == null ? NO_TIME : time.getEpochSecond();
        this.nano = time == null ? 0 : time.getNano();
        this.severity = (byte) severity.ordinal();
        this.text = text;
        this.runs = pack(segments);
        this.kind = (byte) kind.ordinal();
        this.json = json;
    }

    /** From stored columns ({@link LogRing}) or the parser: no lists, no {@link Instant}. */
    LogLine(long seq, String source, long epochSecond, int nano, Severity severity, String text, int[] runs, Kind kind,
            boolean json) {
        this.seq = seq;
        this.source = source;
        this.epochSecond = epochSecond;
        this.nano = nano;
        this.severity = (byte) severity.ordinal();
        this.text = text;
        this.runs = runs;
        this.kind = (byte) kind.ordinal();
        this.json = json;
    }

    public static LogLine notice(long seq, String source, Instant time, Kind kind, String text) {
        return new LogLine(seq, source, time, Severity.NONE, text, List.of(), kind, false);
    }

    public long seq() {
        return seq;
    }

    public String source() {
        return source;
    }

    /** When the line was written; null when the source gave no timestamp. A new object per call. */
    public Instant time() {
        return epochSecond == NO_TIME ? null : Instant.ofEpochSecond(epochSecond, nano);
    }

    public boolean hasTime() {
        return epochSecond != NO_TIME;
    }

    /** Seconds of {@link #time()}; {@link Long#MIN_VALUE} without a time. */
    long epochSecond() {
        return epochSecond;
    }

    int nano() {
        return nano;
    }

    /** The styled runs as stored, {@link #RUN} ints each; null when unstyled. Not a copy: do not change it. */
    int[] runs() {
        return runs;
    }

    /**
     * Orders by time without building {@link Instant}s (the merge of several sources compares many lines); a
     * line without a time comes after every line with one.
     */
    public int compareTime(LogLine other) {
        if (epochSecond != other.epochSecond) {
            return epochSecond == NO_TIME ? 1 : other.epochSecond == NO_TIME ? -1 : Long.compare(epochSecond, other.epochSecond);
        }
        return Integer.compare(nano, other.nano);
    }

    public Severity severity() {
        return SEVERITIES[severity];
    }

    public String text() {
        return text;
    }

    /** Styled runs over {@link #text()}; empty when the line is unstyled. A new list per call. */
    public List<Segment> segments() {
        return segments(runs);
    }

    static List<Segment> segments(int[] runs) {
        if (runs == null) {
            return List.of();
        }
        Segment[] out = new Segment[runs.length / RUN];
        for (int i = 0, r = 0; i < out.length; i++, r += RUN) {
            int f = runs[r + 4];
            out[i] = new Segment(runs[r], runs[r + 1],
                    new TextStyle(runs[r + 2], runs[r + 3], (f & 1) != 0, (f & 2) != 0, (f & 4) != 0));
        }
        return List.of(out);
    }

    public boolean isStyled() {
        return runs != null;
    }

    public Kind kind() {
        return KINDS[kind];
    }

    public boolean json() {
        return json;
    }

    public boolean isNotice() {
        return kind != Kind.LINE.ordinal();
    }

    private static int[] pack(List<Segment> segments) {
        if (segments.isEmpty()) {
            return null;
        }
        int[] runs = new int[segments.size() * RUN];
        int r = 0;
        for (Segment s : segments) {
            TextStyle t = s.style();
            runs[r] = s.start();
            runs[r + 1] = s.end();
            runs[r + 2] = t.fg();
            runs[r + 3] = t.bg();
            runs[r + 4] = (t.bold() ? 1 : 0) | (t.italic() ? 2 : 0) | (t.underline() ? 4 : 0);
            r += RUN;
        }
        return runs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogLine l && seq == l.seq && epochSecond == l.epochSecond && nano == l.nano
                && severity == l.severity && kind == l.kind && json == l.json && Objects.equals(source, l.source)
                && Objects.equals(text, l.text) && Arrays.equals(runs, l.runs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, source, epochSecond, nano, severity, text, Arrays.hashCode(runs), kind, json);
    }

    @Override
    public String toString() {
        return "LogLine[seq=" + seq + ", source=" + source + ", time=" + time() + ", severity=" + severity()
                + ", text=" + text + ", segments=" + segments() + ", kind=" + kind() + ", json=" + json + "]";
    }
}
