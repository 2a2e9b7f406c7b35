package dev.ponte.core.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parsed lines of one source on their way from the parser to the rings, as columns: per line its sequence number,
 * time, flags and where its record lies in one byte buffer — the record a {@link LogRing} stores (UTF-8 text, then
 * the styled runs as {@link ByteArena} writes them), so storing a line is an array copy. The parser writes lines
 * here without making a {@link LogLine}, a {@code String} for its text or an {@link java.time.Instant} (with C1 only,
 * as Ponte ships, each such object per line costs, and a flood has a million lines). {@link #line(int)} makes the
 * object when one is needed (a filter, a test). Not thread-safe; handed from the parser to the feed, not shared.
 */
public final class LineBatch {
    static final long NO_TIME = Long.MIN_VALUE;
    /** Flag bits, as {@link LogRing} stores them: severity (3 bits), kind (2 bits), JSON, styled. */
    static final int JSON = 1 << 5;
    static final int STYLED = 1 << 6;
    private static final Severity[] SEVERITIES = Severity.values();
    private static final LogLine.Kind[] KINDS = LogLine.Kind.values();

    private final String source;
    private int size;
    private long[] seq;
    private long[] seconds;
    private int[] nanos;
    private byte[] flags;
    private int[] start;
    private int[] textBytes;
    private int[] recordBytes;
    byte[] bytes;
    /** Bytes used in {@link #bytes}. */
    int fill;
    /** The ANSI parser's scratch: the last styled line's runs ({@link #runCount} ints; 0 when unstyled) and styles. */
    int[] runs = new int[4 * LogLine.RUN];
    int runCount;
    final int[] style = new int[3];
    final int[] nextStyle = new int[3];
    /** An SGR sequence's parameters (at most 16 on the byte path). */
    final int[] params = new int[16];

    /**
     * @param lines expected lines
     * @param bytes expected bytes of their records (grown when short)
     */
    public LineBatch(String source, int lines, int bytes) {
        this.source = source;
        int n = Math.max(4, lines);
        seq = new long[n];
        seconds = new long[n];
        nanos = new int[n];
        flags = new byte[n];
        start = new int[n];
        textBytes = new int[n];
        recordBytes = new int[n];
        this.bytes = new byte[Math.max(64, bytes)];
    }

    public String source() {
        return source;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The i-th line as an object (a new one per call). */
    public LogLine line(int i) {
        check(i);
        int f = flags[i];
        String text = new String(bytes, start[i], textBytes[i], StandardCharsets.UTF_8);
        int[] runs = (f & STYLED) != 0 ? ByteArena.readRuns(bytes, start[i] + textBytes[i]) : null;
        return new LogLine(seq[i], source, seconds[i], nanos[i], SEVERITIES[f & 7], text, runs, KINDS[f >> 3 & 3],
                (f & JSON) != 0);
    }

    /** Every line as an object (tests, sinks that keep lists). */
    public List<LogLine> toLines() {
        List<LogLine> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(line(i));
        }
        return out;
    }

    /** Adds a line object (notices, and the lines the byte parser leaves to the text parser). */
    public void add(LogLine line) {
        byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
        int[] runs = line.runs();
        int at = reserve(text.length + (runs == null ? 0 : ByteArena.runsSize(runs, runs.length)));
        System.arraycopy(text, 0, bytes, at, text.length);
        if (runs != null) {
            ByteArena.writeRuns(bytes, at + text.length, runs, runs.length);
        }
        int f = line.severity().ordinal() | line.kind().ordinal() << 3 | (line.json() ? JSON : 0) | (runs != null ? STYLED : 0);
        commit(line.seq(), line.hasTime() ? line.epochSecond() : NO_TIME, line.nano(), f, at, text.length, fill - at);
    }

    /** Copies line {@code i} of another batch in. */
    public void add(LineBatch from, int i) {
        from.check(i);
        int at = reserve(from.recordBytes[i]);
        System.arraycopy(from.bytes, from.start[i], bytes, at, from.recordBytes[i]);
        commit(from.seq[i], from.seconds[i], from.nanos[i], from.flags[i], at, from.textBytes[i], from.recordBytes[i]);
    }

    /** Makes room for a record of {@code n} bytes at the end of {@link #bytes}; returns where it starts. */
    int reserve(int n) {
        if (fill + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(fill + n, bytes.length * 2));
        }
        int at = fill;
        fill += n;
        return at;
    }

    /** Ends the record begun by {@link #reserve} (its bytes written, {@link #fill} at its end). */
    void commit(long sequence, long epochSecond, int nano, int flag, int at, int text, int record) {
        if (size == seq.length) {
            int n = size * 2;
            seq = Arrays.copyOf(seq, n);
            seconds = Arrays.copyOf(seconds, n);
            nanos = Arrays.copyOf(nanos, n);
            flags = Arrays.copyOf(flags, n);
            start = Arrays.copyOf(start, n);
            textBytes = Arrays.copyOf(textBytes, n);
            recordBytes = Arrays.copyOf(recordBytes, n);
        }
        seq[size] = sequence;
        seconds[size] = epochSecond;
        nanos[size] = nano;
        flags[size] = (byte) flag;
        start[size] = at;
        textBytes[size] = text;
        recordBytes[size] = record;
        size++;
        fill = at + record;
    }

    /** Empties the batch for reuse. */
    void removeAll() {
        size = 0;
        fill = 0;
    }

    long seq(int i) {
        return seq[i];
    }

    long seconds(int i) {
        return seconds[i];
    }

    int nanos(int i) {
        return nanos[i];
    }

    int flags(int i) {
        return flags[i];
    }

    int start(int i) {
        return start[i];
    }

    int textBytes(int i) {
        return textBytes[i];
    }

    int recordBytes(int i) {
        return recordBytes[i];
    }

    boolean hasTime(int i) {
        return seconds[i] != NO_TIME;
    }

    boolean isNotice(int i) {
        return (flags[i] >> 3 & 3) != LogLine.Kind.LINE.ordinal();
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
    }
}
