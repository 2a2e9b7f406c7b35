package dev.ponte.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class PrivateDirectoryTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static UserPrincipal user(String name) throws Exception {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
    }

    @Test
    void aMissingFolderIsCreatedOwnerOnlyWithItsParents() throws Exception {
        Path dir = tmp.resolve("state/ponte/private");
        PrivateDirectory pd = PrivateDirectory.open(dir);
        assertEquals(dir, pd.path());
        assertEquals("rwx------", mode(dir));
        assertEquals(OwnerOnly.currentUser(), Files.getOwner(dir));
        assertEquals(pd.path(), PrivateDirectory.open(dir).path(), "its own folder is accepted the next time");
    }

    @Test
    void aFolderOfAnotherUserIsRefusedWithTheOwnerAndTheFix() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("ponte"), PosixFilePermissions.asFileAttribute(OwnerOnly.DIR));
        UserPrincipal owner = Files.getOwner(dir);
        UserPrincipal someoneElse = user(owner.getName().equals("nobody") ? "root" : "nobody");
        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class, () -> PrivateDirectory.open(dir, someoneElse));
        assertTrue(e.getMessage().contains("belongs to user '" + owner.getName() + "', not to you ('" + someoneElse.getName() + "')"),
                e.getMessage());
        assertTrue(e.getMessage().contains("rm -r " + dir), e.getMessage());
    }

    @Test
    void aFolderAnotherUserCreatedFirstIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a folder away");
        Path dir = Files.createDirectory(tmp.resolve("planted"), PosixFilePermissions.asFileAttribute(OwnerOnly.DIR));
        Files.setOwner(dir, user("nobody"));
        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class, () -> PrivateDirectory.open(dir));
        assertTrue(e.why().contains("belongs to user 'nobody'"), e.getMessage());
        assertEquals(user("nobody"), Files.getOwner(dir), "left as it was");
    }

    @Test
    void aFolderOthersMayEnterIsRefusedAndNotWidenedOrNarrowed() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("ponte"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class, () -> PrivateDirectory.open(dir));
        assertTrue(e.getMessage().contains("its mode is rwxr-xr-x, not rwx------"), e.getMessage());
        assertEquals("rwxr-xr-x", mode(dir));
    }

    @Test
    void aSymbolicLinkIsRefusedEvenToAPrivateFolderOfOurs() throws Exception {
        Path real = PrivateDirectory.open(tmp.resolve("real")).path();
        Path link = Files.createSymbolicLink(tmp.resolve("ponte"), real);
        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class, () -> PrivateDirectory.open(link));
        assertTrue(e.getMessage().contains("symbolic link (to " + real + ")"), e.getMessage());
    }

    @Test
    void aFileInItsPlaceIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("ponte"), "x");
        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class, () -> PrivateDirectory.open(file));
        assertTrue(e.why().contains("a file, not a folder"), e.getMessage());
    }

    @Test
    void filesAreNewOwnerOnlyAndUniquelyNamed() throws Exception {
        PrivateDirectory pd = PrivateDirectory.open(tmp.resolve("p"));
        Path a = pd.createFile("ponte-kubeconfig-1-", ".yaml", "token: a".getBytes(StandardCharsets.UTF_8));
        Path b = pd.createFile("ponte-kubeconfig-1-", ".yaml", "token: b".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(a, b);
        assertEquals("rw-------", mode(a));
        assertEquals("rw-------", mode(b));
        assertEquals("token: a", Files.readString(a));
        assertTrue(a.getFileName().toString().matches("ponte-kubeconfig-1-[0-9a-f]{16}\\.yaml"), a.toString());
    }

    @Test
    void aNewFileIsNeverWrittenThroughAPlantedLink() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "original");
        Path planted = Files.createSymbolicLink(tmp.resolve("planted.yaml"), victim);
        assertThrows(FileAlreadyExistsException.class, () -> OwnerOnly.writeNew(planted, "secret".getBytes(), false));
        assertEquals("original", Files.readString(victim));
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.yaml"), tmp.resolve("nowhere"));
        assertThrows(FileAlreadyExistsException.class, () -> OwnerOnly.writeNew(dangling, "secret".getBytes(), false));
        assertFalse(Files.exists(tmp.resolve("nowhere")));
    }

    @Test
    void theRuntimeFolderIsPreferredAndTheStateFolderIsTheFallback() {
        Path state = Path.of("/home/me/.local/state/ponte");
        assertEquals(Path.of("/run/user/1000/ponte"), PrivateDirectory.defaultLocation(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), state));
        assertEquals(state.resolve("private"), PrivateDirectory.defaultLocation(Map.of(), state));
        assertEquals(state.resolve("private"), PrivateDirectory.defaultLocation(Map.of("XDG_RUNTIME_DIR", "relative/dir"), state));
        assertEquals(state.resolve("private"), PrivateDirectory.defaultLocation(Map.of("XDG_RUNTIME_DIR", " "), state));
    }
}
