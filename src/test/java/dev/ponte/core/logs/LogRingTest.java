package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
