package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsAndJsonTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2025-05-01T10:00:00.123456789Z hello | 2025-05-01T10:00:00.123456789Z
            2025-05-01T10:00:00Z hello           | 2025-05-01T10:00:00Z
            2024-02-29T23:59:59.5+02:00 x        | 2024-02-29T21:59:59.500Z
            1999-12-31T00:00:00.000-05:30 x      | 1999-12-31T05:30:00Z
            """)
    void readsTheApisTimestampPrefix(String line, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parsePrefix(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hello world
            2025-05-01 10:00:00 INFO not rfc3339
            2025-13-01T10:00:00Z bad month
            2025-05-01T10:00:00Zx glued
            """)
    void otherLinesHaveNoTimestamp(String line) {
        assertNull(Timestamps.parsePrefix(line));
    }

    @Test
    void theParserCutsTheTimestampAndKeepsItsText() {
        LogLine l = new LogLineParser(new AtomicLong()).parse("p", "2025-05-01T10:00:00Z  indented");
        assertEquals(" indented", l.text());
        assertEquals(Instant.parse("2025-05-01T10:00:00Z"), l.time());
        LogLine bad = new LogLineParser(new AtomicLong()).parse("p", "2025-13-01T10:00:00Z x");
        assertEquals("2025-13-01T10:00:00Z x", bad.text());
    }

    @Test
    void detectsJsonObjects() {
        assertTrue(JsonText.looksLikeJson("{\"a\":1}"));
        assertTrue(JsonText.looksLikeJson("  {\"a\":1}  "));
        assertFalse(JsonText.looksLikeJson("{not closed"));
        assertFalse(JsonText.looksLikeJson("[INFO] started"));
        assertFalse(JsonText.looksLikeJson("{}x"));
    }

    @Test
    void prettyPrintsWithoutChangingValues() {
        String pretty = JsonText.pretty("{\"level\":\"info\",\"n\":1.50,\"tags\":[\"a\",\"b\"],\"e\":{},\"s\":\"a, {b}: \\\"c\\\"\"}");
        assertEquals("""
                {
                  "level": "info",
                  "n": 1.50,
                  "tags": [
                    "a",
                    "b"
                  ],
                  "e": {},
                  "s": "a, {b}: \\"c\\""
                }""", pretty);
    }

    @Test
    void brokenJsonStillPrints() {
        assertEquals("{\n  \"a\": [\n    1", JsonText.pretty("{\"a\":[1"));
    }
}
