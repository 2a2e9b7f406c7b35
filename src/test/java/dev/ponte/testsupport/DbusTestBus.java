package dev.ponte.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real D-Bus session bus for the desktop-integration tests (group {@code dbus}): the one {@code .ci/services.d/60-dbus.sh}
 * started ({@code PONTE_TEST_DBUS_ADDRESS}), else a private {@code dbus-daemon --session} of the test's own, stopped at
 * {@link #close}. Without {@code dbus-daemon} (Debian packages {@code dbus-daemon dbus-bin}) the test is skipped — or
 * fails when {@code PONTE_EXPECT_DBUS=1} says the bus must be there.
 */
public final class DbusTestBus implements AutoCloseable {
    public final String address;
    private final Process daemon;

    private DbusTestBus(String address, Process daemon) {
        this.address = address;
        this.daemon = daemon;
    }

    public static DbusTestBus start() throws Exception {
        boolean expected = "1".equals(System.getenv("PONTE_EXPECT_DBUS"));
        String given = System.getenv("PONTE_TEST_DBUS_ADDRESS");
        if (given != null && !given.isBlank()) {
            return new DbusTestBus(given, null);
        }
        Optional<Path> exe = onPath("dbus-daemon");
        if (exe.isEmpty()) {
            if (expected) {
                Assertions.fail("PONTE_EXPECT_DBUS=1 but neither PONTE_TEST_DBUS_ADDRESS nor dbus-daemon is there "
                        + "(.ci/packages.d/dbus.txt, .ci/services.d/60-dbus.sh)");
            }
            Assumptions.abort("the D-Bus tests need dbus-daemon (apt-get install --no-install-recommends dbus-daemon dbus-bin)");
        }
        Process p = new ProcessBuilder(exe.get().toString(), "--session", "--nofork", "--nopidfile", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String address;
        try {
            address = line.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("dbus-daemon printed no address within 15 s", e);
        }
        if (address == null || address.isBlank()) {
            p.destroyForcibly();
            throw new AssertionError("dbus-daemon ended without an address (exit " + p.waitFor() + ")");
        }
        return new DbusTestBus(address.trim(), p);
    }

    /** An environment whose session bus is this one. */
    public Map<String, String> env() {
        return Map.of("DBUS_SESSION_BUS_ADDRESS", address);
    }

    @Override
    public void close() throws InterruptedException {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        forgetRepliesToClosedConnections();
    }

    /**
     * dbus-java answers a call that was still being handled when its connection closed on one of the connection's own
     * threads, and throws {@code NotConnected} there, uncaught. The class's connections are closed by now: once their
     * threads have ended, such teardown exceptions (which TestFX collects from every thread and would throw into the next
     * UI test class) are dropped; any other exception collected meanwhile is thrown here.
     */
    private static void forgetRepliesToClosedConnections() {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().startsWith("DBus-")));
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            // a connection shared beyond this class: what its threads throw later is not this class's teardown
        }
        while (true) {
            try {
                org.testfx.util.WaitForAsyncUtils.checkException();
                return;
            } catch (Throwable t) {
                boolean teardown = false;
                for (Throwable c = t; c != null && !teardown; c = c.getCause() == c ? null : c.getCause()) {
                    teardown = c instanceof org.freedesktop.dbus.exceptions.NotConnected;
                }
                if (!teardown && t instanceof RuntimeException r) {
                    throw r;
                }
                if (!teardown) {
                    throw new AssertionError(t);
                }
            }
        }
    }

    private static Optional<Path> onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return Optional.of(Path.of(d, name));
            }
        }
        return Optional.empty();
    }
}
