package dev.ponte.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.ponte.core.port.ContainerEngine.EngineEvent;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows an engine's {@code GET /events} (container events, and network connect/disconnect) on
 * docker-java's daemon stream thread. The stream ends in exactly one of two ways: the caller closes the
 * subscription (then nothing more is delivered), or {@code onError} is called once — when the connection
 * breaks, or when the engine ends the stream, which is what a restarting engine does. A caller that
 * wants to go on subscribes again once the engine answers.
 */
final class EngineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EngineEvents.class);

    private EngineEvents() {
    }

    static Subscription follow(DockerClient client, String endpoint, Consumer<EngineEvent> onEvent,
                               Consumer<Throwable> onError) {
        Follower follower = new Follower(endpoint, onEvent, onError);
        client.eventsCmd().withEventTypeFilter(EventType.CONTAINER, EventType.NETWORK).exec(follower);
        return follower::stop;
    }

    /** The stream's callback; {@link #done} makes delivery stop at the first of close, error or end. */
    private static final class Follower extends ResultCallback.Adapter<Event> {
        private final String endpoint;
        private final Consumer<EngineEvent> onEvent;
        private final Consumer<Throwable> onError;
        private final AtomicBoolean done = new AtomicBoolean();

        Follower(String endpoint, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
            this.endpoint = endpoint;
            this.onEvent = onEvent;
            this.onError = onError;
        }

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            if (done.get()) { // closed before the engine answered
                closeQuietly();
            }
        }

        @Override
        public void onNext(Event event) {
            if (done.get() || event == null) {
                return;
            }
            EngineEvent mapped = RunModels.event(event);
            if (mapped == null) {
                return;
            }
            try {
                onEvent.accept(mapped);
            } catch (RuntimeException e) {
                LOG.warn("An engine event listener failed on {} {}", mapped.type(), mapped.action(), e);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            closeQuietly();
            PonteException translated = error instanceof RuntimeException re
                    ? EngineErrors.translate(re, endpoint, "follow the engine's events")
                    : EngineErrors.translate(new RuntimeException(error), endpoint, "follow the engine's events");
            LOG.info("Event stream from {} broke: {}", endpoint, translated.getMessage());
            onError.accept(translated);
        }

        @Override
        public void onComplete() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            closeQuietly();
            LOG.info("Event stream from {} ended", endpoint);
            onError.accept(new PonteException(new Problem(Problem.Kind.UNREACHABLE, "The container engine stopped sending events",
                    "The engine at " + endpoint + " ended its event stream; it was probably restarted or stopped.",
                    "Ponte follows it again once it answers; if it does not, start " + EngineErrors.product(endpoint) + ".")));
        }

        void stop() {
            if (done.compareAndSet(false, true)) {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the event stream from {} failed", endpoint, e);
            }
        }
    }
}
