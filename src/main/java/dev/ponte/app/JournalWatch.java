package dev.ponte.app;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.Journal;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window learns at once what the command line (or another Ponte) did: a watch on the journal's folder; when the
 * journal changed and not by this process, the connections are looked at again ({@link
 * ConnectionService#journalChangedElsewhere}) — a connection made by {@code ponte up} appears, one removed by
 * {@code ponte down} leaves. On Linux the watch is inotify (immediate); where the JDK polls (macOS) it takes seconds.
 */
public final class JournalWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWatch.class);
    private final WatchService watcher;
    private final Thread thread;

    private JournalWatch(WatchService watcher, Thread thread) {
        this.watcher = watcher;
        this.thread = thread;
    }

    /** Starts watching {@code journalFile}'s folder (made if missing); null when the system offers no watch. */
    public static JournalWatch start(Path journalFile, Journal journal, ConnectionService connections) {
        Path dir = journalFile.toAbsolutePath().getParent();
        String name = journalFile.getFileName().toString();
        try {
            dev.ponte.core.files.OwnerOnly.folder(dir);
            WatchService watcher = FileSystems.getDefault().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Thread t = Thread.ofVirtual().name("ponte-journal-watch").unstarted(() -> loop(watcher, name, journal, connections));
            t.start();
            return new JournalWatch(watcher, t);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot watch {} for changes by the command line ({}); the window sees them at its next start", dir,
                    e.getMessage());
            return null;
        }
    }

    private static void loop(WatchService watcher, String name, Journal journal, ConnectionService connections) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.context() instanceof Path p && p.getFileName().toString().equals(name)) {
                        ours = true;
                    }
                }
                key.reset();
                if (ours && journal.changedElsewhere()) {
                    LOG.info("The journal changed in another Ponte process (the command line?): looking at the connections again");
                    connections.journalChangedElsewhere();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.warn("The journal watch stopped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("Closing the journal watch: {}", e.getMessage());
        }
        thread.interrupt();
    }
}
