package dev.ponte.core.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
        parseInto(batch, new Prepared(List.of(raw)), 0);
    }

    /**
     * The first half of {@link #parseInto(LineBatch, String)} for a stream's batch, on the thread that read it: copies
     * each line's bytes and reads its timestamp. The rest runs on the {@link ParseWorker}:
     * with two cores the two threads then share the work about evenly (the reading thread also splits the bytes).
     */
    public static final class Prepared {
        final List<String> raw;
        /** Each line as Latin-1 bytes: its UTF-8 bytes when it is ASCII, which {@link #parseInto} checks. */
        final byte[][] bytes;
        final long[] seconds;
        final int[] nanos;
        /** Where the text starts (after the timestamp). */
        final int[] from;
        /** Bytes of all lines together. */
        final int total;

        public Prepared(List<String> raw) {
            this.raw = raw;
            int count = raw.size();
            bytes = new byte[count][];
            seconds = new long[count];
            nanos = new int[count];
            from = new int[count];
            int sum = 0;
            Timestamps.Reader times = new Timestamps.Reader();
            for (int i = 0; i < count; i++) {
                String line = raw.get(i);
                // Latin-1 is a plain copy of the string's bytes (UTF-8 would first look at every byte for one above
                // 127, a loop that C1 does not make fast); the scan in parseInto checks what that copy may hide.
                byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                int n = b.length;
                long sec = LineBatch.NO_TIME;
                int start = 0;
                int end = Timestamps.prefixEnd(b, n);
                if (end > 0) {
                    sec = times.seconds(b, end);
                    if (sec != LineBatch.NO_TIME) {
                        nanos[i] = times.nanos;
                        start = end + 1;
                    }
                }
                sum += n;
                bytes[i] = b;
                seconds[i] = sec;
                from[i] = start;
            }
            total = sum;
        }

        public int size() {
            return bytes.length;
        }
    }

    /** Parses line {@code i} of a prepared batch into {@code batch} (see {@link #parseInto(LineBatch, String)}). */
    public void parseInto(LineBatch batch, Prepared pre, int i) {
        byte[] b = pre.bytes[i];
        int n = b.length;
        int from = pre.from[i];
        // One pass over the bytes: the first ESC, the first '=' (where the severity's key=value search starts), and
        // whether the line may not be ASCII — a byte above 127 is a Latin-1 character, and a character beyond
        // Latin-1 became '?' in the copy. (The timestamp's bytes were all checked when it was read.)
        // Eight bytes at a time (Bytes): a word is tested for what is still wanted (an ESC or control byte until the
        // first ESC, '=' until the first one, a byte above 127 and '?' always; see Bytes.CONTROLS) and the scan goes on
        // from its first hit.
        int esc = n;
        int eq = n;
        int k = from;
        long low = Bytes.CONTROLS; // until the first ESC
        long or = Bytes.EQUALS_TOO; // until the first '='
        while (k < n) {
            int hit;
            if (k + 8 <= n) {
                long x = Bytes.word(b, k);
                long y = (x | or) ^ Bytes.QUESTION;
                long found = ((x - low) | x | ((y - Bytes.ONES) & ~y)) & Bytes.HIGHS;
                if (found == 0) {
                    k += 8;
                    continue;
                }
                hit = k + Bytes.firstByte(found);
            } else {
                hit = k;
            }
            k = hit + 1;
            byte c = b[hit];
            if (c == 0x1b) {
                if (esc == n) {
                    esc = hit;
                    low = 0;
                }
            } else if (c == '=') {
                if (eq == n) {
                    eq = hit;
                    or = 0;
                }
            } else if (c < 0 || c == '?') {
                if (!ascii(pre.raw.get(i))) {
                    batch.add(parse(batch.source(), pre.raw.get(i)));
                    return;
                }
                esc = from;
                while (esc < n && b[esc] != 0x1b) {
                    esc++;
                }
                eq = from; // not known: searched from the start
                break;
            }
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
        // Without an escape the text is the bytes after the timestamp; with one, a '=' in the text was one in the line.
        int eqAt = eq == n ? at + length : esc == n ? at + eq - from : at;
        Severity severity = SeverityDetector.detect(text, at, at + length, json, eqAt);
        batch.fill = at + length;
        if (runs > 0) {
            int r = batch.reserve(ByteArena.runsSize(batch.runs, runs));
            ByteArena.writeRuns(batch.bytes, r, batch.runs, runs);
        }
        int flags = severity.ordinal() | (json ? LineBatch.JSON : 0) | (runs > 0 ? LineBatch.STYLED : 0);
        batch.commit(sequence.incrementAndGet(), pre.seconds[i], pre.nanos[i], flags, at, length, batch.fill - at);
    }

    /** Whether a line with a byte above 127 or a '?' in its Latin-1 copy is ASCII after all (it had a '?'). */
    private static boolean ascii(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length == line.length();
    }

    public LogLine notice(String source, Instant time, LogLine.Kind kind, String text) {
        return LogLine.notice(sequence.incrementAndGet(), source, time, kind, text);
    }
}
