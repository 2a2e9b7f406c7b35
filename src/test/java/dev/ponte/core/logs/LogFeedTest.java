package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogFeedTest {
    private final LogLineParser parser = new LogLineParser(new AtomicLong());
    /** The UI's copy (line ids, as the view keeps it), kept only through the deltas. */
    private final List<Long> ui = new ArrayList<>();
    private LogFeed feed;

    private LogLine line(String source, int second, String text) {
        return parser.parse(source, String.format("2025-05-01T10:%02d:%02dZ %s", second / 60 % 60, second % 60, text));
    }

    private LogFeed.Delta sync(LogFeed feed) {
        this.feed = feed;
        LogFeed.Delta d = feed.take();
        ui.subList(0, Math.min(d.removeFront(), ui.size())).clear();
        ui.subList(Math.min(d.keep(), ui.size()), ui.size()).clear();
        for (long id : d.add()) {
            ui.add(id);
        }
        return d;
    }

    /** The same lines through a plain timeline, for comparison. */
    private static List<String> expected(int capacity, List<List<LogLine>> batches, java.util.function.Predicate<LogLine> filter) {
        LogTimeline t = new LogTimeline(capacity, true);
        t.setFilter(filter);
        batches.forEach(t::append);
        return t.lines().stream().map(LogLine::text).toList();
    }

    private List<String> texts() {
        return ui.stream().map(id -> feed.line(id).text()).toList();
    }

    @Test
    void manyBatchesBetweenTwoLooksCostOneFrontRemovalAndOneAppend() {
        LogFeed feed = new LogFeed(5, true);
        long epoch = feed.clear();
        feed.append(List.of(line("a", 0, "l0"), line("a", 1, "l1"), line("a", 2, "l2")), epoch);
        sync(feed);
        assertEquals(List.of("l0", "l1", "l2"), texts());
        for (int i = 3; i < 9; i++) {
            feed.append(List.of(line("a", i, "l" + i)), epoch);
        }
        LogFeed.Delta d = sync(feed);
        assertEquals(3, d.removeFront(), "the ring pushed out l0..l3; the UI held three of them");
        assertEquals(Integer.MAX_VALUE, d.keep());
        assertEquals(List.of("l4", "l5", "l6", "l7", "l8"),
                java.util.Arrays.stream(d.add()).mapToObj(id -> feed.line(id).text()).toList().subList(0, 5));
        assertEquals(List.of("l4", "l5", "l6", "l7", "l8"), texts());
        assertFalse(d.reset());
        assertTrue(feed.take().isEmpty(), "nothing new: nothing to do");
    }

    @Test
    void aBatchFromAClosedStreamIsIgnored() {
        LogFeed feed = new LogFeed(10, true);
        long old = feed.clear();
        feed.append(List.of(line("a", 0, "before")), old);
        long now = feed.clear();
        feed.append(List.of(line("a", 1, "stale")), old);
        feed.append(List.of(line("a", 2, "fresh")), now);
        sync(feed);
        assertEquals(List.of("fresh"), texts());
    }

    @Test
    void filterAndPauseReplaceOrHoldTheList() {
        LogFeed feed = new LogFeed(10, true);
        long epoch = feed.clear();
        feed.append(List.of(line("a", 0, "INFO a"), line("a", 1, "ERROR b"), line("a", 2, "INFO c")), epoch);
        sync(feed);
        feed.setFilter(l -> l.text().startsWith("ERROR"));
        assertTrue(sync(feed).reset());
        assertEquals(List.of("ERROR b"), texts());
        feed.pause();
        feed.append(List.of(line("a", 3, "ERROR d")), epoch);
        assertTrue(sync(feed).isEmpty());
        assertEquals(1, feed.newWhilePaused());
        feed.resume();
        sync(feed);
        assertEquals(List.of("ERROR b", "ERROR d"), texts());
    }

    @Test
    void theUiCopyAlwaysEqualsTheTimelineWithMergedSourcesAFullRingAndAFilter() {
        Random r = new Random(7);
        for (int round = 0; round < 50; round++) {
            ui.clear();
            int capacity = 3 + r.nextInt(20);
            java.util.function.Predicate<LogLine> filter = l -> !l.text().endsWith("3");
            LogFeed feed = new LogFeed(capacity, true);
            feed.setFilter(filter);
            long epoch = feed.clear();
            List<List<LogLine>> batches = new ArrayList<>();
            int[] clock = {0, 0};
            for (int b = 0; b < 30; b++) {
                int src = r.nextInt(2);
                List<LogLine> batch = new ArrayList<>();
                for (int i = r.nextInt(capacity + 3); i >= 0; i--) {
                    clock[src] += 1 + r.nextInt(3);
                    batch.add(line(src == 0 ? "pod-a" : "pod-b", clock[src], "s" + src + "-" + clock[src]));
                }
                batches.add(batch);
                feed.append(batch, epoch);
                if (r.nextInt(3) == 0) {
                    sync(feed);
                }
            }
            sync(feed);
            assertEquals(expected(capacity, batches, filter), texts(), "round " + round);
        }
    }
}
