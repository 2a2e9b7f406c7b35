package dev.ponte.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code exec} in a container: create, attach stdout and stderr, wait at most a timeout, read the exit code. */
final class EngineExec {
    private static final Logger LOG = LoggerFactory.getLogger(EngineExec.class);
    /** Exec output kept at most; the rest is dropped (a health probe needs a few lines). */
    static final int MAX_OUTPUT = 1 << 20;

    private EngineExec() {
    }

    static ExecResult run(DockerClient client, String container, Duration timeout, String... command) {
        String id = client.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true)
                .exec().getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var callback = client.execStartCmd(id).exec(new OutputCollector(out))) {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PonteException(new Problem(Problem.Kind.TIMEOUT, "A command in a container did not finish",
                        "`" + command[0] + "` in " + container + " ran longer than " + timeout.toMillis() + " ms.",
                        "Check the container's state and logs; Ponte retries health probes by itself."),
                        new TimeoutException("exec in " + container + " timed out after " + timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PonteException(new Problem(Problem.Kind.CANCELLED, "Cancelled",
                    "Stopped waiting for `" + command[0] + "` in " + container + ".", "Start it again when you are ready."), e);
        } catch (IOException e) {
            LOG.debug("Closing the exec stream failed", e);
        }
        Long code = client.inspectExecCmd(id).exec().getExitCodeLong();
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        return new ExecResult(code == null ? -1 : code.intValue(), text);
    }

    /** Collects exec frames (stdout and stderr) into one buffer, up to {@link #MAX_OUTPUT} bytes. */
    private static final class OutputCollector extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream out;

        OutputCollector(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            synchronized (out) {
                int room = MAX_OUTPUT - out.size();
                if (room > 0) {
                    out.write(payload, 0, Math.min(room, payload.length));
                }
            }
        }
    }
}
