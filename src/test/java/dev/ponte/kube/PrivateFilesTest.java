package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class PrivateFilesTest {
    @TempDir
    Path tmp;

    @Test
    void kubeconfigCopiesAreOwnerOnlyInAFolderPonteMadePrivate() throws Exception {
        Path dir = tmp.resolve("run/ponte");
        Path file = PrivateFiles.in(dir).writeTemp("ponte-kubeconfig-", "users: [{name: u, user: {token: t}}]");
        assertEquals(dir, file.getParent());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(file.getFileName().toString().startsWith("ponte-kubeconfig-" + ProcessHandle.current().pid() + "-"));
    }

    @Test
    void anUnsafeFolderStopsTheConnectionWithAProblemThatSaysWhatToDo() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("ponte"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        PonteException e = assertThrows(PonteException.class, () -> PrivateFiles.in(dir).writeTemp("ponte-kubeconfig-", "x"));
        Problem p = e.problem();
        assertEquals(Problem.Kind.REFUSED, p.kind());
        assertEquals("Ponte's private folder is not safe", p.title());
        assertTrue(p.detail().contains(dir.toString()) && p.detail().contains("rwxrwxrwx"), p.detail());
        assertTrue(p.advice().contains("rm -r " + dir), p.advice());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing was written there");
        }
    }

    @Test
    void theSweepRemovesFilesOfProcessesThatAreGoneAndKeepsLiveOnes() throws Exception {
        PrivateFiles files = PrivateFiles.in(tmp.resolve("p"));
        Path mine = files.writeTemp("ponte-kubeconfig-", "mine");
        Path stale = tmp.resolve("p/ponte-kubeconfig-999999999-0123456789abcdef.yaml");
        Files.writeString(stale, "left by a killed Ponte");
        files.sweepStale();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(mine));
    }

    @Test
    void withoutARuntimeFolderEachProcessGetsAPrivateFolderAndGoneOnesAreSwept() throws Exception {
        PrivateFiles files = PrivateFiles.forEnvironment(Map.of());
        Path file = files.writeTemp("ponte-kubeconfig-", "x");
        Path dir = file.getParent();
        try {
            assertTrue(dir.getFileName().toString().startsWith("ponte-private-" + ProcessHandle.current().pid() + "-"), dir.toString());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            Path gone = Files.createTempDirectory("ponte-private-999999999-");
            Files.writeString(gone.resolve("ponte-kubeconfig-999999999-00.yaml"), "stale");
            files.sweepStale();
            assertFalse(Files.exists(gone), "a dead process's folder goes");
            assertTrue(Files.exists(file), "this process's stays");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void theFolderTheAppPassesIsUsed() {
        Path file = PrivateFiles.in(tmp.resolve("state/private")).writeTemp("ponte-kubeconfig-", "x");
        assertEquals(tmp.resolve("state/private"), file.getParent());
    }

    @Test
    void theRuntimeFolderIsUsedWhenTheSessionHasOne() {
        PrivateFiles files = PrivateFiles.forEnvironment(Map.of("XDG_RUNTIME_DIR", tmp.toString()));
        Path file = files.writeTemp("ponte-kubeconfig-", "x");
        assertEquals(tmp.resolve("ponte"), file.getParent());
    }

    @Test
    void onlyLiveSessionFilesAreRememberedForExitSoTheListDoesNotGrowWithEverySession() throws Exception {
        PrivateFiles files = PrivateFiles.in(tmp.resolve("run/ponte"));
        for (int i = 0; i < 500; i++) {
            files.delete(files.writeTemp("ponte-kubeconfig-", "session " + i));
        }
        assertEquals(0, files.liveFiles(), "closed sessions leave nothing to remember");
        Path open = files.writeTemp("ponte-kubeconfig-", "still open");
        assertEquals(1, files.liveFiles());

        files.deleteAtExit();

        assertFalse(Files.exists(open), "a session still open at exit has its file removed");
        assertEquals(0, files.liveFiles());
        try (var left = Files.list(tmp.resolve("run/ponte"))) {
            assertEquals(0, left.count());
        }
    }
}
