package dev.ponte.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Applies AtlantaFX Primer Light or Dark. In {@link UiSettings.Theme#SYSTEM} it follows the OS colour scheme live:
 * the desktop's own preference where one is given ({@link #systemPreferenceProperty()}: on Linux the settings
 * portal's {@code color-scheme}), else {@link Platform#getPreferences()} (Windows, macOS; on Linux the GTK theme).
 */
public final class ThemeManager {
    private final ObjectProperty<UiSettings.Theme> theme = new SimpleObjectProperty<>(UiSettings.Theme.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    /** True dark, false light, null: no word from the desktop (JavaFX's preference decides). */
    private final ObjectProperty<Boolean> systemPreference = new SimpleObjectProperty<>();

    public ThemeManager(UiSettings.Theme initial) {
        theme.set(initial == null ? UiSettings.Theme.SYSTEM : initial);
        theme.addListener((obs, o, n) -> apply());
        systemPreference.addListener((obs, o, n) -> {
            if (theme.get() == UiSettings.Theme.SYSTEM) {
                apply();
            }
        });
        Platform.getPreferences().colorSchemeProperty().addListener((obs, o, n) -> {
            if (theme.get() == UiSettings.Theme.SYSTEM) {
                apply();
            }
        });
        apply();
    }

    private void apply() {
        boolean d = switch (theme.get()) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> systemPreference.get() != null ? systemPreference.get()
                    : Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        dark.set(d);
        // The precompiled (binary) form: parsing the 165 kB text stylesheet cost ~200 ms at start.
        Application.setUserAgentStylesheet(d ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
    }

    public ObjectProperty<UiSettings.Theme> themeProperty() {
        return theme;
    }

    /** The desktop's light/dark preference when it gives one (FX thread): true dark, false light, null none. */
    public ObjectProperty<Boolean> systemPreferenceProperty() {
        return systemPreference;
    }

    /** Whether the dark theme is showing now (for the :dark pseudo-class). */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }
}
