package dev.ponte.core.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a raw line from a {@link dev.ponte.core.port.LogSource} into a {@link LogLine}: cuts the timestamp
 * prefix, removes ANSI codes into styled runs, detects JSON and the severity. Runs on the stream's own
 * thread, so the UI thread only stores and draws.
 */
public final class LogLineParser {
    private final AtomicLong sequence;

    /** @param sequence shared by every source of one view, so sequence numbers order all its lines */
    public LogLineParser(AtomicLong sequence) {
        this.sequence = sequence;
    }

    public LogLine parse(String source, String raw) {
        int end = Timestamps.prefixLength(raw) - 1;
        Instant time = end > 0 ? Timestamps.parse(raw, end) : null;
        AnsiText ansi = AnsiText.parse(raw, time == null ? 0 : end + 1);
        String text = ansi.text();
        boolean json = JsonText.looksLikeJson(text);
        Severity severity = SeverityDetector.detect(text, json);
        return new LogLine(sequence.incrementAndGet(), source, time == null ? Long.MIN_VALUE : time.getEpochSecond(),
                time == null ? 0 : time.getNano(), severity, text, ansi.runs(), LogLine.Kind.LINE, json);
    }

    /**
     * {@link #parse} into a batch of {@code batch.source()}'s lines, without objects per line: an ASCII line (nearly
     * every log line) is read as bytes once encoded, its text and runs written straight into the batch; any other
     * line goes through {@link #parse}. Both give the same line.
     */
    public void parseInto(LineBatch batch, String raw) {
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        if (n != raw.length()) { // not ASCII: byte and char offsets differ
            batch.add(parse(batch.source(), raw));
            return;
        }
        long seconds = LineBatch.NO_TIME;
        int nanos = 0;
        int from = 0;
        int end = Timestamps.prefixEnd(b, n);
        if (end > 0) {
            seconds = Timestamps.seconds(b, end);
            if (seconds != LineBatch.NO_TIME) {
                nanos = Timestamps.nanos(b, end);
                from = end + 1;
            }
        }
        int esc = from;
        while (esc < n && b[esc] != 0x1b) {
            esc++;
        }
        int at = batch.reserve(n - from);
        int length;
        int runs = 0;
        if (esc == n) {
            System.arraycopy(b, from, batch.bytes, at, n - from);
            length = n - from;
        } else {
            length = AnsiText.parse(b, from, n, esc, batch, at);
            runs = batch.runCount;
        }
        byte[] text = batch.bytes;
        boolean json = JsonText.looksLikeJson(text, at, at + length);
        Severity severity = SeverityDetector.detect(text, at, at + length, json);
        batch.fill = at + length;
        if (runs > 0) {
            int r = batch.reserve(ByteArena.runsSize(batch.runs, runs));
            ByteArena.writeRuns(batch.bytes, r, batch.runs, runs);
        }
        int flags = severity.ordinal() | (json ? LineBatch.JSON : 0) | (runs > 0 ? LineBatch.STYLED : 0);
        batch.commit(sequence.incrementAndGet(), seconds, nanos, flags, at, length, batch.fill - at);
    }

    public LogLine notice(String source, Instant time, LogLine.Kind kind, String text) {
        return LogLine.notice(sequence.incrementAndGet(), source, time, kind, text);
    }
}
