package dev.ponte.ui.tray;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.BridgeStatus;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.ui.tray.TrayMenu.Action;
import dev.ponte.ui.tray.TrayMenu.Item;
import dev.ponte.ui.tray.TrayMenu.Label;
import dev.ponte.ui.tray.TrayMenu.Separator;
import dev.ponte.ui.tray.TrayMenu.Toggle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the tray's icon state, tooltip and menu from a status snapshot. Pure: the same snapshot gives the same
 * content, so it is rebuilt whole on every change (Cryptomator rebuilds its tray menu the same way).
 *
 * <pre>
 * Open Ponte
 * ─────────────
 * kind-dev: Connected                      (a label)
 * Disconnect kind-dev
 * ─────────────
 * api (default) → api-local: local container api-local stopped
 * Unbridge api (default)
 * ─────────────
 * ☑ Keep running in the tray when the window closes
 * Quit Ponte…
 * </pre>
 */
public final class TrayMenuBuilder {
    /** Windows cuts tray tooltips at 127 characters; others at about that readability anyway. */
    static final int TOOLTIP_MAX = 127;
    static final int LINE_MAX = 70;
    public static final String OPEN = "Open Ponte";
    public static final String KEEP_RUNNING = "Keep running in the tray when the window closes";

    private TrayMenuBuilder() {
    }

    public static TrayContent build(AppStatus status, boolean closeToTray, TrayActions actions) {
        List<Item> items = new ArrayList<>();
        items.add(new Action(OPEN, true, actions::openWindow));
        if (!status.connections().isEmpty()) {
            items.add(new Separator());
            for (ConnectionStatus c : status.connections()) {
                items.add(new Label(stateLine(c)));
                items.addAll(connectionActions(c, actions));
            }
        }
        if (!status.bridges().isEmpty()) {
            items.add(new Separator());
            for (BridgeStatus b : status.bridges()) {
                String line = bridgeTitle(b) + " → " + b.localContainer();
                items.add(new Label(shorten(b.state() == BridgeStatus.State.ACTIVE ? line
                        : line + ": " + (b.reason().isEmpty() ? word(b.state()) : b.reason()))));
                items.add(new Action("Unbridge " + bridgeTitle(b), b.state() != BridgeStatus.State.PENDING,
                        () -> actions.unbridge(b.name())));
            }
        }
        items.add(new Separator());
        items.add(new Toggle(KEEP_RUNNING, closeToTray, actions::setCloseToTray));
        items.add(new Action(status.anythingUp() ? "Quit Ponte…" : "Quit Ponte", true, actions::quit));
        return new TrayContent(status.overall(), tooltip(status), items);
    }

    /**
     * "Ponte — kind-dev: Connected · staging: Degraded". One line: the X11 tray tooltip of AWT ignores line breaks
     * (tried under Xvfb with trayer: the lines ran together), and Windows cuts at 127 characters.
     */
    static String tooltip(AppStatus status) {
        if (status.connections().isEmpty()) {
            return "Ponte: not connected";
        }
        List<String> parts = new ArrayList<>();
        status.connections().forEach(c -> parts.add(c.context() + ": " + word(c.state())));
        long flagged = status.bridges().stream().filter(b -> b.state() == BridgeStatus.State.FLAGGED).count();
        if (flagged > 0) {
            parts.add(flagged + (flagged == 1 ? " bridge needs" : " bridges need") + " attention");
        }
        String text = "Ponte — " + String.join(" · ", parts);
        return text.length() <= TOOLTIP_MAX ? text : text.substring(0, TOOLTIP_MAX - 1) + "…";
    }

    static String stateLine(ConnectionStatus c) {
        String line = c.context() + ": " + word(c.state());
        line = c.byGefyraCli() ? line + " (gefyra CLI)" : line;
        return shorten(c.reason().isEmpty() || c.state() == ConnectionState.CONNECTED ? line : line + " — " + c.reason());
    }

    /** The connection's actions as its panel offers them (the same words), one menu item each. */
    private static List<Item> connectionActions(ConnectionStatus c, TrayActions actions) {
        List<Item> out = new ArrayList<>();
        for (var a : List.of(ConnectionSnapshot.Action.CONNECT, ConnectionSnapshot.Action.RESUME, ConnectionSnapshot.Action.RECONNECT,
                ConnectionSnapshot.Action.DISCONNECT, ConnectionSnapshot.Action.CLEAN_UP, ConnectionSnapshot.Action.CANCEL)) {
            if (c.actions().contains(a)) {
                out.add(new Action(a.label() + " " + c.context(), true, () -> actions.act(c.context(), a)));
            }
        }
        if (out.isEmpty()) {
            // Busy: say so, greyed out, so the menu never offers the same thing twice.
            out.add(new Action(c.state().word(), false, () -> { }));
        }
        return out;
    }

    /** "api (default)" from "default/deployment/api". */
    static String bridgeTitle(BridgeStatus b) {
        String[] parts = b.workload().split("/");
        return parts.length == 3 ? parts[2] + " (" + parts[0] + ")" : b.workload();
    }

    /** The state words the window uses too (ux.md: Connected / Degraded / Down): one mapping, in the core. */
    public static String word(ConnectionState s) {
        return s.word();
    }

    private static String word(BridgeStatus.State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        return s.length() <= LINE_MAX ? s : s.substring(0, LINE_MAX - 1) + "…";
    }
}
