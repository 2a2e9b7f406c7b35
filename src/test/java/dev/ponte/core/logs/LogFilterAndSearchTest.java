package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LogFilterAndSearchTest {
    private final LogLineParser parser = new LogLineParser(new AtomicLong());
    private final List<LogLine> lines = Stream.of("GET /api 200", "ERROR timeout calling db", "get /health 200",
            "WARN Timeout soon", "POST /api 500").map(t -> parser.parse("p", t)).toList();

    private List<String> filtered(LogFilter f) {
        var c = f.compile();
        return lines.stream().filter(c.matches()).map(LogLine::text).toList();
    }

    @Test
    void plainTextIsCaseInsensitiveByDefault() {
        assertEquals(List.of("GET /api 200", "get /health 200"), filtered(new LogFilter("get", false, false, false)));
        assertEquals(List.of("get /health 200"), filtered(new LogFilter("get", false, true, false)));
    }

    @Test
    void inverseShowsTheLinesThatDoNotMatch() {
        assertEquals(List.of("ERROR timeout calling db", "WARN Timeout soon", "POST /api 500"),
                filtered(new LogFilter("get", false, false, true)));
    }

    @Test
    void regexFiltersAndCanBeInverted() {
        assertEquals(List.of("GET /api 200", "POST /api 500"), filtered(new LogFilter("^(GET|POST) /api", true, false, false)));
        assertEquals(List.of("POST /api 500"), filtered(new LogFilter(" 5\\d\\d$", true, false, false)));
        assertEquals(4, filtered(new LogFilter(" 5\\d\\d$", true, false, true)).size());
    }

    @Test
    void anInvalidRegexIsReportedAndNotApplied() {
        var c = new LogFilter("ERR(OR", true, false, false).compile();
        assertFalse(c.valid());
        assertNull(c.matches());
        assertTrue(c.error().startsWith("Not a valid regular expression: Unclosed group"), c.error());
        assertTrue(c.error().endsWith("The filter is not applied."));
    }

    @Test
    void noticesAlwaysPassTheFilter() {
        LogLine gap = parser.notice("p", null, LogLine.Kind.GAP, "— stream reconnected after 4 s —");
        assertTrue(new LogFilter("nothing-matches-this", false, false, false).compile().matches().test(gap));
    }

    @Test
    void finderGivesMatchRangesForHighlighting() {
        var finder = new LogFilter("timeout", false, false, false).compile().finder();
        assertArrayEquals(new int[] {6, 13}, finder.find("ERROR timeout calling db", 0));
        assertNull(finder.find("ERROR timeout calling db", 7));
        var regex = new LogFilter("o+", true, false, false).compile().finder();
        assertArrayEquals(new int[] {1, 3}, regex.find("foo", 0));
    }

    @Test
    void searchCountsHitsAndMovesNextAndPreviousWithWrap() {
        LogSearch s = new LogSearch();
        s.search(new LogFilter("timeout", false, false, false).compile().finder(), lines);
        assertEquals(2, s.count());
        assertEquals(-1, s.current());
        assertEquals(1, s.next(-1));
        assertEquals(3, s.next(1));
        assertEquals(1, s.next(3)); // wraps
        assertEquals(3, s.previous(1)); // wraps back
        assertTrue(s.isHit(3));
        assertFalse(s.isHit(2));
    }

    @Test
    void previousBeforeAnyNextStartsFromTheGivenLine() {
        LogSearch s = new LogSearch();
        s.search(new LogFilter("timeout", false, false, false).compile().finder(), lines);
        assertEquals(1, s.previous(2));
        assertEquals(0, s.current());
    }

    @Test
    void searchFollowsAppendsAndFrontRemovals() {
        List<LogLine> view = new ArrayList<>(lines);
        LogSearch s = new LogSearch();
        s.search(new LogFilter("api", false, false, false).compile().finder(), view);
        assertEquals(2, s.count());
        view.add(parser.parse("p", "DELETE /api 204"));
        s.appended(view, 5);
        assertEquals(3, s.count());
        s.next(-1);
        view.subList(0, 2).clear();
        s.removedFront(2);
        assertEquals(2, s.count());
        assertTrue(s.isHit(2) && s.isHit(3));
        assertEquals(0, s.current(), "the current hit was dropped: the first remaining one becomes current");
    }

    @Test
    void anEmptySearchHasNoHits() {
        LogSearch s = new LogSearch();
        s.search(null, lines);
        assertEquals(0, s.count());
        assertEquals(-1, s.next(0));
    }
}
