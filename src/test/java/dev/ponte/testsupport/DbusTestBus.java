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
