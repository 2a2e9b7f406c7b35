package dev.ponte.app;

import dev.ponte.core.files.OwnerOnly;
import dev.ponte.core.files.PrivateDirectory;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ponte per user: two would race on the settings, the journal and the connections. The first Ponte holds a
 * lock on {@code <state>/instance.lock} (an owner-only file; the operating system releases it when the process
 * ends, however it ends) and listens on a Unix-domain socket {@code instance.sock} in its {@link PrivateDirectory}
 * (only this user can reach it). A second start finds the lock taken, connects, hands over its arguments (files
 * made absolute against its own folder) and exits; the first brings its window to the front and opens them.
 *
 * <p>The request on the socket is {@link InstanceRequests}'. No JavaFX here: the app passes a callback.
 */
public final class SingleInstance implements AutoCloseable {
    /** How long a second start waits for the first to answer (it may be just starting, or stopping). */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** How long the first waits for a request once connected: a client that stalls is dropped. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    static final String LOCK = "instance.lock";
    static final String SOCKET = "instance.sock";

    /** Not a constant: the first logger starts logback (~0.3 s), which Main leaves to a background thread. */
    private static Logger log() {
        return LoggerFactory.getLogger(SingleInstance.class);
    }

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path socket;
    private final ServerSocketChannel server;
    private final ScheduledExecutorService timeouts;
    private final List<List<String>> pending = new ArrayList<>();
    private Consumer<List<String>> handler;
    private volatile boolean closed;

    private SingleInstance(FileChannel lockChannel, FileLock lock, Path socket, ServerSocketChannel server) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.socket = socket;
        this.server = server;
        this.timeouts = server == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ponte-instance-timeout");
            t.setDaemon(true);
            return t;
        });
        if (server != null) {
            Thread.ofPlatform().daemon().name("ponte-instance").start(this::serve);
        }
    }

    /** A second start that handed its arguments to the running Ponte; it should exit now. */
    public static final class HandedOver extends Exception {
        HandedOver(long pid) {
            super("Ponte is already running" + (pid > 0 ? " (process " + pid + ")" : "")
                    + "; its window was brought to the front and given this start's arguments.");
        }
    }

    /**
     * Becomes the one Ponte of this user, or hands {@code args} to the one that runs.
     *
     * @param stateDir   where the lock file lives
     * @param privateDir where the socket lives (created private, see {@link PrivateDirectory})
     * @return the instance that is the one Ponte now; close it on exit
     * @throws HandedOver when another Ponte runs and took the arguments: exit
     * @throws IOException when another Ponte runs but does not answer within {@link #WAIT}, or the files cannot be
     *                     made (the message says which)
     */
    public static SingleInstance start(Path stateDir, Path privateDir, List<String> args) throws IOException, HandedOver {
        return start(stateDir, privateDir, args, WAIT);
    }

    static SingleInstance start(Path stateDir, Path privateDir, List<String> args, Duration wait)
            throws IOException, HandedOver {
        Path lockFile = OwnerOnly.folder(stateDir).resolve(LOCK);
        Path socket = PrivateDirectory.open(privateDir).path().resolve(SOCKET);
        List<String> absolute = InstanceRequests.absolute(args);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            SingleInstance primary = tryPrimary(lockFile, socket);
            if (primary != null) {
                return primary;
            }
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && InstanceRequests.send(socket, absolute)) {
                throw new HandedOver(readPid(lockFile));
            }
            // The running Ponte is between taking the lock and listening (or between closing and unlocking).
            if (!awaitSocket(socket, deadline)) {
                if (tryPrimary(lockFile, socket) instanceof SingleInstance late) {
                    return late;
                }
                long pid = readPid(lockFile);
                throw new IOException("Ponte is already running" + (pid > 0 ? " (process " + pid + ")" : "")
                        + " but did not answer within " + wait.toSeconds() + " s. Close it (or end that process), then start Ponte again.");
            }
        }
    }

    /** The lock and the listening socket, or null when another Ponte holds the lock. */
    private static SingleInstance tryPrimary(Path lockFile, Path socket) throws IOException {
        FileChannel channel = openLockFile(lockFile);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another instance in this JVM (tests)
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        try {
            channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new SingleInstance(channel, lock, socket, listen(socket));
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    private static FileChannel openLockFile(Path lockFile) throws IOException {
        try {
            return FileChannel.open(lockFile, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), ownerOnly());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    /**
     * Binds under a temporary name and renames into place, so that {@code instance.sock} exists only once it is
     * listening. Holding the lock, any socket file left there is a dead Ponte's.
     */
    private static ServerSocketChannel listen(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        Path temporary = socket.resolveSibling(SOCKET + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temporary);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(temporary));
            try {
                Files.move(temporary, socket, StandardCopyOption.ATOMIC_MOVE);
                return server;
            } catch (IOException notMovable) { // a file system that cannot rename a socket: bind in place
                server.close();
                Files.deleteIfExists(temporary);
                server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(socket));
                return server;
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Waits (on file events, not a clock) until the socket appears or the deadline passes. */
    private static boolean awaitSocket(Path socket, long deadline) throws IOException {
        try (WatchService watch = socket.getFileSystem().newWatchService()) {
            socket.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE); // a rename into place too
            while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    return Files.exists(socket, LinkOption.NOFOLLOW_LINKS);
                }
                key.pollEvents();
                key.reset();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    private void serve() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log().warn("Single-instance socket failed: {}", e.toString());
                }
                return;
            }
            Thread.ofVirtual().name("ponte-instance-request").start(() -> handle(client));
        }
    }

    private void handle(SocketChannel client) {
        var timeout = timeouts.schedule(() -> close(client), READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try (client) {
            List<String> args = InstanceRequests.read(Channels.newInputStream(client));
            OutputStream raw = Channels.newOutputStream(client);
            DataOutputStream out = new DataOutputStream(raw);
            out.writeUTF("OK");
            out.flush();
            deliver(args);
        } catch (IOException e) {
            log().info("Ignored a request on the single-instance socket: {}", e.getMessage());
        } finally {
            timeout.cancel(false);
        }
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing a stalled client
        }
    }

    /**
     * Who gets the arguments of later starts (on a background thread; hop to the UI thread yourself). Requests that
     * came before the handler was set are delivered to it now, in order.
     */
    public void onRequest(Consumer<List<String>> handler) {
        List<List<String>> early;
        synchronized (this) {
            this.handler = handler;
            early = List.copyOf(pending);
            pending.clear();
        }
        early.forEach(handler);
    }

    private void deliver(List<String> args) {
        Consumer<List<String>> h;
        synchronized (this) {
            h = handler;
            if (h == null) {
                pending.add(args);
                return;
            }
        }
        h.accept(args);
    }

    private static long readPid(Path lockFile) {
        try {
            return Long.parseLong(Files.readString(lockFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Stops listening, removes the socket, then releases the lock (in that order: a new Ponte may take over). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log().debug("Closing the single-instance socket: {}", e.toString());
        }
        timeouts.shutdownNow();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log().debug("Releasing the single-instance lock: {}", e.toString());
        }
    }
}
