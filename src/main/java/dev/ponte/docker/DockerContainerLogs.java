package dev.ponte.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ponte.core.logs.LineSplitter;
import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.LogStream;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A local container's log ({@code GET /containers/{id}/logs?follow=1&timestamps=1&stdout=1&stderr=1}) through
 * docker-java's {@code logContainerCmd}, as a {@link LogSource} with one part. The engine sends frames
 * (stdout and stderr multiplexed, or raw for a TTY container) that do not follow line borders: each stream
 * type gets its own {@link LineSplitter}. {@code since} has whole-second resolution in the API; the
 * viewer's follower skips the repeated lines of that second.
 */
public final class DockerContainerLogs implements LogSource {
    private final DockerEngine engine;
    private final String container;
    private final String name;

    /**
     * @param container id or name, as the engine knows it
     * @param name      what the tab and the chip say (the container's name)
     */
    public DockerContainerLogs(DockerEngine engine, String container, String name) {
        this.engine = engine;
        this.container = container;
        this.name = name;
    }

    @Override
    public String title() {
        return "container " + name;
    }

    @Override
    public List<String> parts() {
        return List.of(name);
    }

    @Override
    public List<String> containers() {
        return List.of();
    }

    @Override
    public LogStream open(String part, LogRequest request, LogListener listener) {
        LogContainerCmd cmd = engine.client().logContainerCmd(container)
                .withStdOut(true).withStdErr(true).withTimestamps(true).withFollowStream(request.follow());
        if (request.tailLines() != null) {
            cmd.withTail(request.tailLines());
        } else {
            cmd.withTailAll();
        }
        Instant since = request.sinceTime() != null ? request.sinceTime()
                : request.since() != null ? Instant.now().minus(request.since()) : null;
        if (since != null) {
            cmd.withSince((int) since.getEpochSecond());
        }
        Callback callback = new Callback(listener);
        try {
            cmd.exec(callback);
        } catch (RuntimeException e) {
            listener.onError(EngineErrors.translate(e, engine.endpoint(), "read the log of " + name));
        }
        return callback::stop;
    }

    /** Splits frames into lines per stream type and hands each frame's lines over as one batch. */
    private final class Callback extends ResultCallback.Adapter<Frame> {
        private final LogListener listener;
        private final List<String> batch = new ArrayList<>();
        private final LineSplitter out = new LineSplitter(batch::add);
        private final LineSplitter err = new LineSplitter(batch::add);
        private volatile boolean stopped;

        Callback(LogListener listener) {
            this.listener = listener;
        }

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            if (!stopped) {
                listener.onOpen();
            }
        }

        @Override
        public void onNext(Frame frame) {
            if (stopped) {
                return;
            }
            byte[] payload = frame.getPayload();
            (frame.getStreamType() == StreamType.STDERR ? err : out).feed(payload, 0, payload.length);
            flush();
        }

        @Override
        public void onError(Throwable error) {
            if (!stopped) {
                stopped = true;
                RuntimeException e = error instanceof RuntimeException re ? re : new RuntimeException(error);
                listener.onError(EngineErrors.translate(e, engine.endpoint(), "read the log of " + name));
            }
            closeQuietly();
        }

        @Override
        public void onComplete() {
            if (!stopped) {
                out.finish();
                err.finish();
                flush();
                stopped = true;
                listener.onEnd();
            }
            closeQuietly();
        }

        void stop() {
            stopped = true;
            closeQuietly();
        }

        private void flush() {
            if (!batch.isEmpty()) {
                listener.onLines(List.copyOf(batch));
                batch.clear();
            }
        }

        private void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // the stream is gone already
            }
        }
    }
}
