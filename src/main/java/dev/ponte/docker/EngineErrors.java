package dev.ponte.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java's exceptions into {@link PonteException}s with a {@link Problem} the user can act on.
 * The original exception stays the cause, so the JDK exception underneath (ConnectException,
 * SocketException, SocketTimeoutException, ...) is still in the chain for logs and diagnostics.
 */
final class EngineErrors {
    /** Engines answer errors as {@code {"message":"..."}}; docker-java puts that body into its message. */
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX_DEPTH = 16;

    private EngineErrors() {
    }

    /**
     * @param endpoint the engine's address, e.g. {@code unix:///var/run/docker.sock}
     * @param action   what was being done, in words ("create the container gefyra-cargo-default")
     */
    static PonteException translate(RuntimeException e, String endpoint, String action) {
        if (e instanceof PonteException pe) {
            return pe;
        }
        if (e instanceof DockerException de) {
            return fromStatus(de, endpoint, action);
        }
        Throwable io = ioCause(e);
        if (io instanceof ClosedByInterruptException || io instanceof CancellationException
                || io instanceof InterruptedException) {
            return new PonteException(new Problem(Problem.Kind.CANCELLED, "Cancelled",
                    "Stopped while waiting to " + action + ".", "Start it again when you are ready."), e);
        }
        if (io instanceof SocketTimeoutException) {
            return new PonteException(new Problem(Problem.Kind.TIMEOUT, "The container engine did not answer in time",
                    "Could not " + action + ": " + endpoint + " accepted the connection but did not answer.",
                    "Check that the engine is not stuck (restart " + product(endpoint) + "), then press Retry."), e);
        }
        if (io instanceof IOException ioe) {
            return notRunning(e, ioe, endpoint, action);
        }
        return new PonteException(new Problem(Problem.Kind.UNKNOWN, "The container engine failed",
                "Could not " + action + ": " + describe(e), "Try again. If it keeps failing, use Copy diagnostics."), e);
    }

    /** The engine's own words from an error response, or the exception's message. */
    static String engineMessage(DockerException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = MESSAGE.matcher(msg);
        String text = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", " ") : msg;
        return text.strip();
    }

    private static PonteException fromStatus(DockerException e, String endpoint, String action) {
        int status = e.getHttpStatus();
        String said = engineMessage(e);
        String detail = "Could not " + action + ". The engine at " + endpoint + " answered " + status
                + (said.isEmpty() ? "." : ": " + said);
        Problem specific = RunErrors.recognise(said, detail, endpoint);
        if (specific != null) {
            return new PonteException(specific, e);
        }
        Problem problem = switch (status) {
            case 404 -> new Problem(Problem.Kind.NOT_FOUND, "Not found in the container engine", detail,
                    "Check that the image, container or network still exists, then press Retry.");
            case 409 -> new Problem(Problem.Kind.UNKNOWN, "Conflict in the container engine", detail,
                    "Something is in the way (a leftover of the same name, a stopped container, a network in use):"
                            + " remove it or let Ponte clean up the connection, then press Retry.");
            case 401, 403 -> new Problem(Problem.Kind.FORBIDDEN, "The container engine refused the request", detail,
                    "Check the engine's settings: rootless engines and some desktops refuse privileged containers or host mounts.");
            default -> status >= 500
                    ? new Problem(Problem.Kind.SERVER_ERROR, "The container engine reported an error", detail,
                    "Read the engine's message above; if it persists, restart " + product(endpoint) + ".")
                    : new Problem(Problem.Kind.UNKNOWN, "The container engine refused the request", detail,
                    "Check the request and try again.");
        };
        return new PonteException(problem, e);
    }

    private static PonteException notRunning(RuntimeException e, IOException io, String endpoint, String action) {
        String why = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        boolean denied = why.toLowerCase(Locale.ROOT).contains("permission denied");
        String where = endpoint.startsWith("unix://") ? "the socket " + endpoint.substring("unix://".length()) : endpoint;
        Problem problem = denied
                ? new Problem(Problem.Kind.FORBIDDEN, "No permission to use the container engine",
                "Could not " + action + ": access to " + where + " was denied.",
                "Let your user use the engine (Linux: `sudo usermod -aG docker $USER`, then log in again), or pick another engine.")
                : new Problem(Problem.Kind.UNREACHABLE, product(endpoint) + " is not running",
                "Could not " + action + ": nothing answers on " + where + " (" + why + ").",
                startAdvice(endpoint) + " Or pick another engine in Settings. Then press Retry.");
        return new PonteException(problem, e);
    }

    /** A name for the engine an endpoint most likely belongs to. */
    static String product(String endpoint) {
        String e = endpoint.toLowerCase(Locale.ROOT);
        if (e.contains("podman")) {
            return "Podman";
        } else if (e.contains(".colima")) {
            return "Colima";
        } else if (e.contains("/.rd/")) {
            return "Rancher Desktop";
        } else if (e.contains("docker_engine") || e.contains("/.docker/run/") || e.contains("/.docker/desktop/")) {
            return "Docker Desktop";
        }
        return "Docker";
    }

    /** How to start the engine an endpoint belongs to. */
    static String startAdvice(String endpoint) {
        return switch (product(endpoint)) {
            case "Podman" -> "Start Podman: `podman machine start` (macOS, Windows) or `systemctl --user start podman.socket`"
                    + " (Linux; `sudo systemctl start podman.socket` for /run/podman).";
            case "Colima" -> "Start Colima: `colima start`.";
            case "Rancher Desktop" -> "Start Rancher Desktop and wait until it shows it is running.";
            case "Docker Desktop" -> "Start Docker Desktop and wait until it shows \"Engine running\".";
            default -> "Start Docker: open Docker Desktop, or on Linux run `sudo systemctl start docker`.";
        };
    }

    /** The first I/O failure or cancellation in the chain (the deadline's timeout sits above its interrupt). */
    private static Throwable ioCause(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof CancellationException || t instanceof InterruptedException) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_DEPTH; depth++) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
