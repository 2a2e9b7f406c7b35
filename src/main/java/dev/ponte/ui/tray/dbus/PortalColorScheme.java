package dev.ponte.ui.tray.dbus;

import java.util.Optional;
import java.util.function.Consumer;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's light/dark preference from the XDG settings portal ({@code org.freedesktop.appearance color-scheme}),
 * live. GNOME 42+ (its "Dark style"), Plasma 5.24+ and the other desktops with xdg-desktop-portal publish it there;
 * JavaFX's own {@code Platform.getPreferences()} on Linux reads only the GTK theme, which vanilla GNOME leaves at
 * "Adwaita" when the dark style is on. So "Follow system" takes the portal's answer where the portal gives one and
 * JavaFX's otherwise.
 */
public final class PortalColorScheme implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortalColorScheme.class);

    /** What the portal says. */
    public enum Preference { NONE, DARK, LIGHT }

    private final AutoCloseable handler;

    private PortalColorScheme(AutoCloseable handler) {
        this.handler = handler;
    }

    /**
     * Reads the preference now and calls {@code listener} (on a bus thread) with it and with every change. Blocking:
     * call it off the FX thread. Empty when no portal answers (then nothing is called).
     */
    public static Optional<PortalColorScheme> watch(SessionBus bus, Consumer<Preference> listener) {
        if (!bus.hasOwner(PortalSettingsBus.NAME)) {
            LOG.info("No settings portal on the session bus: Follow system uses the GTK theme");
            return Optional.empty();
        }
        try {
            PortalSettingsBus portal = bus.connection().getRemoteObject(PortalSettingsBus.NAME, PortalSettingsBus.PATH,
                    PortalSettingsBus.class);
            AutoCloseable h = bus.connection().addSigHandler(PortalSettingsBus.SettingChanged.class, s -> {
                if (PortalSettingsBus.APPEARANCE.equals(s.namespace) && PortalSettingsBus.COLOR_SCHEME.equals(s.key)) {
                    listener.accept(preference(s.value));
                }
            });
            Preference now = read(portal);
            LOG.info("Settings portal: color-scheme {}", now);
            listener.accept(now);
            return Optional.of(new PortalColorScheme(h));
        } catch (DBusException | RuntimeException e) {
            LOG.info("The settings portal did not answer ({}): Follow system uses the GTK theme", e.getMessage());
            return Optional.empty();
        }
    }

    private static Preference read(PortalSettingsBus portal) {
        try {
            return preference(portal.ReadOne(PortalSettingsBus.APPEARANCE, PortalSettingsBus.COLOR_SCHEME));
        } catch (RuntimeException e) {
            // Portals before version 2 have only Read, whose value comes wrapped in one more variant.
            return preference(portal.Read(PortalSettingsBus.APPEARANCE, PortalSettingsBus.COLOR_SCHEME));
        }
    }

    /** 1 prefer dark, 2 prefer light, anything else no preference; unwraps nested variants. */
    static Preference preference(Object value) {
        Object v = value;
        while (v instanceof Variant<?> variant) {
            v = variant.getValue();
        }
        long n = v instanceof UInt32 u ? u.longValue() : v instanceof Number num ? num.longValue() : -1;
        return n == 1 ? Preference.DARK : n == 2 ? Preference.LIGHT : Preference.NONE;
    }

    @Override
    public void close() {
        try {
            handler.close();
        } catch (Exception e) {
            LOG.debug("Closing the portal signal handler: {}", e.toString());
        }
    }
}
