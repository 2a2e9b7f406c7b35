package dev.ponte.kube;

import dev.ponte.core.files.OwnerOnly;
import dev.ponte.core.files.PrivateDirectory;
import dev.ponte.core.files.UnsafeDirectoryException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold credentials (the kubeconfig copies fabric8 re-reads when a token expires): created exclusively and
 * owner-only in Ponte's {@link PrivateDirectory}, deleted when done — and, should Ponte have been killed, swept away
 * by the next Ponte. The files still there when Ponte exits are deleted by one shutdown hook that knows only the live
 * ones ({@code File.deleteOnExit} would remember every file of every session until exit).
 */
final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    /** {@code <prefix><pid>-<random>.yaml}: the pid tells whether the owner still runs. */
    private static final Pattern OWNED = Pattern.compile(".*-(\\d+)-[0-9a-f]+\\.yaml");
    /** The folder of one process when no private folder was given (see {@link #forEnvironment}). */
    private static final String PER_PROCESS_PREFIX = "ponte-private-";
    private static final Pattern PER_PROCESS = Pattern.compile(Pattern.quote(PER_PROCESS_PREFIX) + "(\\d+)-\\d+");

    /** The folder, or null: a fresh folder of this process's, made on first use. */
    private final Path location;
    private Path perProcess;
    /** Files written and not yet deleted: what the exit hook removes. */
    private final java.util.Set<Path> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean hooked = new java.util.concurrent.atomic.AtomicBoolean();

    private PrivateFiles(Path location) {
        this.location = location;
    }

    /** Deletes what is still live, then this process's own folder (if it made one); at exit. */
    void deleteAtExit() {
        live.forEach(PrivateFiles::deleteQuietly);
        live.clear();
        Path own;
        synchronized (this) {
            own = perProcess;
        }
        if (own != null) {
            deleteQuietly(own);
        }
    }

    private void hookOnce() {
        if (hooked.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::deleteAtExit, "ponte-private-files-exit"));
        }
    }

    /** The files written and not yet deleted (a session's file lives as long as the session). */
    int liveFiles() {
        return live.size();
    }

    /** Files in {@code dir}, which Ponte creates private or checks (see {@link PrivateDirectory}). */
    static PrivateFiles in(Path dir) {
        return new PrivateFiles(dir);
    }

    /**
     * {@code $XDG_RUNTIME_DIR/ponte} when set; else a folder of this process's own, made {@code rwx------} with a
     * random name by the JDK (so no other user can have made it first) and swept when its process is gone (tests
     * and benchmarks that pass no folder; the app passes {@code AppPaths.privateDir()}).
     */
    static PrivateFiles forEnvironment(Map<String, String> env) {
        return new PrivateFiles(PrivateDirectory.runtimeLocation(env).orElse(null));
    }

    /** The folder in use (created and checked). */
    synchronized PrivateDirectory directory() throws IOException {
        if (location != null) {
            return PrivateDirectory.open(location);
        }
        if (perProcess == null) {
            perProcess = OwnerOnly.newTempFolder(PER_PROCESS_PREFIX + ProcessHandle.current().pid() + "-");
            hookOnce(); // removes it at exit, after its files
        }
        return PrivateDirectory.open(perProcess);
    }

    /**
     * A new owner-only file holding {@code content}.
     *
     * @throws PonteException when the private folder is not safe to use (its message says why and what to do)
     */
    Path writeTemp(String prefix, String content) {
        try {
            Path file = directory().createFile(prefix + ProcessHandle.current().pid() + "-", ".yaml",
                    content.getBytes(StandardCharsets.UTF_8));
            live.add(file);
            hookOnce();
            return file;
        } catch (UnsafeDirectoryException e) {
            throw new PonteException(new Problem(Problem.Kind.REFUSED, "Ponte's private folder is not safe",
                    "Ponte keeps a copy of the context's credentials in " + e.dir() + " while connected, but "
                            + e.why() + ".", e.fix()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a private temporary file: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Deletes files left by Ponte processes that no longer run (killed before they could clean up). */
    void sweepStale() {
        if (location == null) {
            sweepPerProcessFolders();
            return;
        }
        if (!Files.isDirectory(location, LinkOption.NOFOLLOW_LINKS)) {
            return; // nothing was ever written
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory().path(), "*.yaml")) {
            for (Path f : files) {
                Matcher m = OWNED.matcher(f.getFileName().toString());
                if (m.matches() && !alive(m.group(1))) {
                    deleteQuietly(f);
                    LOG.info("Removed {} left by an earlier Ponte", f.getFileName());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Sweeping stale private files failed: {}", e.toString());
        }
    }

    /** The folders of processes that are gone, in the temporary folder, if they are this user's. */
    private static void sweepPerProcessFolders() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PER_PROCESS_PREFIX + "*")) {
            for (Path d : dirs) {
                Matcher m = PER_PROCESS.matcher(d.getFileName().toString());
                if (m.matches() && !alive(m.group(1)) && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)
                        && Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).equals(OwnerOnly.currentUser())) {
                    deleteTree(d);
                    LOG.info("Removed {} left by an earlier Ponte", d.getFileName());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Sweeping stale private folders failed: {}", e.toString());
        }
    }

    private static boolean alive(String pid) {
        return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes a file {@link #writeTemp} wrote (its session ended); the exit hook forgets it. */
    void delete(Path file) {
        live.remove(file);
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary file {}: {}", file, e.getMessage());
        }
    }
}
