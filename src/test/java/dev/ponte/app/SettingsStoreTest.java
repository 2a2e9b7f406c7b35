package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.ui.common.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2025-03-04T12:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path file = Files.createDirectories(dir.resolve("config")).resolve("settings.json");
        Files.writeString(file, json);
        return file;
    }

    private UiSettings load(String json) throws Exception {
        return new SettingsStore(write(json), NOON).load();
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("config"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

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
    }

    @Test
    void savingCreatesAnOwnerOnlyFileInAnOwnerOnlyFolderAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("config/settings.json");
        new SettingsStore(file).save(new UiSettings());
        new SettingsStore(file).save(new UiSettings());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config"))));
        assertEquals(List.of("settings.json"), files());
    }

    @Test
    void savingNeverWritesThroughALinkPlantedAtTheOldFixedTemporaryName() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "untouched");
        Files.createDirectories(dir.resolve("config"));
        Files.createSymbolicLink(dir.resolve("config/settings.json.tmp"), victim);
        UiSettings s = new UiSettings();
        s.lastContext = "kind-dev";
        new SettingsStore(dir.resolve("config/settings.json")).save(s);
        assertEquals("untouched", Files.readString(victim));
        assertEquals("kind-dev", new SettingsStore(dir.resolve("config/settings.json")).load().lastContext);
    }

    @Test
    void nullListsAndMapsBecomeEmptyOnesSoNoReaderMeetsANull() throws Exception {
        UiSettings s = load("{\"extraKubeconfigs\":null,\"lastNamespace\":null,\"dividers\":null,\"theme\":null,"
                + "\"closeToTray\":null,\"window\":null,\"lastContext\":\"kind-dev\"}");
        assertEquals(List.of(), s.extraKubeconfigs);
        assertEquals(Map.of(), s.lastNamespace);
        assertEquals(Map.of(), s.dividers);
        assertEquals(UiSettings.Theme.SYSTEM, s.theme);
        assertTrue(s.closeToTray, "null means the default, not false");
        assertNull(s.window);
        assertEquals("kind-dev", s.lastContext, "the usable fields are kept");
        assertEquals(List.of("settings.json"), files(), "a file with usable fields is not moved aside");
    }

    @Test
    void unusableEntriesAreDroppedAndTheRestKept() throws Exception {
        UiSettings s = load("{\"extraKubeconfigs\":[null,\"\",\"/a\\u0000b\",\"/ok.yaml\",\"/ok.yaml\",\"/two.yaml\"],"
                + "\"lastNamespace\":{\"a\":null,\"b\":\"shop\",\"c\":\"\",\"d\":\"x\\ny\"},"
                + "\"dividers\":{\"mainSplit\":null,\"leftSplit\":[0.3],\"workloadSplit\":[1.5],\"other\":[]},"
                + "\"window\":{\"x\":10,\"y\":10,\"width\":0,\"height\":700,\"maximized\":false},"
                + "\"lastContext\":\"bad\\u0000name\",\"engineEndpoint\":\"  \"}");
        assertEquals(List.of("/ok.yaml", "/two.yaml"), s.extraKubeconfigs);
        assertEquals(Map.of("b", "shop"), s.lastNamespace);
        assertEquals(List.of("leftSplit"), List.copyOf(s.dividers.keySet()));
        assertNull(s.window, "a window without a size");
        assertNull(s.lastContext);
        assertNull(s.engineEndpoint);
    }

    @Test
    void aFieldOfTheWrongTypeFallsBackToItsDefaultAndTheOthersAreKept() throws Exception {
        UiSettings s = load("{\"theme\":5,\"dividers\":\"x\",\"extraKubeconfigs\":\"/single.yaml\",\"window\":[1,2],"
                + "\"lastNamespace\":[],\"closeToTray\":{\"a\":1},\"theme2\":1,\"trayHintShown\":true,"
                + "\"gefyraRegistry\":\"mirror.local:5000/gefyra\"}");
        assertEquals(UiSettings.Theme.SYSTEM, s.theme);
        assertNotNull(s.dividers);
        assertEquals(List.of(), s.extraKubeconfigs);
        assertNull(s.window);
        assertEquals(Map.of(), s.lastNamespace);
        assertTrue(s.closeToTray);
        assertTrue(s.trayHintShown);
        assertEquals("mirror.local:5000/gefyra", s.gefyraRegistry);
        assertEquals(List.of("settings.json"), files());
    }

    @Test
    void anUnknownThemeNameFallsBackToFollowSystem() throws Exception {
        assertEquals(UiSettings.Theme.SYSTEM, load("{\"theme\":\"PURPLE\"}").theme);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ not json", "", "   ", "[]", "null", "42", "\"text\"", "{\"theme\":\"DARK\"", "[[[[[[[[[[]]]]]]]]]]"})
    void aFileThatCannotBeUsedIsMovedAsideAndDefaultsAreUsed(String content) throws Exception {
        UiSettings s = load(content);
        assertEquals(UiSettings.Theme.SYSTEM, s.theme);
        assertEquals(List.of(), s.extraKubeconfigs);
        assertEquals(List.of("settings.json.bad-20250304-120000"), files());
        assertEquals(content, Files.readString(dir.resolve("config/settings.json.bad-20250304-120000")), "kept as it was");
    }

    @Test
    void bytesThatAreNotTextAreMovedAside() throws Exception {
        Path file = write("");
        Files.write(file, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        new SettingsStore(file, NOON).load();
        assertEquals(List.of("settings.json.bad-20250304-120000"), files());
    }

    @Test
    void aHugeFileIsMovedAsideUnread() throws Exception {
        Path file = write("");
        Files.write(file, ("{\"lastContext\":\"" + "x".repeat((int) SettingsStore.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertNull(new SettingsStore(file, NOON).load().lastContext);
        assertEquals(List.of("settings.json.bad-20250304-120000"), files());
    }

    @Test
    void aSecondBadFileInTheSameSecondDoesNotReplaceTheFirst() throws Exception {
        load("{ first");
        load("{ second");
        assertEquals(List.of("settings.json.bad-20250304-120000", "settings.json.bad-20250304-120000-2"), files());
        assertEquals("{ first", Files.readString(dir.resolve("config/settings.json.bad-20250304-120000")));
    }

    @Test
    void noFileMeansDefaults() {
        UiSettings s = new SettingsStore(dir.resolve("config/settings.json"), NOON).load();
        assertEquals(UiSettings.Theme.SYSTEM, s.theme);
        assertFalse(Files.exists(dir.resolve("config")));
    }

    @Test
    void everyFieldOfTheSettingsComesBackAfterARestart() throws Exception {
        // The reader maps each field by name: a field added to UiSettings and not to SettingsReader fails here.
        Path file = dir.resolve("config/settings.json");
        UiSettings s = new UiSettings();
        s.theme = UiSettings.Theme.LIGHT;
        s.window = new UiSettings.WindowGeometry(1, 2, 300, 400, true);
        s.dividers.put("a", new double[] {0.25, 0.5});
        s.favouriteNamespaces.put("kind-dev", List.of("shop", "pay"));
        s.cargoEndpoints.put("kind-dev", "10.0.0.1:31820");
        s.connectionMtus.put("kind-dev", 1340);
        s.closeToTray = false;
        s.trayHintShown = true;
        int texts = 0;
        for (java.lang.reflect.Field f : UiSettings.class.getFields()) {
            if (f.getType() == String.class) {
                f.set(s, "text-" + f.getName());
                texts++;
            } else if (f.getType() == List.class && f.get(s) instanceof List<?> l && l.isEmpty()) {
                f.set(s, new java.util.ArrayList<>(List.of("/" + f.getName())));
            } else if (f.getType() == Map.class && f.get(s) instanceof Map<?, ?> m && m.isEmpty()) {
                f.set(s, new java.util.LinkedHashMap<>(Map.of("ctx", "text-" + f.getName())));
            }
        }
        assertTrue(texts >= 8, "the texts were set: " + texts);
        new SettingsStore(file, NOON).save(s);
        UiSettings back = new SettingsStore(file, NOON).load();
        for (java.lang.reflect.Field f : UiSettings.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Object want = f.get(s);
            Object got = f.get(back);
            if (want instanceof Map<?, ?> m && m.values().stream().anyMatch(v -> v instanceof double[])) {
                assertEquals(m.keySet(), ((Map<?, ?>) got).keySet(), f.getName());
                m.forEach((k, v) -> assertArrayEquals((double[]) v, (double[]) ((Map<?, ?>) got).get(k), f.getName()));
            } else {
                assertEquals(want, got, f.getName());
            }
        }
    }

    @Test
    void textsAlsoComeAsNumbersAndNumbersAsTextsAsBefore() throws Exception {
        UiSettings s = load("{\"lastContext\":42,\"gefyraRegistry\":true,\"connectionMtus\":{\"a\":\"1400\",\"b\":1380},"
                + "\"window\":{\"x\":\"5\",\"y\":6,\"width\":800,\"height\":600},\"closeToTray\":\"false\","
                + "\"trayHintShown\":1,\"dividers\":{\"s\":[\"0.5\"]}}");
        assertEquals("42", s.lastContext);
        assertEquals("true", s.gefyraRegistry);
        assertEquals(Map.of("a", 1400, "b", 1380), s.connectionMtus);
        assertEquals(new UiSettings.WindowGeometry(5, 6, 800, 600, false), s.window);
        assertFalse(s.closeToTray);
        assertTrue(s.trayHintShown);
        assertArrayEquals(new double[] {0.5}, s.dividers.get("s"));
        assertEquals(List.of("settings.json"), files());
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        assertEquals(UiSettings.Theme.LIGHT, load("{\"theme\":\"LIGHT\",\"somethingNew\":42}").theme);
    }
}
