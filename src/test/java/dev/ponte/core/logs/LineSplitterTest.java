package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();

    private void feed(LineSplitter s, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.feed(b, 0, b.length);
    }

    @Test
    void splitsAcrossChunksAndDropsCarriageReturns() {
        LineSplitter s = new LineSplitter(lines::add);
        feed(s, "one\r\ntw");
        feed(s, "o\nthr");
        assertEquals(List.of("one", "two"), lines);
        s.finish();
        assertEquals(List.of("one", "two", "thr"), lines);
    }

    @Test
    void multiByteCharactersSplitBetweenChunksStayWhole() {
        LineSplitter s = new LineSplitter(lines::add);
        byte[] b = "grüße €\n".getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            s.feed(new byte[] {x}, 0, 1);
        }
        assertEquals(List.of("grüße €"), lines);
    }

    @Test
    void aRunawayLineIsCutAndMarkedAndTheNextLineIsIntact() {
        LineSplitter s = new LineSplitter(16, lines::add);
        feed(s, "0123456789");
        feed(s, "abcdefghij-rest-is-skipped");
        feed(s, "-still-skipped\nnext\n");
        assertEquals(List.of("0123456789abcdef" + LineSplitter.CUT_MARKER, "next"), lines);
    }

    @Test
    void aLongLineInOneChunkIsCutAtACharacterBorder() {
        LineSplitter s = new LineSplitter(5, lines::add);
        feed(s, "abcd€€€\nok\n");
        assertEquals("abcd" + LineSplitter.CUT_MARKER, lines.get(0));
        assertEquals("ok", lines.get(1));
        assertTrue(lines.getFirst().chars().noneMatch(c -> c == 0xFFFD));
    }

    @Test
    void emptyLinesAreKept() {
        LineSplitter s = new LineSplitter(lines::add);
        feed(s, "a\n\nb\n");
        assertEquals(List.of("a", "", "b"), lines);
    }
}
