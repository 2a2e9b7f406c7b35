package dev.ponte.ui.tray;

/** Draws {@link TrayContent} somewhere: the AWT system tray, or nowhere when the desktop has none. */
@FunctionalInterface
public interface TrayPresenter {
    /** Where there is no tray: nothing to draw. */
    TrayPresenter NONE = content -> { };

    /** Shows new content; may be called from any thread, returns at once. */
    void show(TrayContent content);
}
