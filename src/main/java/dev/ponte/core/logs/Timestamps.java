package dev.ponte.core.logs;

import java.time.Instant;

/**
 * Reads the RFC 3339 timestamp that the Kubernetes API ({@code timestamps=true}) and the Docker API
 * ({@code timestamps=1}) put before each line, e.g. {@code 2025-05-01T10:00:00.123456789Z }. Hand-written
 * because it runs for every line: {@link Instant#parse} is several times slower.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /**
     * The timestamp at the start of {@code line}, followed by one space; null when there is none.
     * {@link #prefixLength} tells how much to cut.
     */
    public static Instant parsePrefix(String line) {
        int end = prefixEnd(line);
        return end < 0 ? null : parse(line, end);
    }

    /** Length of the timestamp and its space at the start of {@code line}; 0 when there is none. */
    public static int prefixLength(String line) {
        int end = prefixEnd(line);
        return end < 0 ? 0 : end + 1;
    }

    /** Index of the space after a timestamp, or -1. */
    private static int prefixEnd(String s) {
        if (s.length() < 21 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return -1;
        }
        int sp = s.indexOf(' ', 19);
        return sp < 0 || sp > 40 ? -1 : sp;
    }

    /** The timestamp in {@code s[0, end)}; null when it is not one. */
    static Instant parse(String s, int end) {
        try {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int i = 19;
            long nanos = 0;
            if (i < end && s.charAt(i) == '.') {
                i++;
                int scale = 100_000_000;
                while (i < end && Character.isDigit(s.charAt(i))) {
                    nanos += (long) (s.charAt(i) - '0') * scale;
                    scale /= 10;
                    i++;
                }
            }
            long offsetSeconds;
            if (i == end - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
                offsetSeconds = 0;
            } else if (i == end - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
                long off = digits(s, i + 1, 2) * 3600L + digits(s, i + 4, 2) * 60L;
                offsetSeconds = s.charAt(i) == '-' ? -off : off;
            } else {
                return null;
            }
            if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
                return null;
            }
            long epoch = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
            return Instant.ofEpochSecond(epoch, nanos);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@link #prefixLength}{@code - 1} for a line of ASCII bytes {@code b[0, n)}: the space's index, or -1. */
    static int prefixEnd(byte[] b, int n) {
        if (n < 21 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':') {
            return -1;
        }
        for (int i = 19, stop = Math.min(n, 41); i < stop; i++) {
            if (b[i] == ' ') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The timestamps of one stream's lines, in order, as epoch seconds and nanoseconds without an {@link Instant}: their
     * timestamps mostly share the date, hour and minute with the line before, so those (the first 16 bytes, read as two
     * words) are taken from the last line's when they are the same, and only the seconds, fraction and zone are read
     * again. One per thread.
     */
    static final class Reader {
        private long key0;
        private long key1;
        /** The minute of {@link #key0}/{@link #key1} in epoch seconds (zone not applied); NO_MINUTE: not one. */
        private long minute = NO_MINUTE;
        private boolean cached;
        /** The fraction of the timestamp {@link #seconds} read last. */
        int nanos;

        private static final long NO_MINUTE = Long.MIN_VALUE;
        /** {@code SCALE[d]}: nanoseconds of the last of {@code d} fraction digits. */
        private static final int[] SCALE = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

        /**
         * The timestamp in {@code b[0, end)} (ASCII, up to {@link Timestamps#prefixEnd(byte[], int)}) as epoch
         * seconds, or {@link Long#MIN_VALUE} when it is not one; when it is, {@link #nanos} is set to its fraction.
         */
        long seconds(byte[] b, int end) {
            long w0 = Bytes.word(b, 0);
            long w1 = Bytes.word(b, 8);
            if (!cached || w0 != key0 || w1 != key1) {
                key0 = w0;
                key1 = w1;
                cached = true;
                minute = minute(b);
            }
            if (minute == NO_MINUTE) {
                return Long.MIN_VALUE;
            }
            int second = digits(b, 17, 2);
            if (second < 0 || second > 60) {
                return Long.MIN_VALUE;
            }
            int i = 19;
            int fraction = 0;
            if (i < end && b[i] == '.') {
                i++;
                // Digits past the ninth count for nothing; no division per digit (C1 runs each as written).
                int digits = 0;
                while (i < end && b[i] >= '0' && b[i] <= '9') {
                    if (digits < 9) {
                        fraction = fraction * 10 + (b[i] - '0');
                        digits++;
                    }
                    i++;
                }
                fraction *= SCALE[digits];
            }
            long offsetSeconds;
            if (i == end - 1 && (b[i] == 'Z' || b[i] == 'z')) {
                offsetSeconds = 0;
            } else if (i == end - 6 && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
                int h = digits(b, i + 1, 2);
                int m = digits(b, i + 4, 2);
                if ((h | m) < 0) {
                    return Long.MIN_VALUE;
                }
                long off = h * 3600L + m * 60L;
                offsetSeconds = b[i] == '-' ? -off : off;
            } else {
                return Long.MIN_VALUE;
            }
            nanos = fraction;
            return minute + second - offsetSeconds;
        }

        /** Bytes 0–15 ({@code 2025-05-01T10:00}) in epoch seconds, or NO_MINUTE. */
        private static long minute(byte[] b) {
            int year = digits(b, 0, 4);
            int month = digits(b, 5, 2);
            int day = digits(b, 8, 2);
            int hour = digits(b, 11, 2);
            int minute = digits(b, 14, 2);
            if ((year | month | day | hour | minute) < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23
                    || minute > 59) {
                return NO_MINUTE;
            }
            return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L;
        }
    }

    /** -1 when one of them is not a digit. */
    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s.substring(from, from + count));
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil-from-days inverse). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
