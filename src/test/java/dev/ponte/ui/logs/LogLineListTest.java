package dev.ponte.ui.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.logs.LogFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LogLineList#apply} reports each copy as one change made without JavaFX's builder: a listener that replays
 * the change (the counts, as {@code LogRows} does) ends with the list's size at every step, and the steps have the
 * builder's form.
 */
class LogLineListTest {
    private static final long[] NONE = new long[0];

    private static LogFeed.Delta delta(int removeFront, int keep, long[] add) {
        return new LogFeed.Delta(removeFront, keep, add, false, 0, false, 0, NONE, new dev.ponte.core.logs.LogLine[0]);
    }

    private static long[] ids(long from, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i;
        }
        return a;
    }

    @Test
    void aFloodFrameIsOneRemovalAtTheFrontAndOneAdditionAtTheEnd() {
        LogLineList list = new LogLineList(id -> null);
        list.apply(delta(0, Integer.MAX_VALUE, ids(0, 100_000)), id -> null);
        List<String> steps = new ArrayList<>();
        list.addListener((javafx.collections.ListChangeListener<dev.ponte.core.logs.LogLine>) c -> {
            while (c.next()) {
                steps.add(c.getFrom() + ".." + c.getTo() + " -" + c.getRemovedSize() + " +" + c.getAddedSize());
                assertEquals(c.getRemovedSize(), c.getRemoved().size());
            }
        });
        list.apply(delta(100_000, Integer.MAX_VALUE, ids(100_000, 100_000)), id -> null);
        assertEquals(List.of("0..100000 -100000 +100000"), steps, "the whole ring replaced: one replacement");
        steps.clear();
        list.apply(delta(30, 99_960, ids(200_000, 50)), id -> null);
        assertEquals(List.of("0..0 -30 +0", "99960..100010 -10 +50"), steps);
        assertEquals(100_010, list.size());
        assertArrayEquals(ids(200_000, 50), java.util.Arrays.copyOfRange(list.ids(), 99_960, 100_010));
        assertEquals(100_030, list.ids()[0]);
    }

    @Test
    void replayingTheChangesGivesTheListsSize() {
        LogLineList list = new LogLineList(id -> null);
        int[] mirror = {0};
        list.addListener((javafx.collections.ListChangeListener<dev.ponte.core.logs.LogLine>) c -> {
            int lastFrom = -1;
            while (c.next()) {
                assertTrue(c.getFrom() >= lastFrom, "steps in order of index");
                lastFrom = c.getFrom();
                assertTrue(c.getFrom() + c.getRemovedSize() <= mirror[0], "removes what is there");
                mirror[0] += c.getAddedSize() - c.getRemovedSize();
                assertEquals(c.getTo() - c.getFrom(), c.getAddedSize());
            }
            c.reset();
            assertTrue(c.next(), "reset starts over");
        });
        Random r = new Random(3);
        long next = 0;
        for (int k = 0; k < 2_000; k++) {
            int size = list.size();
            int front = r.nextInt(4) == 0 ? 0 : r.nextInt(size + 1);
            int keep = r.nextInt(3) == 0 ? Integer.MAX_VALUE : r.nextInt(size - front + 1);
            int add = r.nextInt(3) == 0 ? 0 : r.nextInt(50);
            list.apply(delta(front, keep, ids(next, add)), id -> null);
            next += add;
            assertEquals(list.size(), mirror[0], "after step " + k);
        }
    }
}
