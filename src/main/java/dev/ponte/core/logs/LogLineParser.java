package dev.ponte.core.logs;

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

    public LogLine notice(String source, Instant time, LogLine.Kind kind, String text) {
        return LogLine.notice(sequence.incrementAndGet(), source, time, kind, text);
    }
}
