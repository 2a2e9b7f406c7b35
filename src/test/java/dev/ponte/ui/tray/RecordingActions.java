package dev.ponte.ui.tray;

import java.util.ArrayList;
import java.util.List;

/** Records what the tray asked of the app, as "verb arg" strings. */
final class RecordingActions implements TrayActions {
    final List<String> calls = new ArrayList<>();

    @Override
    public void openWindow() {
        calls.add("open");
    }

    @Override
    public void act(String context, dev.ponte.core.connections.ConnectionSnapshot.Action action) {
        calls.add(action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + context);
    }

    @Override
    public void unbridge(String bridge) {
        calls.add("unbridge " + bridge);
    }

    @Override
    public void setCloseToTray(boolean on) {
        calls.add("closeToTray " + on);
    }

    @Override
    public void quit() {
        calls.add("quit");
    }
}
