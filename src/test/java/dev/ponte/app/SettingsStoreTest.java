package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.ui.common.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedComesBackAfterARestart() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("config/settings.json"));
        UiSettings s = new UiSettings();
        s.theme = UiSettings.Theme.DARK;
        s.window = new UiSettings.WindowGeometry(10, 20, 1000, 700, false);
        s.dividers.put("mainSplit", new double[] {0.3});
        s.lastContext = "kind-dev";
        s.lastNamespace.put("kind-dev", "payments");
        s.extraKubeconfigs.add("/tmp/extra.yaml");
        store.save(s);

        UiSettings back = new SettingsStore(dir.resolve("config/settings.json")).load();
        assertEquals(UiSettings.Theme.DARK, back.theme);
        assertEquals(s.window, back.window);
        assertArrayEquals(new double[] {0.3}, back.dividers.get("mainSplit"));
        assertEquals("kind-dev", back.lastContext);
        assertEquals("payments", back.lastNamespace.get("kind-dev"));
        assertEquals("/tmp/extra.yaml", back.extraKubeconfigs.getFirst());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config/settings.json"))));
    }

    @Test
    void unreadableSettingsStartWithDefaultsAndAreKeptAside() throws Exception {
        Path file = Files.createDirectories(dir.resolve("config")).resolve("settings.json");
        Files.writeString(file, "{ not json");
        UiSettings s = new SettingsStore(file).load();
        assertEquals(UiSettings.Theme.SYSTEM, s.theme);
        assertTrue(Files.exists(dir.resolve("config/settings.json.unreadable")));
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Path file = Files.createDirectories(dir.resolve("config")).resolve("settings.json");
        Files.writeString(file, "{\"theme\":\"LIGHT\",\"somethingNew\":42}");
        assertEquals(UiSettings.Theme.LIGHT, new SettingsStore(file).load().theme);
    }
}
