package dev.ponte.ui.common;

import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their control, not when the control is built. The first {@link Tooltip}
 * of a process costs ~80 ms (its popup window and behaviour classes), each further one ~1.5 ms, and the main window
 * has about twenty: building them on the way to the first frame cost ~110 ms of it. The text is also the control's
 * accessible help, as a tooltip's text would be, so screen readers read it before any hover.
 */
public final class Tips {
    private static final Object TEXT = new Object();
    private static final Object HANDLER = new Object();

    private Tips() {
    }

    /** Gives {@code control} the tooltip {@code text}; null removes it. Any thread that may touch the control. */
    public static void set(Control control, String text) {
        control.getProperties().put(TEXT, text);
        control.setAccessibleHelp(text);
        Tooltip shown = control.getTooltip();
        if (shown != null) {
            if (text == null) {
                control.setTooltip(null);
            } else {
                shown.setText(text);
            }
            return;
        }
        if (text != null && !control.getProperties().containsKey(HANDLER)) {
            EventHandler<MouseEvent> onEnter = new EventHandler<>() {
                @Override
                public void handle(MouseEvent e) {
                    Object current = control.getProperties().get(TEXT);
                    if (current instanceof String s && control.getTooltip() == null) {
                        // Installed now, it shows after the pointer's next move, as any tooltip would after its delay.
                        control.setTooltip(new Tooltip(s));
                    }
                    control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                    control.getProperties().remove(HANDLER);
                }
            };
            control.getProperties().put(HANDLER, onEnter);
            control.addEventHandler(MouseEvent.MOUSE_ENTERED, onEnter);
        }
    }

    /** The tooltip text {@code control} has, made or still waiting for the pointer; null when none. */
    public static String text(Control control) {
        Tooltip shown = control.getTooltip();
        if (shown != null) {
            return shown.getText();
        }
        return control.getProperties().get(TEXT) instanceof String s ? s : null;
    }
}
