package dev.ponte.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.logs.FakeLogSource;
import dev.ponte.core.logs.LogLine;
import dev.ponte.core.task.Backoff;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Typing;
import dev.ponte.testsupport.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The log view driven like a user: search, filter, follow and pause, severity and ANSI colours, export. */
@ExtendWith(ApplicationExtension.class)
class LogViewTest {
    /** Primer Light's -color-danger-fg. */
    private static final Color DANGER = Color.web("#cf222e");
    private static final String E = "\u001b";

    private final FakeLogSource source = new FakeLogSource("pod/api-7c9-abc · default", "api-7c9-abc");
    private LogViewModel vm;
    private LogView view;

    @BeforeAll
    static void screenshotsInOwnBuildDir() {
        String home = System.getProperty("ponte.home");
        if (System.getProperty("ponte.screenshots") == null && home != null) {
            System.setProperty("ponte.screenshots", Path.of(home).getParent().resolve("screenshots").toString());
        }
    }

    @Start
    void start(Stage stage) {
        source.containers = List.of("app", "istio-proxy");
        vm = new LogViewModel(source, new LogContext(new DirectTaskRunner(), new ManualScheduler(), Platform::runLater,
                Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC), 100_000, Backoff.DEFAULT));
        vm.display().setZone(ZoneOffset.UTC);
        view = new LogView(vm);
        Scene scene = new Scene(view, 1100, 520);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.show();
        vm.start();
    }

    private void push(List<String> lines) {
        int before = vm.lines().size();
        source.last().push(lines.toArray(String[]::new));
        Wait.until(lines.size() + " more lines", () -> vm.pausedProperty().get() || vm.lines().size() >= before + lines.size());
    }

    private static List<String> numbered(int n, int from, java.util.function.IntFunction<String> text) {
        return IntStream.range(from, from + n).mapToObj(i -> String.format("2025-05-01T10:%02d:%02d.%03dZ %s",
                i / 3600 % 60, i / 60 % 60, i % 1000, text.apply(i))).toList();
    }

    private LogRows list(FxRobot robot) {
        return robot.lookup("#logList").queryAs(LogRows.class);
    }

    private int lastVisible(FxRobot robot) {
        return list(robot).lastVisibleIndex();
    }

    private String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void searchCountsHitsAndStepsWithF3AndEscapeCloses(FxRobot robot) {
        push(numbered(60, 0, i -> i % 12 == 5 ? "WARN upstream timeout after 3000 ms" : "INFO GET /api/orders 200"));
        robot.interact(() -> {
            list(robot).requestFocus();
            list(robot).scrollTo(0); // search starts from the top line shown
            vm.followingProperty().set(false);
        });
        robot.push(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        assertTrue(robot.lookup("#searchField").query().getParent().isVisible());
        Typing.into(robot, "#searchField", "TIMEOUT");
        Wait.until("the hit count", () -> "5 matches".equals(label(robot, "#hitCount")), () -> label(robot, "#hitCount"));
        robot.push(KeyCode.F3);
        Wait.until("the first hit", () -> "1 of 5".equals(label(robot, "#hitCount")), () -> label(robot, "#hitCount"));
        assertEquals(5, list(robot).selection().selectedIndex());
        assertFalse(vm.followingProperty().get(), "moving to a hit stops following");
        robot.push(KeyCode.F3);
        assertEquals(17, list(robot).selection().selectedIndex());
        robot.push(new KeyCodeCombination(KeyCode.F3, KeyCombination.SHIFT_DOWN));
        robot.push(new KeyCodeCombination(KeyCode.F3, KeyCombination.SHIFT_DOWN));
        Wait.until("wrapping to the last hit", () -> "5 of 5".equals(label(robot, "#hitCount")), () -> label(robot, "#hitCount"));
        assertEquals(53, list(robot).selection().selectedIndex());
        long marked = robot.lookup(".log-match").queryAll().stream()
                .filter(n -> n instanceof Text t && t.getText().equals("timeout")).count();
        assertTrue(marked > 0, "the match is marked in the visible lines");
        robot.push(KeyCode.ESCAPE);
        assertFalse(robot.lookup("#searchField").query().getParent().isVisible());
        assertEquals("", vm.hits().searchTextProperty().get());
    }

    @Test
    void filterByRegexAndInverseAndAnInvalidRegexIsShownNotApplied(FxRobot robot) {
        push(List.of("2025-05-01T10:00:01Z INFO start", "2025-05-01T10:00:02Z ERROR db down",
                "2025-05-01T10:00:03Z WARN slow", "2025-05-01T10:00:04Z INFO done"));
        robot.clickOn("#regexToggle");
        Typing.into(robot, "#filterField", "^(ERROR|WARN) ");
        Wait.until("two lines", () -> list(robot).items().size() == 2);
        robot.clickOn("#inverseToggle");
        Wait.until("the other two", () -> list(robot).items().size() == 2
                && list(robot).items().getFirst().text().equals("INFO start"));
        assertFalse(robot.lookup("#filterError").query().isVisible());
        robot.clickOn("#filterField").push(KeyCode.END).write("(");
        Wait.until("the regex error", () -> robot.lookup("#filterError").query().isVisible());
        assertTrue(label(robot, "#filterError").startsWith("Not a valid regular expression"), label(robot, "#filterError"));
        assertEquals(List.of("INFO start", "INFO done"), list(robot).items().stream().map(LogLine::text).toList(),
                "the last valid filter stays applied");
        robot.clickOn("#inverseToggle");
        robot.clickOn("#regexToggle");
        robot.interact(() -> vm.filterTextProperty().set("db"));
        assertEquals(List.of("ERROR db down"), list(robot).items().stream().map(LogLine::text).toList());
        assertTrue(label(robot, "#logStatus").startsWith("1 line") && !label(robot, "#logStatus").startsWith("1 lines"),
                label(robot, "#logStatus"));
    }

    @Test
    void followsNewLinesPausesWithACountAndStopsFollowingWhenScrolledUp(FxRobot robot) {
        push(numbered(300, 0, i -> "INFO line " + i));
        Wait.until("the end to be visible", () -> lastVisible(robot) == 299, () -> "last visible " + lastVisible(robot));
        robot.clickOn("#pauseButton");
        source.last().push(numbered(5, 300, i -> "INFO paused " + i).toArray(String[]::new));
        Wait.until("the new-lines count", () -> robot.lookup("#newLinesButton").queryButton().getText()
                .equals("Paused · 5 new lines ↓"), () -> robot.lookup("#newLinesButton").queryButton().getText());
        assertEquals(300, list(robot).items().size());
        robot.clickOn("#newLinesButton");
        Wait.until("the paused lines and the end", () -> list(robot).items().size() == 305 && lastVisible(robot) == 304);
        assertEquals("Pause", robot.lookup("#pauseButton").queryButton().getText());

        // A wheel turn upwards, as the platform delivers it to the list's flow.
        robot.interact(() -> {
            Node flow = list(robot);
            flow.fireEvent(new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, 10, 10, 10, 10,
                    false, false, false, false, false, false, 0, 400, 0, 400, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE,
                    0, javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
        });
        Wait.until("following to stop", () -> !vm.followingProperty().get());
        push(numbered(5, 305, i -> "INFO later " + i));
        assertTrue(lastVisible(robot) < 300, "the view stays where the user scrolled to");
        robot.push(KeyCode.END);
        Wait.until("the end after End", () -> vm.followingProperty().get() && lastVisible(robot) == 309);
    }

    @Test
    void severityAndAnsiColoursUseTheThemeAndNoEscapeCodesShow(FxRobot robot) {
        push(List.of("2025-05-01T10:00:01Z ERROR payment failed", "2025-05-01T10:00:02Z INFO ok",
                "2025-05-01T10:00:03Z " + E + "[31mred" + E + "[0m plain " + E + "[1;38;2;10;20;30mrgb" + E + "[0m"));
        Wait.until("the lines drawn", () -> robot.lookup(".log-text").queryAllAs(Text.class).stream()
                .anyMatch(t -> t.getText().equals("rgb")));
        List<Text> texts = robot.lookup(".log-text").queryAllAs(Text.class).stream().toList();
        Text error = texts.stream().filter(t -> t.getText().equals("ERROR payment failed")).findFirst().orElseThrow();
        Text info = texts.stream().filter(t -> t.getText().equals("INFO ok")).findFirst().orElseThrow();
        assertEquals(DANGER, error.getFill());
        assertFalse(DANGER.equals(info.getFill()));
        // The error row is painted with the theme's danger background and stripe (set in code, not by a pseudo-class).
        Color dangerSubtle = (Color) robot.lookup(".log-palette .row-error").queryAs(Text.class).getFill();
        assertFalse(Color.TRANSPARENT.equals(dangerSubtle));
        javafx.scene.layout.Region errorRow = (javafx.scene.layout.Region) cellOf(error);
        assertEquals(dangerSubtle, errorRow.getBackground().getFills().getFirst().getFill());
        assertEquals(robot.lookup(".log-palette .stripe-error").queryAs(Text.class).getFill(),
                errorRow.getBorder().getStrokes().getFirst().getLeftStroke());
        assertTrue(((javafx.scene.layout.Region) cellOf(info)).getBackground().isEmpty(), "a plain row has no background");
        Text red = texts.stream().filter(t -> t.getText().equals("red")).findFirst().orElseThrow();
        Text rgb = texts.stream().filter(t -> t.getText().equals("rgb")).findFirst().orElseThrow();
        assertEquals(DANGER, red.getFill());
        assertEquals(Color.rgb(10, 20, 30), rgb.getFill());
        assertTrue(rgb.getFont().getStyle().contains("Bold"), rgb.getFont().getStyle());
        assertTrue(texts.stream().noneMatch(t -> t.getText().contains(E) || t.getText().contains("[31m")));
    }

    @Test
    void ansiBackgroundsArePaintedBehindTheirRun(FxRobot robot) {
        push(List.of("2025-05-01T10:00:01Z tests " + E + "[42;30m PASS " + E + "[0m and " + E + "[48;2;200;0;0m FAIL " + E + "[0m"));
        Wait.until("the backgrounds", () -> backgrounds(robot).size() == 2, () -> "backgrounds " + backgrounds(robot));
        List<javafx.scene.shape.Path> paths = backgrounds(robot);
        assertTrue(paths.stream().anyMatch(p -> Color.rgb(200, 0, 0).equals(p.getFill())));
        for (javafx.scene.shape.Path p : paths) {
            Text run = robot.lookup(".log-text").queryAllAs(Text.class).stream()
                    .filter(t -> t.getText().equals(p.getFill().equals(Color.rgb(200, 0, 0)) ? " FAIL " : " PASS "))
                    .findFirst().orElseThrow();
            var box = p.getBoundsInParent();
            var text = run.getBoundsInParent();
            assertEquals(text.getMinX(), box.getMinX(), 1.5, "the background starts under its run");
            assertEquals(text.getWidth(), box.getWidth(), 1.5, "and is as wide as the run");
        }
    }

    private static List<javafx.scene.shape.Path> backgrounds(FxRobot robot) {
        return robot.lookup(".log-background").queryAllAs(javafx.scene.shape.Path.class).stream()
                .filter(p -> p.isVisible() && !p.getElements().isEmpty()).toList();
    }

    private static Node cellOf(Node n) {
        while (n != null && !n.getStyleClass().contains("log-cell")) {
            n = n.getParent();
        }
        assertNotNull(n);
        return n;
    }

    @Test
    void exportWritesTheFilteredViewToTheChosenFile(FxRobot robot, @TempDir Path dir) throws Exception {
        push(List.of("2025-05-01T10:00:01Z INFO a", "2025-05-01T10:00:02Z " + E + "[31mERROR b" + E + "[0m",
                "2025-05-01T10:00:03Z INFO c", "2025-05-01T10:00:04Z ERROR d"));
        Path file = dir.resolve("api.log");
        view.exportTarget = w -> file;
        Typing.into(robot, "#filterField", "error");
        Wait.until("two lines", () -> list(robot).items().size() == 2);
        robot.clickOn("#exportButton");
        Wait.until("the export message", () -> label(robot, "#logMessage").startsWith("Exported 2 lines"),
                () -> label(robot, "#logMessage"));
        assertEquals(List.of("2025-05-01T10:00:02Z ERROR b", "2025-05-01T10:00:04Z ERROR d"), Files.readAllLines(file));
    }

    @Test
    void copyPutsTheSelectedLinesOnTheClipboard(FxRobot robot) {
        push(List.of("2025-05-01T10:00:01Z one", "2025-05-01T10:00:02Z two", "2025-05-01T10:00:03Z three"));
        robot.interact(() -> {
            list(robot).selection().clearAndSelect(0);
            list(robot).selection().select(2);
        });
        robot.interact(() -> list(robot).requestFocus());
        robot.push(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("2025-05-01T10:00:01Z one\n2025-05-01T10:00:03Z three", clip[0]);
    }

    @Test
    void longLinesScrollSidewaysOrWrapAndRowsSelectByShiftClick(FxRobot robot) {
        String longText = "INFO " + "word ".repeat(120) + "end";
        push(List.of("2025-05-01T10:00:01Z short one", "2025-05-01T10:00:02Z " + longText, "2025-05-01T10:00:03Z short three"));
        LogRows rows = list(robot);
        Wait.until("the lines drawn", () -> rows.rows().size() == 3);
        javafx.scene.control.ScrollBar sideways = robot.lookup("#logList").queryAs(LogRows.class).getChildrenUnmodifiable()
                .stream().filter(n -> n instanceof javafx.scene.control.ScrollBar b
                        && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                .map(n -> (javafx.scene.control.ScrollBar) n).findFirst().orElseThrow();
        assertTrue(sideways.isVisible(), "a line wider than the window: a horizontal bar");
        double oneLine = rows.rows().getFirst().getHeight();
        robot.clickOn("#wrapToggle");
        Wait.until("the long line wrapped", () -> rows.rows().size() == 3 && rows.rows().get(1).getHeight() > 2 * oneLine,
                () -> "heights " + rows.rows().stream().map(r -> r.getHeight()).toList());
        assertFalse(sideways.isVisible(), "wrapped: no horizontal bar");
        assertTrue(rows.rows().get(1).getWidth() <= rows.getWidth(), "a wrapped row fits the window");

        robot.clickOn(rows.rows().get(0));
        robot.press(KeyCode.SHIFT).clickOn(rows.rows().get(2)).release(KeyCode.SHIFT);
        assertEquals(List.of(0, 1, 2), java.util.Arrays.stream(rows.selection().selectedIndices()).boxed().toList());
        robot.push(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("2025-05-01T10:00:01Z short one\n2025-05-01T10:00:02Z " + longText + "\n2025-05-01T10:00:03Z short three", clip[0]);
    }

    @Test
    void screenshotsOfAnAnsiLogInBothThemes(FxRobot robot) {
        List<String> lines = new ArrayList<>();
        String[] paths = {"/api/orders", "/api/orders/42", "/health", "/api/payments", "/metrics"};
        for (int i = 0; i < 40; i++) {
            String ts = String.format("2025-05-01T10:00:%02d.%03dZ ", i, i * 37 % 1000);
            lines.add(ts + switch (i % 8) {
                case 3 -> E + "[33mWARN" + E + "[0m:     slow query on " + E + "[1morders" + E + "[0m took " + E + "[33m812 ms" + E + "[0m";
                case 6 -> E + "[31;1mERROR" + E + "[0m:    upstream " + E + "[4mpayments:8080" + E + "[0m refused the connection";
                case 7 -> E + "[38;5;244mDEBUG" + E + "[0m:    cache " + E + "[38;2;180;120;255mhit" + E + "[0m key=user:" + i;
                case 5 -> E + "[32mINFO" + E + "[0m:     tests " + E + "[42;97m PASS " + E + "[0m 41 of 42, "
                        + E + "[41;97m FAIL " + E + "[0m OrderTest.refund";
                default -> E + "[32mINFO" + E + "[0m:     10.18.0.2:51" + i + " - \"GET " + paths[i % 5] + " HTTP/1.1\" "
                        + E + "[32m200 OK" + E + "[0m";
            });
        }
        push(lines);
        shoot(robot, "log-viewer-ansi");
    }

    @Test
    void screenshotsOfAJsonLogInBothThemes(FxRobot robot) {
        List<String> lines = new ArrayList<>();
        String[] levels = {"info", "info", "debug", "warn", "info", "error"};
        for (int i = 0; i < 40; i++) {
            String level = levels[i % levels.length];
            lines.add(String.format("2025-05-01T10:01:%02d.%03dZ {\"time\":\"2025-05-01T10:01:%02dZ\",\"level\":\"%s\","
                            + "\"msg\":\"%s\",\"method\":\"GET\",\"path\":\"/api/orders/%d\",\"status\":%d,\"ms\":%d}",
                    i, i * 53 % 1000, i, level, level.equals("error") ? "upstream failed" : "request served", i,
                    level.equals("error") ? 502 : 200, 3 + i * 7 % 90));
        }
        push(lines);
        robot.interact(() -> {
            vm.display().toggleExpanded(vm.lines().get(35)); // the error line, pretty-printed as a double-click does
            vm.hits().searchTextProperty().set("orders/3");
        });
        robot.interact(() -> view.openSearch());
        robot.interact(() -> list(robot).scrollTo(27));
        shoot(robot, "log-viewer-json");
    }

    private void shoot(FxRobot robot, String name) {
        Screenshots.save(robot, view, name + "-light");
        robot.interact(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()));
        Screenshots.save(robot, view, name + "-dark");
        robot.interact(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS()));
    }
}
