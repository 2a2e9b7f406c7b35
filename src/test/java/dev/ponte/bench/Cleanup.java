package dev.ponte.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the benchmark must undo: processes, servers, temp dirs. Closed in reverse order, once, at the end of the run or
 * from the shutdown hook (Ctrl+C), whichever comes first.
 */
final class Cleanup implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    Cleanup() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-cleanup"));
    }

    synchronized <T extends AutoCloseable> T add(T resource) {
        if (closed) {
            closeQuietly(resource);
            throw new BenchException("the benchmark is shutting down");
        }
        resources.push(resource);
        return resource;
    }

    /** Closes {@code resource} now (if still registered) and forgets it. */
    void closeNow(AutoCloseable resource) {
        boolean mine;
        synchronized (this) {
            mine = resources.remove(resource);
        }
        if (mine) {
            closeQuietly(resource);
        }
    }

    Path tempDir(Path dir) {
        add(() -> deleteTree(dir));
        return dir;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                closed = true;
                next = resources.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("bench: cleanup of " + resource + " failed: " + e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
