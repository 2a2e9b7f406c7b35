package dev.ponte.core.connections;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ponte.core.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on disk: one small JSON file, replaced atomically on each change (owner-only, fsync'ed). A file that
 * cannot be read is moved aside and the journal starts empty; the labels on engine and cluster objects are the
 * fallback for what it would have known.
 *
 * <p>Several Ponte processes (the window, the command line) share it: changes are made holding a lock on
 * {@code journal.json.lock} (a file lock across processes, a lock per file inside one), and each operation in flight
 * holds a lock on its own file under {@code operations/} for as long as it runs, which the system releases when the
 * process ends however it ends: another process tells a live operation from an interrupted one by trying that lock.
 */
public final class JournalFile implements Journal.Store, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
    /** Inside one JVM, file locks do not exclude each other: one lock per journal file. */
    private static final java.util.Map<Path, java.util.concurrent.locks.ReentrantLock> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Operation ids as {@link Journal#started} makes them. */
    private static final java.util.regex.Pattern OPERATION_ID = java.util.regex.Pattern.compile("[A-Za-z ]{1,40}#[0-9a-f]{8}");
    private final Path file;
    private final java.util.Map<String, java.nio.channels.FileLock> operations = new java.util.HashMap<>();
    private byte[] lastSeen;
    /** Data binding is set up at the first read or write, not when the core services are built before the first frame. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public JournalFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    @Override
    public Journal.Data load() {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Journal.Data.EMPTY;
        }
        try {
            if (Files.isSymbolicLink(file)) {
                throw new IOException("it is a symbolic link");
            }
            byte[] bytes = Files.readAllBytes(file);
            lastSeen = bytes;
            Journal.Data d = Json.MAPPER.readValue(bytes, Journal.Data.class);
            return d == null ? Journal.Data.EMPTY : d;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            LOG.warn("Journal {} could not be read ({}); starting a new one and keeping the old one as {}. "
                    + "Objects Ponte made are still found by their labels.", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not move {} aside: {}", file, moveFailed.getMessage());
            }
            return Journal.Data.EMPTY;
        }
    }

    @Override
    public void save(Journal.Data data) {
        try {
            OwnerOnly.folder(file.toAbsolutePath().getParent());
            byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(data);
            OwnerOnly.replace(file, bytes);
            lastSeen = bytes;
        } catch (IOException e) {
            // Without the journal Ponte must not create anything it could lose track of.
            throw new UncheckedIOException("Could not write Ponte's journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T exclusive(java.util.function.Supplier<T> work) {
        java.util.concurrent.locks.ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(),
                f -> new java.util.concurrent.locks.ReentrantLock());
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return work.get();
            }
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try {
                OwnerOnly.folder(file.toAbsolutePath().getParent());
                if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                    OwnerOnly.file(lockFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the journal's lock " + lockFile + ": " + e.getMessage(), e);
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                 java.nio.channels.FileLock ignored = ch.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not lock Ponte's journal " + lockFile + ": " + e.getMessage(), e);
            }
        } finally {
            local.unlock();
        }
    }

    @Override
    public boolean changedElsewhere() {
        try {
            byte[] now = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
            return !java.util.Arrays.equals(now, lastSeen);
        } catch (IOException e) {
            LOG.warn("Could not read {} to look for changes: {}", file, e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized void operationStarted(String id) {
        Path mark = mark(id);
        if (mark == null) {
            return;
        }
        try {
            OwnerOnly.folder(mark.getParent());
            if (!Files.exists(mark, LinkOption.NOFOLLOW_LINKS)) {
                OwnerOnly.file(mark);
            }
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(mark, java.nio.file.StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            java.nio.channels.FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                LOG.warn("Operation {} is marked live by another process already", id);
            } else {
                operations.put(id, lock);
            }
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            LOG.warn("Could not mark operation {} as live: {}", id, e.toString());
        }
    }

    @Override
    public synchronized void operationEnded(String id) {
        java.nio.channels.FileLock lock = operations.remove(id);
        Path mark = mark(id);
        try {
            if (mark != null) {
                Files.deleteIfExists(mark);
            }
            if (lock != null) {
                lock.channel().close();
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the live mark of {}: {}", id, e.getMessage());
        }
    }

    @Override
    public synchronized boolean runningElsewhere(String id) {
        if (operations.containsKey(id)) {
            return false;
        }
        Path mark = mark(id);
        if (mark == null || !Files.isRegularFile(mark, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(mark, java.nio.file.StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            java.nio.channels.FileLock lock = ch.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            Files.deleteIfExists(mark); // its process ended without ending it: interrupted
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // another journal in this JVM runs it
        } catch (IOException e) {
            LOG.warn("Could not check whether operation {} still runs: {}", id, e.getMessage());
            return false;
        }
    }

    /**
     * This process is done with the journal: the live marks of operations it has not ended are released, as the
     * system releases them when a process ends however it ends (the next reconcile then takes them for interrupted).
     */
    @Override
    public synchronized void close() {
        for (java.nio.channels.FileLock lock : operations.values()) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                LOG.debug("Closing a live mark: {}", e.getMessage());
            }
        }
        operations.clear();
    }

    /** The operation's live mark, or null for an id that is not one Ponte makes (the file is not to be trusted). */
    private Path mark(String id) {
        if (id == null || !OPERATION_ID.matcher(id).matches()) {
            return null;
        }
        return file.resolveSibling("operations").resolve(id.replace(' ', '-').replace('#', '-') + ".lock");
    }
}
