package dev.ponte.ui.tray;

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
                items.add(connectionAction(c, actions));
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
        return shorten(c.reason().isEmpty() || c.state() == ConnectionStatus.State.CONNECTED ? line : line + " — " + c.reason());
    }

    private static Action connectionAction(ConnectionStatus c, TrayActions actions) {
        return switch (c.state()) {
            case NONE, FAILED -> new Action("Connect " + c.context(), true, () -> actions.connect(c.context()));
            case CONNECTED, DEGRADED, DOWN -> new Action("Disconnect " + c.context(), true, () -> actions.disconnect(c.context()));
            case CONNECTING -> new Action("Connect " + c.context(), false, () -> { });
            case DISCONNECTING -> new Action("Disconnect " + c.context(), false, () -> { });
        };
    }

    /** "api (default)" from "default/deployment/api". */
    static String bridgeTitle(BridgeStatus b) {
        String[] parts = b.workload().split("/");
        return parts.length == 3 ? parts[2] + " (" + parts[0] + ")" : b.workload();
    }

    /** The state words the window uses too (ux.md: Connected / Degraded / Down). */
    public static String word(ConnectionStatus.State s) {
        return switch (s) {
            case NONE -> "Not connected";
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case DEGRADED -> "Degraded";
            case DOWN -> "Down";
            case DISCONNECTING -> "Disconnecting…";
            case FAILED -> "Failed";
        };
    }

    private static String word(BridgeStatus.State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        return s.length() <= LINE_MAX ? s : s.substring(0, LINE_MAX - 1) + "…";
    }
}
