package dev.ponte.core.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into UTF-8 lines at {@code \n} (dropping a {@code \r} before it), across chunk
 * borders. A line longer than {@link #DEFAULT_MAX_LINE} bytes is cut there (at a character border) and
 * marked, and the rest of it is skipped: one runaway line must not eat the memory of the ring.
 * Not thread-safe: one splitter per stream.
 */
public final class LineSplitter {
    public static final int DEFAULT_MAX_LINE = 64 * 1024;
    public static final String CUT_MARKER = " … [line cut: longer than 64 KiB]";

    private final int maxLine;
    private final Consumer<String> sink;
    private byte[] partial = new byte[256];
    private int partialLength;
    private boolean skipping;

    public LineSplitter(Consumer<String> sink) {
        this(DEFAULT_MAX_LINE, sink);
    }

    public LineSplitter(int maxLine, Consumer<String> sink) {
        this.maxLine = maxLine;
        this.sink = sink;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (skipping) {
                // the rest of a line that was cut: dropped
            } else if (partialLength == 0) {
                emit(bytes, start, i - start);
            } else {
                append(bytes, start, i - start);
                if (!skipping) {
                    emit(partial, 0, partialLength);
                }
            }
            skipping = false;
            partialLength = 0;
            start = i + 1;
        }
        if (start < end && !skipping) {
            append(bytes, start, end - start);
        }
    }

    /** The stream ended: a last line without a newline is delivered too. */
    public void finish() {
        if (partialLength > 0 && !skipping) {
            emit(partial, 0, partialLength);
        }
        partialLength = 0;
        skipping = false;
    }

    private void append(byte[] bytes, int from, int count) {
        if (partialLength + count > maxLine) {
            int keep = maxLine - partialLength;
            ensure(maxLine);
            System.arraycopy(bytes, from, partial, partialLength, keep);
            partialLength = maxLine;
            cut();
            return;
        }
        ensure(partialLength + count);
        System.arraycopy(bytes, from, partial, partialLength, count);
        partialLength += count;
    }

    private void emit(byte[] bytes, int from, int count) {
        if (count > maxLine) {
            partialLength = 0;
            append(bytes, from, count);
            return;
        }
        int n = count > 0 && bytes[from + count - 1] == '\r' ? count - 1 : count;
        sink.accept(new String(bytes, from, n, StandardCharsets.UTF_8));
    }

    private void cut() {
        int n = partialLength;
        while (n > 0 && (partial[n - 1] & 0xC0) == 0x80) {
            n--; // inside a multi-byte character: back to its first byte…
        }
        if (n > 0 && (partial[n - 1] & 0x80) != 0) {
            n--; // …and drop that too
        }
        sink.accept(new String(partial, 0, n, StandardCharsets.UTF_8) + CUT_MARKER);
        partialLength = 0;
        skipping = true;
    }

    private void ensure(int size) {
        if (size > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(size, Math.min(maxLine, partial.length * 2)));
        }
    }
}
