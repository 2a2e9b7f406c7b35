package dev.ponte.wireguard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One userspace WireGuard interface: {@code wireguard-go -f <if>} inside a network namespace, verbose, its log
 * watched line by line so a test can wait for what it prints ("UAPI listener started", "Received handshake
 * response") instead of sleeping. {@code ip netns exec} and {@code env} exec, so the process is wireguard-go.
 */
public final class WireGuardGo {
    private record Waiter(String text, CompletableFuture<Long> seen) {
    }

    final String namespace;
    final String iface;
    private final Process process;
    private final List<Waiter> waiters = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private WireGuardGo(String namespace, String iface, Process process) {
        this.namespace = namespace;
        this.iface = iface;
        this.process = process;
    }

    /** Starts wireguard-go and waits (bounded) until its control socket listens. */
    public static WireGuardGo start(String namespace, String iface, Duration deadline) {
        Process p;
        try {
            p = new ProcessBuilder("ip", "netns", "exec", namespace, "env",
                    "WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1", "LOG_LEVEL=verbose", "wireguard-go", "-f", iface)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start wireguard-go", e);
        }
        WireGuardGo wg = new WireGuardGo(namespace, iface, p);
        CompletableFuture<Long> ready = wg.expect("UAPI listener started");
        Thread.ofVirtual().name("wireguard-go-" + iface).start(wg::read);
        wg.await(ready, deadline, "wireguard-go " + iface + " to open its control socket");
        return wg;
    }

    /** Registers interest in a future log line containing {@code text}; completes with its System.nanoTime(). */
    public synchronized CompletableFuture<Long> expect(String text) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        waiters.add(new Waiter(text, f));
        return f;
    }

    /** Waits for {@code seen} with a deadline; returns the nanoTime the line arrived. */
    public long await(CompletableFuture<Long> seen, Duration deadline, String what) {
        try {
            return seen.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for " + what
                    + "; its log ends with: " + tail(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("wireguard-go " + iface + " ended while waiting for " + what + ": " + tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash: wireguard-go leaves its control socket behind. */
    public void kill(Duration deadline) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("wireguard-go " + iface + " survived SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL if it does not end in time. */
    public void stop(Duration deadline) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(deadline);
        }
    }

    public synchronized String tail() {
        return String.join("\n", log.subList(Math.max(0, log.size() - 8), log.size()));
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                onLine(line, System.nanoTime());
            }
        } catch (IOException e) {
            // the process was killed; waiters are failed below
        }
        synchronized (this) {
            waiters.forEach(w -> w.seen().completeExceptionally(new IllegalStateException("wireguard-go ended")));
            waiters.clear();
        }
    }

    private synchronized void onLine(String line, long nanos) {
        log.add(line);
        if (log.size() > 200) {
            log.removeFirst();
        }
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (line.contains(w.text())) {
                w.seen().complete(nanos);
                it.remove();
            }
        }
    }
}
