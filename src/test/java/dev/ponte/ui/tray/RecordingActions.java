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
    public void connect(String context) {
        calls.add("connect " + context);
    }

    @Override
    public void disconnect(String context) {
        calls.add("disconnect " + context);
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
