package dev.ponte.core.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.Journal.Kind;
import dev.ponte.core.connections.Journal.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state/journal.json");
    }

    private Journal journal() {
        return new Journal(new JournalFile(file()), Clock.systemUTC());
    }

    @Test
    void everyChangeIsOnDiskBeforeTheCallReturnsAndOwnerOnly() throws Exception {
        Journal j = journal();
        List<Journal.Entry> heard = new ArrayList<>();
        j.listen(heard::add);
        String op = j.started("kind-dev", "kind-dev", "Connect");
        j.creating(Kind.NETWORK, "gefyra-network-kind-dev", "kind-dev", "kind-dev", "unix:///d.sock", op);
        // A second reader sees it at once: it is on disk.
        Journal again = journal();
        assertEquals(Status.CREATING, again.find(Kind.NETWORK, "unix:///d.sock", "gefyra-network-kind-dev").orElseThrow().status());
        assertEquals(1, again.running().size());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())));
        j.created(Kind.NETWORK, "unix:///d.sock", "gefyra-network-kind-dev");
        j.removed(Kind.NETWORK, "unix:///d.sock", "gefyra-network-kind-dev");
        j.ended(op);
        assertTrue(journal().entries().isEmpty());
        assertTrue(journal().running().isEmpty());
        assertEquals(List.of(Status.CREATING, Status.CREATED), heard.stream().filter(x -> x != null).map(Journal.Entry::status).toList()
                .subList(0, 2));
        try (var leftovers = Files.list(file().getParent())) {
            assertEquals(List.of(file()), leftovers.toList(), "no temporary files stay behind");
        }
    }

    @Test
    void identitiesAreFixedTheFirstTimeAndNeverReused() {
        Journal j = journal();
        Journal.Identity a = j.identity("prod.eu", "dev@laptop");
        assertEquals(a, journal().identity("prod.eu", "other@host"), "the recorded names win");
        Journal.Identity b = j.identity("prod_eu", "dev@laptop");
        assertFalse(a.connection().equals(b.connection()));
    }

    @Test
    void anUnreadableJournalIsMovedAsideAndANewOneStarts() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{ not json");
        Journal j = journal();
        assertTrue(j.entries().isEmpty());
        try (var files = Files.list(file().getParent())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("journal.json.unreadable-")));
        }
    }

    @Test
    void aJournalWithNullsAndUnknownFieldsStillLoads() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":1,\"identities\":null,\"entries\":[null],\"running\":[],\"future\":true}");
        Journal j = journal();
        assertTrue(j.entries().isEmpty());
        assertTrue(j.identities().isEmpty());
    }
}
