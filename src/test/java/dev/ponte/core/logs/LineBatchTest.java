package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The parser's byte path ({@link LogLineParser#parseInto}) gives exactly the line its text path ({@code parse}) gives. */
class LineBatchTest {
    private static final List<String> LINES = List.of(
            "",
            "plain line",
            "2025-05-01T10:00:00.123456789Z hello",
            "2025-05-01T10:00:00Z ERROR Connection refused",
            "2025-05-01T12:00:00.5+02:00 WARN offset",
            "2025-05-01T10:00:00.123-07:30 [WARN] disk almost full",
            "2025-13-01T10:00:00Z not a month",
            "2025-05-01T10:00:00X bad zone",
            "2025-05-01T10:00:00Z",
            "2025-05-01T10:00:00Z ",
            "2025-05-0aT10:00:00Z digits",
            "2025-05-01T10:00:00.123456789Z \u001b[32mINFO\u001b[0m:     10.18.0.7:41234 - \"GET /api HTTP/1.1\" \u001b[32m200 OK\u001b[0m",
            "\u001b[38;5;244mDEBUG\u001b[0m dim \u001b[38;2;120;120;255m42ms\u001b[0m",
            "\u001b[38:2::255:0:0mred\u001b[m \u001b[4:3mcurly\u001b[4:0m \u001b[48:5:17mbg\u001b[0m",
            "\u001b[1;3;4mall\u001b[22;23;24m none \u001b[91;101mbright\u001b[39;49m",
            "\u001b]0;title\u0007after osc \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ end",
            "cut off \u001b[31",
            "lone at the end \u001b",
            "charset \u001b(Bswitch \u001b[2Kerase \u001b[?25lhidden",
            "\u001b[31m\u001b[0m only codes",
            "{\"time\":\"2025-05-01T10:00:00Z\",\"level\":\"error\",\"msg\":\"boom\"}",
            "{\"ts\":1,\"level\": \"WARN\",\"msg\":\"x\"}",
            "{\"level\":50,\"msg\":\"pino error\"}",
            "{\"level\":1234,\"msg\":\"too long\"} ",
            "{\"lvl\":\"dbg\",\"msg\":\"short\"}",
            "{\"msg\":\"no level here but ERROR in text\"}",
            "[{\"a\":1}]",
            "  {\"severity\":\"INFO\"}  \r",
            "time=2025-05-01 level=warning msg=\"slow\"",
            "ts=1 lvl=error caller=main.go",
            "x Level=\"Fatal\" y",
            "E0501 12:00:00.123456       1 controller.go:10] failed",
            "W0501 12:00:00.123456       1 reflector.go:10] stale",
            "no error occurred while reading",
            "INFORMATION about ERRORS",
            "caf\u00e9 ERROR non-ASCII",
            "2025-05-01T10:00:00Z \u001b[31m\u00fcber\u001b[0m \uD83D\uDE00 emoji",
            "tab\tseparated\tWARN",
            "GET /api?x=1 level=warn what?",
            "2025-05-01T10:00:00Z \u011b[31m not an escape: U+011B ends in the byte of ESC, U+0141 in 'A': \u0141BC",
            "\u0130NFO dotted capital I, ERROR after it");

    @Test
    void sameLineEitherWay() {
        for (String raw : LINES) {
            assertSame(raw);
        }
    }

    @Test
    void sameLineForRandomLines() {
        Random r = new Random(7);
        String[] pieces = {"\u001b[", "\u001b]", "\u001b", "m", ";", ":", "38", "48", "5", "2", "255", "1", "0", "31", "=",
                "level", "LEVEL", "lvl=", "\"level\":", "ERROR", "warn", "INFO", "{", "}", "[", "]", "\"", " ", "  ", "x",
                "E0501 ", "2025-05-01T10:00:00.1Z ", "\u0007", "\\", "\r", "\u00e9", "é", "-", "+", "123", "?",
                "\u0141", "\u011b[31m", "\u0130NFO"};
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 20_000; k++) {
            sb.setLength(0);
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            assertSame(sb.toString());
        }
    }

    /**
     * The byte path scans eight bytes at a time: what it looks for (ESC, '=', '?', a byte above 127, a character beyond
     * Latin-1, a control byte) at every position in a word and near the line's end, alone and two to a word.
     */
    @Test
    void sameLineWhereverTheSpecialBytesSit() {
        String[] specials = {"\u001b[31m", "=", "?", "\u00e9", "\u0141", "\u0001", "\u00ff", "\u0080", "\u001b[0m=", "=\u001b[1m",
                "\u001b", "level=error", "\u013d"};
        String[] prefixes = {"", "2025-05-01T10:00:00.5Z "};
        for (String prefix : prefixes) {
            for (String special : specials) {
                for (String second : new String[] {"", "=", "\u001b[32m", "?"}) {
                    for (int before = 0; before < 20; before++) {
                        for (int between = 0; between < 10; between += 3) {
                            String line = prefix + "WARN".substring(0, Math.min(4, before)) + "a".repeat(Math.max(0, before - 4))
                                    + special + "b".repeat(between) + second + " tail level=info";
                            assertSame(line);
                            assertSame(line.substring(0, line.length() - 16)); // the special bytes at the very end
                        }
                    }
                }
            }
        }
    }

    /**
     * A stream's batch: the timestamps are read with the date, hour and minute of the line before when they are the
     * same (Timestamps.Reader), and the batch is parsed line after line as the follower does.
     */
    @Test
    void sameLinesInOneBatch() {
        List<String> raw = new java.util.ArrayList<>(List.of(
                "2025-05-01T10:00:00.123456789Z first",
                "2025-05-01T10:00:59.9Z same minute",
                "2025-05-01T10:00:60Z leap second",
                "2025-05-01T10:00:61Z not a second",
                "2025-05-01T10:00:0xZ not digits",
                "2025-05-01T10:00:01+02:00 offset, same minute",
                "2025-05-01T10:00:01-07:30 other offset",
                "2025-05-01T10:00:01.5 no zone",
                "2025-05-01T10:01:00Z next minute",
                "2025-05-01T10:00:30Z back",
                "2025-05-02T00:00:00Z next day",
                "2025-02-30T10:00:00Z day 30 of February (taken as it comes)",
                "2025-13-01T10:00:00Z month 13",
                "2025-13-01T10:00:01Z month 13 again",
                "2025-05-01T24:00:00Z hour 24",
                "2025-05-01T10:60:00Z minute 60",
                "2025-05-01T10:00:00.000000001Z one nano",
                "2025-05-01T10:00:00.1234567891234Z many digits",
                "no timestamp",
                "2025-05-01T10:00:00Z \u001b[31mERROR\u001b[0m after one without"));
        raw.addAll(LINES);
        Random r = new Random(11);
        for (int k = 0; k < 2_000; k++) {
            raw.add(String.format(java.util.Locale.ROOT, "2025-05-0%dT1%d:%02d:%02d.%dZ level=%s n=%d", 1 + r.nextInt(2),
                    r.nextInt(2), r.nextInt(3), r.nextInt(62), r.nextInt(1000), r.nextBoolean() ? "warn" : "x", k));
        }
        LogLineParser text = new LogLineParser(new AtomicLong());
        LogLineParser bytes = new LogLineParser(new AtomicLong());
        LogLineParser.Prepared prepared = new LogLineParser.Prepared(raw);
        LineBatch batch = new LineBatch("src", 4, 64);
        for (int i = 0; i < prepared.size(); i++) {
            bytes.parseInto(batch, prepared, i);
        }
        assertEquals(raw.size(), batch.size());
        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            assertEquals(text.parse("src", line), batch.line(i), () -> "for " + line.replace("\u001b", "ESC"));
        }
    }

    @Test
    void storedRecordsReadBackAsParsed() {
        LogLineParser parser = new LogLineParser(new AtomicLong());
        LineBatch batch = new LineBatch("pod", 2, 16);
        for (String raw : LINES) {
            parser.parseInto(batch, raw);
        }
        LogRing ring = new LogRing(10);
        for (int i = 0; i < batch.size(); i++) {
            ring.append(batch, i);
        }
        for (int i = 0; i < 10; i++) {
            LogLine stored = ring.get(i);
            assertEquals(batch.line(batch.size() - 10 + i), stored);
            assertEquals("pod", stored.source());
        }
        assertEquals(LINES.size() - 10, ring.dropped());
    }

    @Test
    void addCopiesLinesAndNotices() {
        LogLineParser parser = new LogLineParser(new AtomicLong());
        LineBatch a = new LineBatch("p", 1, 1);
        parser.parseInto(a, LINES.get(11));
        LineBatch b = new LineBatch("p", 1, 1);
        LogLine gap = parser.notice("p", null, LogLine.Kind.GAP, "— gap —");
        b.add(gap);
        b.add(a, 0);
        assertEquals(List.of(gap, a.line(0)), b.toLines());
        assertNull(b.line(0).time());
    }

    private static void assertSame(String raw) {
        LogLine expected = new LogLineParser(new AtomicLong()).parse("src", raw);
        LineBatch batch = new LineBatch("src", 1, 1);
        new LogLineParser(new AtomicLong()).parseInto(batch, raw);
        assertEquals(1, batch.size());
        assertEquals(expected, batch.line(0), () -> "for " + raw.replace("\u001b", "ESC"));
    }
}
