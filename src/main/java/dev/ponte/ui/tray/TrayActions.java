package dev.ponte.ui.tray;

/** What the tray menu can ask of the app. Called on the FX thread. */
public interface TrayActions {
    /** Shows and raises the main window. */
    void openWindow();

    /** Connect, Disconnect, Resume, Clean up, Reconnect or Cancel a connection, as its panel would. */
    void act(String context, dev.ponte.core.connections.ConnectionSnapshot.Action action);

    void unbridge(String bridge);

    /** The "keep running in the tray" setting changed. */
    void setCloseToTray(boolean on);

    /** Quit, asking first when connections or bridges are up. */
    void quit();
}
