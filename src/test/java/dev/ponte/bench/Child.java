package dev.ponte.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process of the benchmark whose output (stdout and stderr merged) is read line by line, kept, and copied to a
 * log file; {@link #await} blocks until a line matches, the process ends, or a deadline passes.
 */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean eof;
    /** Lines before this index were consumed by an earlier {@link #await}. */
    private int cursor;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> pump(log), "bench-read-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code builder} (stderr merged into stdout) and registers the process with {@code cleanup}. */
    static Child start(String name, ProcessBuilder builder, Path log, Cleanup cleanup) {
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = builder.start();
            Child child = new Child(name, p, log);
            cleanup.add(child);
            return child;
        } catch (IOException e) {
            throw new BenchException("cannot start " + name + " (" + String.join(" ", builder.command()) + "): "
                    + e.getMessage(), e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(line);
                out.flush();
                lock.lock();
                try {
                    lines.add(line);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // process killed or log dir removed: end of output either way
        } finally {
            lock.lock();
            try {
                eof = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits for the next line (after those matched by earlier calls) that matches {@code pattern}; fails with the
     * output's last lines if the process ends first or {@code deadline} passes.
     */
    Matcher await(String what, Pattern pattern, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        lock.lock();
        try {
            while (true) {
                for (; cursor < lines.size(); cursor++) {
                    Matcher m = pattern.matcher(lines.get(cursor));
                    if (m.find()) {
                        cursor++;
                        return m;
                    }
                }
                if (eof) {
                    throw new BenchException(name + " ended (exit code " + exitCode() + ") before " + what
                            + "; its last output:\n" + tail(30));
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new BenchException("timed out after " + deadline.toSeconds() + " s waiting for " + what
                            + " from " + name + "; its last output:\n" + tail(30));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    /** All lines read so far. */
    List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    String tail(int n) {
        lock.lock();
        try {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } finally {
            lock.unlock();
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Waits up to {@code deadline} for the process to exit by itself; true if it did. */
    boolean waitForExit(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the process (and any it started): SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(5))) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(5));
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
