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
            // The journal, the lock processes take to change it, and the folder of live operations' marks (empty now).
            assertEquals(java.util.Set.of(file(), file().resolveSibling("journal.json.lock"), file().resolveSibling("operations")),
                    java.util.Set.copyOf(leftovers.toList()), "no temporary files stay behind");
        }
        try (var marks = Files.list(file().resolveSibling("operations"))) {
            assertEquals(0, marks.count(), "an ended operation leaves no mark");
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

    @Test
    void twoProcessesSharingTheJournalKeepEachOthersEntries() {
        // The window and the command line: each has its journal on the same file, and neither overwrites the other.
        Journal window = journal();
        Journal cli = journal();
        String up = cli.started("kind-dev", "kind-dev", "Connect");
        cli.creating(Kind.NETWORK, "gefyra-network-kind-dev", "kind-dev", "kind-dev", "unix:///d.sock", up);
        window.creating(Kind.CONTAINER, "api-local", "prod", "prod", "unix:///d.sock", null);
        cli.created(Kind.NETWORK, "unix:///d.sock", "gefyra-network-kind-dev");
        Journal fresh = journal();
        assertEquals(2, fresh.entries().size(), fresh.entries().toString());
        assertEquals(Status.CREATED, fresh.find(Kind.NETWORK, "unix:///d.sock", "gefyra-network-kind-dev").orElseThrow().status());
        assertTrue(window.knownIdentity("kind-dev").isEmpty());
        cli.identity("kind-dev", "dev@laptop");
        window.refresh();
        assertTrue(window.knownIdentity("kind-dev").isPresent(), "a refresh reads what the other process wrote");
    }

    @Test
    void anOperationOfALiveProcessIsNotInterruptedButOneOfADeadProcessIs() {
        JournalFile cliFile = new JournalFile(file());
        Journal cli = new Journal(cliFile, Clock.systemUTC());
        Journal window = journal();
        String up = cli.started("kind-dev", "kind-dev", "Connect");
        assertEquals(List.of(up), window.runningElsewhere().stream().map(Journal.Running::id).toList());
        assertTrue(window.busyElsewhere("kind-dev").isPresent());
        assertTrue(cli.runningElsewhere().isEmpty(), "its own operation is not elsewhere");
        window.endedAll("kind-dev");
        assertEquals(1, journal().running().size(), "another live process's operation is its own to end");
        cliFile.close(); // the command line dies: the system releases its mark
        assertTrue(window.runningElsewhere().isEmpty());
        window.endedAll("kind-dev");
        assertTrue(journal().running().isEmpty());
    }
}
