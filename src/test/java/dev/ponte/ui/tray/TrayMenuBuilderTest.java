package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.AppStatus.Overall;
import dev.ponte.core.status.BridgeStatus;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.ui.tray.TrayMenu.Action;
import dev.ponte.ui.tray.TrayMenu.Item;
import dev.ponte.ui.tray.TrayMenu.Label;
import dev.ponte.ui.tray.TrayMenu.Separator;
import dev.ponte.ui.tray.TrayMenu.Toggle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrayMenuBuilderTest {
    private final RecordingActions actions = new RecordingActions();

    private static AppStatus status(ConnectionStatus... c) {
        return new AppStatus(List.of(c), List.of());
    }

    /** The menu as lines: "A+ title" (enabled action), "A- title", "L text", "T+ title", "--". */
    private static List<String> lines(List<Item> items) {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            out.add(switch (i) {
                case Action a -> (a.enabled() ? "A+ " : "A- ") + a.title();
                case Label l -> "L " + l.text();
                case Toggle t -> (t.selected() ? "T+ " : "T- ") + t.title();
                case Separator s -> "--";
                case TrayMenu.Submenu s -> "S " + s.title();
            });
        }
        return out;
    }

    private static Action action(TrayContent c, String title) {
        return c.menu().stream().filter(i -> i instanceof Action a && a.title().equals(title)).map(Action.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no action " + title + " in " + lines(c.menu())));
    }

    @Test
    void withNothingConnectedTheMenuOffersOpenTheSettingAndQuit() {
        TrayContent c = TrayMenuBuilder.build(AppStatus.EMPTY, true, actions);
        assertEquals(Overall.NONE, c.icon());
        assertEquals("Ponte: not connected", c.tooltip());
        assertEquals(List.of("A+ Open Ponte", "--", "T+ " + TrayMenuBuilder.KEEP_RUNNING, "A+ Quit Ponte"), lines(c.menu()));
    }

    @Test
    void eachConnectionHasItsStateLineAndTheActionForItsState() {
        TrayContent c = TrayMenuBuilder.build(status(
                ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""),
                ConnectionStatus.of("staging", ConnectionState.NOT_CONNECTED, ""),
                ConnectionStatus.of("prod", ConnectionState.DOWN, "Cargo is gone"),
                ConnectionStatus.of("edge", ConnectionState.CONNECTING, "")), false, actions);
        assertEquals(List.of("A+ Open Ponte", "--",
                "L kind-dev: Connected", "A+ Disconnect kind-dev",
                "L staging: Not connected", "A+ Connect staging",
                "L prod: Down — Cargo is gone", "A+ Disconnect prod",
                "L edge: Connecting…", "A- Connecting…",
                "--", "T- " + TrayMenuBuilder.KEEP_RUNNING, "A+ Quit Ponte…"), lines(c.menu()));
    }

    @Test
    void aConnectionTheGefyraCliMadeSaysSoInTheMenu() {
        TrayContent c = TrayMenuBuilder.build(status(
                new ConnectionStatus("kind-dev", ConnectionState.CONNECTED, "", false, java.util.Set.of(dev.ponte.core.connections.ConnectionSnapshot.Action.DISCONNECT), true),
                ConnectionStatus.of("staging", ConnectionState.CONNECTED, "")), true, actions);
        assertTrue(lines(c.menu()).containsAll(List.of("L kind-dev: Connected (gefyra CLI)", "A+ Disconnect kind-dev",
                "L staging: Connected")), lines(c.menu()).toString());
    }

    @Test
    void theMenuActionsCallTheAppWithTheirConnection() {
        TrayContent c = TrayMenuBuilder.build(status(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""),
                ConnectionStatus.of("staging", ConnectionState.FAILED, "Forbidden")), true, actions);
        action(c, "Open Ponte").run().run();
        action(c, "Disconnect kind-dev").run().run();
        action(c, "Connect staging").run().run();
        action(c, "Quit Ponte…").run().run();
        ((Toggle) c.menu().get(c.menu().size() - 2)).onChange().accept(false);
        assertEquals(List.of("open", "disconnect kind-dev", "connect staging", "quit", "closeToTray false"), actions.calls);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            NOT_CONNECTED, NONE
            CONNECTING,    NONE
            CONNECTED,     CONNECTED
            DEGRADED,      DEGRADED
            DOWN,          DOWN
            FAILED,        DOWN
            DISCONNECTING, NONE
            """)
    void theIconFollowsTheConnectionState(ConnectionState state, Overall icon) {
        assertEquals(icon, TrayMenuBuilder.build(status(ConnectionStatus.of("kind-dev", state, "")), true, actions).icon());
    }

    @Test
    void theIconIsTheWorstAndTheTooltipNamesEveryConnection() {
        TrayContent c = TrayMenuBuilder.build(status(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""),
                ConnectionStatus.of("staging", ConnectionState.DEGRADED, "probe fails")), true, actions);
        assertEquals(Overall.DEGRADED, c.icon());
        assertEquals("Ponte — kind-dev: Connected · staging: Degraded", c.tooltip());
    }

    @Test
    void aLongTooltipIsCutForWindows() {
        List<ConnectionStatus> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(ConnectionStatus.of("a-rather-long-context-name-" + i, ConnectionState.CONNECTED, ""));
        }
        String tip = TrayMenuBuilder.tooltip(new AppStatus(many, List.of()));
        assertEquals(TrayMenuBuilder.TOOLTIP_MAX, tip.length());
        assertTrue(tip.endsWith("…"));
    }

    @Test
    void bridgesAreListedWithUnbridgeAndAFlaggedOneSaysWhy() {
        var active = new BridgeStatus("b1", "default/deployment/api", "api-local", BridgeStatus.State.ACTIVE, "", Instant.EPOCH);
        var flagged = new BridgeStatus("b2", "shop/statefulset/db", "db-local", BridgeStatus.State.FLAGGED,
                "local container db-local stopped", Instant.EPOCH);
        var pending = new BridgeStatus("b3", "default/deployment/web", "web-local", BridgeStatus.State.PENDING, "", Instant.EPOCH);
        TrayContent c = TrayMenuBuilder.build(new AppStatus(List.of(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, "")),
                List.of(active, flagged, pending)), true, actions);
        List<String> l = lines(c.menu());
        assertEquals(List.of("--",
                "L api (default) → api-local", "A+ Unbridge api (default)",
                "L db (shop) → db-local: local container db-local stopped", "A+ Unbridge db (shop)",
                "L web (default) → web-local: pending", "A- Unbridge web (default)",
                "--"), l.subList(4, 12));
        assertEquals(Overall.DEGRADED, c.icon());
        assertEquals("Ponte — kind-dev: Connected · 1 bridge needs attention", c.tooltip());
        action(c, "Unbridge db (shop)").run().run();
        assertEquals(List.of("unbridge b2"), actions.calls);
        assertEquals("Quit Ponte…", ((Action) c.menu().getLast()).title(), "quitting asks while bridges are active");
    }

    @Test
    void aLongReasonIsShortenedInTheMenu() {
        String reason = "x".repeat(200);
        TrayContent c = TrayMenuBuilder.build(status(ConnectionStatus.of("kind-dev", ConnectionState.DEGRADED, reason)), true, actions);
        String line = ((Label) c.menu().get(2)).text();
        assertEquals(TrayMenuBuilder.LINE_MAX, line.length());
        assertFalse(line.contains(reason));
    }
}
