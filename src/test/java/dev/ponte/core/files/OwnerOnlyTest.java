package dev.ponte.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class OwnerOnlyTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replaceWritesAnOwnerOnlyFileAndLeavesNoTemporaryFile() throws Exception {
        Path target = tmp.resolve("settings.json");
        OwnerOnly.replace(target, "{\"a\":1}".getBytes());
        assertEquals("{\"a\":1}", Files.readString(target));
        assertEquals("rw-------", mode(target));
        OwnerOnly.replace(target, "{\"a\":2}".getBytes());
        assertEquals("{\"a\":2}", Files.readString(target));
        assertEquals(List.of("settings.json"), names(tmp));
    }

    @Test
    void replaceNarrowsAnOldWorldReadableFile() throws Exception {
        Path target = Files.writeString(tmp.resolve("settings.json"), "{}");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnly.replace(target, "{\"b\":1}".getBytes());
        assertEquals("rw-------", mode(target), "the new file, not the old one's mode");
    }

    @Test
    void aFailedReplaceKeepsTheOldFileAndRemovesItsTemporaryFile() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("settings.json")); // cannot be replaced by a file
        Files.writeString(target.resolve("inside"), "x");
        assertThrows(IOException.class, () -> OwnerOnly.replace(target, "{}".getBytes()));
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of("settings.json"), names(tmp));
    }

    @Test
    void folderCreatesOwnerOnlyAndNarrowsAnOldFolderOfOurs() throws Exception {
        Path fresh = OwnerOnly.folder(tmp.resolve("a/b/logs"));
        assertEquals("rwx------", mode(fresh));
        Path old = Files.createDirectory(tmp.resolve("old"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        OwnerOnly.folder(old);
        assertEquals("rwx------", mode(old));
    }

    @Test
    void folderFollowsALinkTheUserMadeAndNarrowsItsTarget() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("dotfiles"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path link = Files.createSymbolicLink(tmp.resolve("ponte"), target);
        OwnerOnly.folder(link);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("rwx------", mode(target));
    }

    @Test
    void fileCreatesOwnerOnlyNarrowsAnOldOneAndRefusesALink() throws Exception {
        Path log = tmp.resolve("ponte.log");
        OwnerOnly.file(log);
        assertEquals("rw-------", mode(log));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(log, "kept");
        OwnerOnly.file(log);
        assertEquals("rw-------", mode(log));
        assertEquals("kept", Files.readString(log));
        Path link = Files.createSymbolicLink(tmp.resolve("other.log"), log);
        IOException e = assertThrows(IOException.class, () -> OwnerOnly.file(link));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }
}
