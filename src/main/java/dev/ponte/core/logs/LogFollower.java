package dev.ponte.core.logs;

import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.LogStream;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Backoff;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Follows one part of a {@link LogSource} and keeps following it: when the stream ends or fails with
 * something that may pass (network, API server restart, container restart), it opens it again after
 * {@link Backoff} delays, from the last timestamp it saw ({@code sinceTime}), skips the lines it already
 * has, and puts a visible gap marker before the first new line ("— stream reconnected after 4 s; lines in
 * between may be missing —"). A failure that will not pass by waiting (403, 404: the pod is gone) stops it
 * with the advice as a notice line. Callbacks may come from any thread; they are handled in order where
 * {@code parseOn} runs them, and the sink is called under this object's lock.
 */
public final class LogFollower implements AutoCloseable {
    /** Where a follower delivers. Must not block: hand over to a batcher. */
    public interface Sink {
        void lines(List<LogLine> lines);

        /**
         * Parsed lines of this part as columns ({@link LineBatch}): the flood path, with no object per line. By
         * default made into objects for {@link #lines}. The batch is the sink's only during the call: the follower
         * fills the same one again with the next lines, so a sink copies what it keeps.
         */
        default void batch(LineBatch batch) {
            lines(batch.toLines());
        }

        void state(State state);
    }

    /** What the follower is doing, for the status line. */
    public record State(String part, Status status, Duration retryIn, Problem problem) {
    }

    public enum Status { CONNECTING, STREAMING, RECONNECTING, ENDED, FAILED, CLOSED }

    private final LogSource source;
    private final String part;
    private final LogRequest request;
    private final LogLineParser parser;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final Clock clock;
    private final Sink sink;
    private final Executor parseOn;

    /** Largest batch buffer kept between calls. */
    private static final int REUSE_BYTES = 1 << 20;

    private int generation;
    /** The batch {@link #lines} fills, reused from call to call (under this object's lock, like every use). */
    private LineBatch reused;
    private LogStream stream;
    private Subscription retry;
    private boolean closed;
    private int attempt;
    private Instant lastTime;
    /** Set while resuming: lines at or before it were delivered before the drop. */
    private Instant skipUntil;
    private Instant droppedAt;
    private Instant reopenedAt;

    public LogFollower(LogSource source, String part, LogRequest request, LogLineParser parser, Scheduler scheduler,
                       Backoff backoff, Clock clock, Sink sink) {
        this(source, part, request, parser, scheduler, backoff, clock, sink, Runnable::run);
    }

    /**
     * @param parseOn where the stream's callbacks are handled, in order: the stream's own thread ({@code Runnable::run})
     *                or a {@link ParseWorker}, so parsing runs beside the reading
     */
    public LogFollower(LogSource source, String part, LogRequest request, LogLineParser parser, Scheduler scheduler,
                       Backoff backoff, Clock clock, Sink sink, Executor parseOn) {
        this.parseOn = parseOn;
        this.source = source;
        this.part = part;
        this.request = request;
        this.parser = parser;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.clock = clock;
        this.sink = sink;
    }

    public synchronized void start() {
        sink.state(new State(part, Status.CONNECTING, null, null));
        open(request);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        generation++;
        if (retry != null) {
            retry.close();
        }
        if (stream != null) {
            stream.close();
        }
        sink.state(new State(part, Status.CLOSED, null, null));
    }

    private void open(LogRequest r) {
        int gen = ++generation;
        stream = source.open(part, r, new Listener(gen));
    }

    private synchronized void opened(int gen) {
        if (gen != generation) {
            return;
        }
        if (droppedAt != null) {
            reopenedAt = clock.instant();
        }
        sink.state(new State(part, Status.STREAMING, null, null));
    }

    private synchronized void lines(int gen, LogLineParser.Prepared raw) {
        if (gen != generation) {
            return;
        }
        LineBatch out = reused;
        if (out == null) {
            out = new LineBatch(part, raw.size() + 1, raw.total + 8 * raw.size());
        }
        out.removeAll();
        LineBatch one = null;
        for (int k = 0, count = raw.size(); k < count; k++) {
            if (skipUntil == null && droppedAt == null) {
                parser.parseInto(out, raw, k); // the common case: straight into the batch, no object for the line
                continue;
            }
            if (one == null) {
                one = new LineBatch(part, 1, 256);
            }
            one.removeAll();
            parser.parseInto(one, raw, k);
            Instant time = one.hasTime(0) ? Instant.ofEpochSecond(one.seconds(0), one.nanos(0)) : null;
            if (skipUntil != null && time != null && !time.isAfter(skipUntil)) {
                continue; // already delivered before the reconnect
            }
            skipUntil = null;
            if (droppedAt != null) {
                Instant back = reopenedAt != null ? reopenedAt : clock.instant();
                out.add(parser.notice(part, time != null ? time : back, LogLine.Kind.GAP,
                        gapText(Duration.between(droppedAt, back))));
                droppedAt = null;
                reopenedAt = null;
            }
            out.add(one, 0);
        }
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.hasTime(i) && !out.isNotice(i)) {
                lastTime = Instant.ofEpochSecond(out.seconds(i), out.nanos(i)); // where a reconnect resumes from
                break;
            }
        }
        if (!out.isEmpty()) {
            attempt = 0;
            sink.batch(out);
        }
        // Kept for the next lines (a new batch a call was ~200 bytes of garbage a line, a third of a flood's), unless
        // a burst of long lines made it large.
        reused = out.bytes.length <= REUSE_BYTES ? out : null;
    }

    private synchronized void ended(int gen) {
        if (gen != generation) {
            return;
        }
        if (!request.follow()) {
            sink.lines(List.of(parser.notice(part, lastTime, LogLine.Kind.NOTICE, "— end of log —")));
            sink.state(new State(part, Status.ENDED, null, null));
            return;
        }
        reconnectLater(null);
    }

    private synchronized void failed(int gen, Throwable error) {
        if (gen != generation) {
            return;
        }
        Problem problem = ErrorAdvice.explain(error, "the log stream of " + part);
        if (!problem.retryable()) {
            sink.lines(List.of(parser.notice(part, lastTime, LogLine.Kind.NOTICE,
                    "— " + problem.title() + ": " + problem.detail() + " " + problem.advice() + " —")));
            sink.state(new State(part, Status.FAILED, null, problem));
            return;
        }
        reconnectLater(problem);
    }

    private void reconnectLater(Problem problem) {
        if (closed) {
            return;
        }
        if (droppedAt == null) {
            droppedAt = clock.instant();
        }
        reopenedAt = null;
        Duration delay = backoff.delay(++attempt);
        sink.state(new State(part, Status.RECONNECTING, delay, problem));
        retry = scheduler.schedule(delay, this::reopen);
    }

    private synchronized void reopen() {
        if (closed) {
            return;
        }
        skipUntil = lastTime;
        // Without a timestamp to resume from, ask for new lines only rather than the same tail again.
        open(lastTime != null ? request.resumeFrom(lastTime)
                : new LogRequest(request.container(), request.previous(), request.follow(), 0, null, null));
    }

    static String gapText(Duration gap) {
        long s = Math.max(0, Math.round(gap.toMillis() / 1000.0));
        String after = s < 120 ? s + " s" : (s / 60) + " min";
        return "— stream reconnected after " + after + "; lines in between may be missing —";
    }

    private final class Listener implements LogListener {
        private final int gen;

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen() {
            handle(() -> opened(gen));
        }

        @Override
        public void onLines(List<String> lines) {
            LogLineParser.Prepared prepared = new LogLineParser.Prepared(lines); // on the stream's thread: see Prepared
            handle(() -> lines(gen, prepared));
        }

        @Override
        public void onEnd() {
            handle(() -> ended(gen));
        }

        @Override
        public void onError(Throwable error) {
            handle(() -> failed(gen, error));
        }

        /**
         * A source that answers inside {@code open} (this follower's lock held, nothing of this generation queued yet)
         * is handled at once: queueing it could wait for a worker that waits for this lock.
         */
        private void handle(Runnable task) {
            if (Thread.holdsLock(LogFollower.this)) {
                task.run();
            } else {
                parseOn.execute(task);
            }
        }
    }
}
