package dev.ponte.kube;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one command in a pod's container over the exec websocket and collects its standard output. Bounded by a
 * timeout and ends at once on cancel; the output Ponte keeps is bounded too ({@link #OUTPUT_LIMIT}; what comes after
 * is counted and dropped, and the {@link Output} says so). The output is returned, never logged: for {@code env} it
 * holds secrets.
 */
final class PodExec {
    /** The most standard output kept per exec: a container whose {@code env} prints more is cut here, at a line end. */
    static final int OUTPUT_LIMIT = 1 << 20;
    /** The most standard error kept (only its first line is ever shown). */
    static final int ERROR_LIMIT = 64 << 10;

    private PodExec() {
    }

    /** What came of one exec. */
    sealed interface Outcome {
    }

    /**
     * The command exited with 0; {@code stdout} is what it printed, up to {@link #OUTPUT_LIMIT} bytes.
     *
     * @param droppedBytes what came after the limit (0: nothing was cut); {@code stdout} then ends at its last whole line
     */
    record Output(String stdout, long droppedBytes) implements Outcome {
        boolean cut() {
            return droppedBytes > 0;
        }

        /** Never the output itself: it holds secret values. */
        @Override
        public String toString() {
            return "Output[" + stdout.length() + " chars" + (cut() ? ", " + droppedBytes + " bytes cut" : "") + "]";
        }
    }

    /**
     * The command could not run or failed.
     *
     * @param reason  in plain words, without output of the command
     * @param conclusive trying another command will not help: the API server refused the exec itself (401/403), the
     *                   pod is gone (404), or the exec did not finish in time
     */
    record Failed(String reason, boolean conclusive) implements Outcome {
    }

    static Outcome run(KubernetesClient client, String namespace, String pod, String container, Duration timeout,
                       CancellationToken cancel, String... command) {
        cancel.throwIfCancelled();
        String what = String.join(" ", command);
        Capped out = new Capped(OUTPUT_LIMIT);
        Capped err = new Capped(ERROR_LIMIT);
        AtomicReference<String> statusMessage = new AtomicReference<>();
        ExecWatch watch;
        try {
            watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                    .withReadyWaitTimeout(Math.toIntExact(timeout.toMillis()))
                    .writingOutput(out)
                    .writingError(err)
                    .usingListener(new ExecListener() {
                        @Override
                        public void onClose(int code, String reason) {
                            // the exit code future tells the outcome
                        }

                        @Override
                        public void onFailure(Throwable t, Response failureResponse) {
                            // same: the exit code future completes exceptionally (and fabric8 does not log it)
                        }

                        @Override
                        public void onExit(int code, Status status) {
                            if (status != null && status.getMessage() != null) {
                                statusMessage.set(status.getMessage());
                            }
                        }
                    })
                    .exec(command);
        } catch (RuntimeException e) {
            cancel.throwIfCancelled();
            return failed(what, e);
        }
        try (watch) {
            // closing only sends a close frame; a server that does not answer it must not keep a cancel waiting
            CompletableFuture<Object> cancelled = new CompletableFuture<>();
            cancel.onCancel(() -> {
                cancelled.complete(null);
                watch.close();
            });
            CompletableFuture.anyOf(watch.exitCode(), cancelled).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            cancel.throwIfCancelled();
            Integer code = watch.exitCode().getNow(null);
            if (code == null && out.size() == 0) {
                return new Failed(what + " ended without output or exit status", false);
            }
            if (code != null && code != 0) {
                String why = statusMessage.get() != null ? statusMessage.get() : firstLine(err);
                return new Failed(what + (code > 0 ? " exited with code " + code : " could not run")
                        + (why == null ? "" : ": " + why), false);
            }
            return out.output();
        } catch (TimeoutException e) {
            cancel.throwIfCancelled();
            return new Failed(what + " did not finish within " + timeout.toSeconds() + " s", true);
        } catch (ExecutionException e) {
            cancel.throwIfCancelled();
            return failed(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted");
        }
    }

    /** The first line of what the command wrote to stderr (an error message, not its output), or null. */
    private static String firstLine(Capped err) {
        String text = err.text().strip();
        if (text.isEmpty()) {
            return null;
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** Keeps the first {@code limit} bytes written to it and counts the rest (the exec's reader thread writes). */
    static final class Capped extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private long dropped;

        Capped(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, limit - kept.size());
            int take = Math.min(room, len);
            kept.write(b, off, take);
            dropped += len - take;
        }

        synchronized int size() {
            return kept.size();
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        /** What was kept; when something was cut, up to the last whole line only (no half variable, no half character). */
        synchronized Output output() {
            if (dropped == 0) {
                return new Output(text(), 0);
            }
            byte[] bytes = kept.toByteArray();
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            return new Output(new String(bytes, 0, end, StandardCharsets.UTF_8), dropped + (bytes.length - end));
        }
    }

    private static Failed failed(String what, Throwable t) {
        int status = status(t);
        return switch (status) {
            case 401 -> new Failed("the API server rejected your credentials for exec (401 Unauthorized)", true);
            case 403 -> new Failed("your user may not exec into pods here (403 Forbidden on pods/exec)", true);
            case 404 -> new Failed("the pod or container is gone (404)", true);
            default -> new Failed(what + " failed" + (status > 0 ? " (HTTP " + status + ")" : "")
                    + ": " + ErrorAdvice.explain(Fabric8Errors.translate(t), "the cluster").detail(),
                    false);
        };
    }

    /** The HTTP status somewhere in the cause chain (the websocket upgrade's answer), or 0. */
    static int status(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < 32; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException kce && kce.getCode() > 0) {
                return kce.getCode();
            }
            if (c instanceof WebSocketHandshakeException wse && wse.getResponse() != null) {
                return wse.getResponse().code();
            }
        }
        return 0;
    }
}
