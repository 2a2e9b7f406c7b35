package dev.ponte.ui.tray;

import java.util.List;
import java.util.function.Consumer;

/**
 * The tray menu as plain data, free of any toolkit: built from the app's state by {@link TrayMenuBuilder}, drawn by
 * {@link AwtTray} (or a JavaFX {@code ContextMenu} for the screenshot). Tests check these records, not AWT. The
 * shape follows Cryptomator's {@code TrayMenuBuilder} (style.md, section 7).
 */
public final class TrayMenu {
    private TrayMenu() {
    }

    /** One entry. {@code run} and {@code onChange} are called on the FX thread (the adapter hops there). */
    public sealed interface Item permits Action, Separator, Submenu, Label, Toggle {
    }

    /** A clickable entry; disabled entries are shown greyed. */
    public record Action(String title, boolean enabled, Runnable run) implements Item {
    }

    public record Separator() implements Item {
    }

    public record Submenu(String title, List<Item> items) implements Item {
        public Submenu {
            items = List.copyOf(items);
        }
    }

    /** Text that cannot be clicked (a state line). */
    public record Label(String text) implements Item {
    }

    /** A check box entry; {@code onChange} gets the new value. */
    public record Toggle(String title, boolean selected, Consumer<Boolean> onChange) implements Item {
    }
}
