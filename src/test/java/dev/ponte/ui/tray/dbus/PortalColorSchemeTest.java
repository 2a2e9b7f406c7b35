package dev.ponte.ui.tray.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.testsupport.DbusTestBus;
import dev.ponte.testsupport.Wait;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Follow system" under the settings portal: the colour scheme is read at start (ReadOne, or Read on a version-1
 * portal) and followed live through SettingChanged, on a real bus with a portal written to the spec ({@link PortalDouble}).
 */
@Tag("dbus")
class PortalColorSchemeTest {
    private static DbusTestBus bus;

    @BeforeAll
    static void startBus() throws Exception {
        bus = DbusTestBus.start();
    }

    @AfterAll
    static void stopBus() throws Exception {
        if (bus != null) {
            bus.close();
        }
    }

    @ParameterizedTest(name = "ReadOne supported: {0}")
    @ValueSource(booleans = {true, false})
    void theSchemeIsReadAtStartAndFollowedLive(boolean readOne) throws Exception {
        List<PortalColorScheme.Preference> seen = new CopyOnWriteArrayList<>();
        try (PortalDouble portal = PortalDouble.start(bus.address, 1, readOne);
             SessionBus app = SessionBus.connect(bus.env()).orElseThrow();
             PortalColorScheme watch = PortalColorScheme.watch(app, seen::add).orElseThrow()) {
            assertEquals(List.of(PortalColorScheme.Preference.DARK), seen);
            portal.set(2);
            Wait.polling("light", () -> seen.size() == 2, seen::toString);
            portal.set(0);
            Wait.polling("no preference", () -> seen.size() == 3, seen::toString);
            assertEquals(List.of(PortalColorScheme.Preference.DARK, PortalColorScheme.Preference.LIGHT,
                    PortalColorScheme.Preference.NONE), seen);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no portal"})
    void withoutAPortalNothingIsWatched(String ignored) throws Exception {
        try (SessionBus app = SessionBus.connect(bus.env()).orElseThrow()) {
            Wait.polling("no portal on the bus", () -> !app.hasOwner(PortalSettingsBus.NAME));
            assertEquals(Optional.empty(), PortalColorScheme.watch(app, p -> { }));
        }
    }
}
