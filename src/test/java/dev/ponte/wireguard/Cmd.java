package dev.ponte.wireguard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short command with a deadline; stdout and stderr are kept apart (a key must not catch a warning). */
public final class Cmd {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }
    }

    private Cmd() {
    }

    public static Result run(String... command) {
        return run(DEFAULT_TIMEOUT, null, command);
    }

    /** Runs {@code command}, feeding {@code stdin} if not null; a command that overruns is killed and fails. */
    public static Result run(Duration timeout, String stdin, String... command) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        } catch (ExecutionException e) {
            throw new AssertionError("could not read the output of " + String.join(" ", command), e);
        }
    }

    /** Runs {@code command} and returns its trimmed stdout; a non-zero exit fails with stderr. */
    public static String ok(String... command) {
        Result r = run(command);
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit() + ": " + r.err().strip());
        }
        return r.out().strip();
    }

    public static String ok(List<String> command) {
        return ok(command.toArray(String[]::new));
    }

    /** Whether every one of {@code tools} is on the PATH. */
    public static List<String> missing(String... tools) {
        return java.util.Arrays.stream(tools)
                .filter(t -> !run("sh", "-c", "command -v " + t + " >/dev/null").ok())
                .toList();
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }
}
