package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogRingTest {
    private final LogLineParser parser = new LogLineParser(new AtomicLong());

    @Test
    void keepsTheLastCapacityLinesAndCountsWhatItDropped() {
        LogRing ring = new LogRing(3);
        List<LogLine> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            LogLine line = parser.parse("a", "line " + i);
            all.add(line);
            long oldest = ring.oldestSeq();
            boolean pushedOut = ring.append(line);
            // The ring stores copies in columns, not the objects: it says whether it pushed its oldest line out.
            assertEquals(i >= 3, pushedOut);
            if (i >= 3) {
                assertEquals(all.get(i - 3).seq(), oldest);
                assertEquals(all.get(i - 2), ring.get(0), "the oldest line is gone, the next one is first");
            }
            assertEquals(line, ring.get(ring.size() - 1), "read back as it went in");
        }
        assertEquals(3, ring.size());
        assertEquals(10, ring.appended());
        assertEquals(7, ring.dropped());
        assertEquals("line 7", ring.get(0).text());
        assertEquals("line 9", ring.get(2).text());
        assertEquals(all.get(7).seq(), ring.oldestSeq());
        assertFalse(ring.holds(all.get(6)));
        assertTrue(ring.holds(all.get(7)));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(3));
    }

    @Test
    void sequenceNumbersGrowAcrossSourcesSharingAParser() {
        LogLine a = parser.parse("a", "x");
        LogLine b = parser.parse("b", "y");
        LogLine c = parser.parse("a", "z");
        assertTrue(a.seq() < b.seq() && b.seq() < c.seq());
    }

    @Test
    void memoryIsBoundedByCapacityAfterAMillionLines() {
        LogRing ring = new LogRing(1000);
        for (int i = 0; i < 1_000_000; i++) {
            ring.append(parser.parse("a", "l"));
        }
        assertEquals(1000, ring.size());
        assertEquals(999_000, ring.dropped());
        int[] count = {0};
        ring.forEach(l -> count[0]++);
        assertEquals(1000, count[0]);
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new LogRing(0));
    }

    @Test
    void everyPartOfALineComesBackAsItWentIn() {
        LogRing ring = new LogRing(10);
        String e = "\u001b";
        List<LogLine> in = List.of(
                parser.parse("pod", "2025-05-01T10:00:00.123456789Z " + e + "[1;38;2;10;20;30mrgb" + e + "[0m plain " + e + "[42mbg" + e + "[0m"),
                parser.parse("pod", "ünïcödé ✓ and a surrogate pair 😀 — ERROR"),
                parser.parse("pod", "{\"level\":\"warn\",\"msg\":\"x\"}"),
                parser.notice("pod", null, LogLine.Kind.GAP, "— stream reconnected after 4 s —"),
                parser.parse("pod", ""));
        in.forEach(ring::append);
        for (int i = 0; i < in.size(); i++) {
            LogLine out = ring.get(i);
            assertEquals(in.get(i), out);
            assertEquals(in.get(i).segments(), out.segments());
            assertEquals(in.get(i).time(), out.time());
            assertEquals(in.get(i).severity(), out.severity());
            assertEquals(in.get(i).kind(), out.kind());
            assertEquals(in.get(i).json(), out.json());
            assertEquals("pod", out.source());
        }
        assertTrue(ring.get(0).isStyled());
        assertEquals(Severity.ERROR, ring.get(1).severity());
        assertTrue(ring.get(2).json());
    }

    @Test
    void aFullRingReusesItsBytesInsteadOfGrowing() {
        LogRing ring = new LogRing(2000);
        String text = "x".repeat(150);
        for (int i = 0; i < 2000; i++) {
            ring.append(parser.parse("a", text + i));
        }
        long full = ring.heapBytes();
        for (int i = 0; i < 200_000; i++) {
            ring.append(parser.parse("a", text + i));
        }
        assertTrue(ring.heapBytes() <= full + 2 * 128 * 1024, "held " + ring.heapBytes() + " bytes, " + full + " when first full");
        assertEquals(text + 199_999, ring.get(1999).text());
        assertEquals(text + 198_000, ring.get(0).text());
    }

    @Test
    void linesLongerThanABlockAndPositionsOutsideTheRing() {
        LogRing ring = new LogRing(3);
        String huge = "y".repeat(300_000);
        ring.append(parser.parse("a", "short"));
        ring.append(parser.parse("a", huge));
        ring.append(parser.parse("a", "after"));
        assertEquals(huge, ring.get(1).text());
        assertEquals("after", ring.line(2).text());
        ring.append(parser.parse("a", "fourth"));
        assertNull(ring.line(0), "pushed out");
        assertNull(ring.line(4), "not yet there");
        assertEquals(huge, ring.line(1).text());
        assertEquals(1, ring.oldestPosition());
    }

    @Test
    void aSnapshotKeepsItsLinesWhileTheRingsMoveOn() {
        LogTimeline t = new LogTimeline(3, true);
        t.append(List.of(parser.parse("a", "2025-05-01T10:00:01Z a1"), parser.parse("b", "2025-05-01T10:00:02Z b2"),
                parser.parse("a", "2025-05-01T10:00:03Z " + "\u001b" + "[31ma3")));
        long[] ids = t.visible().copy(0, t.visible().size());
        LogSnapshot frozen = t.snapshot(ids);
        for (int i = 0; i < 10; i++) {
            t.append(List.of(parser.parse("a", "2025-05-01T10:01:0" + i + "Z later"), parser.parse("b", "2025-05-01T10:01:0" + i + "Z later")));
        }
        assertNull(t.line(ids[0]), "the rings pushed the first line out");
        assertEquals(List.of("a1", "b2", "a3"), frozen.lines().stream().map(LogLine::text).toList());
        assertEquals(List.of("a", "b", "a"), frozen.lines().stream().map(LogLine::source).toList());
        assertTrue(frozen.lines().get(2).isStyled());
    }

    @Test
    void idsOfLinesBeforeAClearAreNotReadAsNewLines() {
        LogTimeline t = new LogTimeline(10, true);
        t.append(List.of(parser.parse("a", "old")));
        long old = t.visible().get(0);
        t.clear();
        t.append(List.of(parser.parse("a", "new")));
        assertNull(t.line(old));
        assertEquals("new", t.line(t.visible().get(0)).text());
    }
}
