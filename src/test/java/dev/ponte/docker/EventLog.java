package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ponte.core.port.ContainerEngine.EngineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects what an event subscription delivers; tests wait on it with a deadline (no sleeps). */
final class EventLog {
    private final List<EngineEvent> events = new ArrayList<>();
    private Throwable error;

    synchronized void onEvent(EngineEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized void onError(Throwable t) {
        error = t;
        notifyAll();
    }

    synchronized List<EngineEvent> events() {
        return List.copyOf(events);
    }

    synchronized Throwable error() {
        return error;
    }

    /** The first event that matches, waiting until {@code deadline} passes. */
    EngineEvent await(String what, Duration deadline, Predicate<EngineEvent> match) {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (this) {
            while (true) {
                for (EngineEvent e : events) {
                    if (match.test(e)) {
                        return e;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0 || error != null) {
                    fail("no event " + what + " within " + deadline.toSeconds() + " s; error " + error + "; got " + events);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for " + what);
                }
            }
        }
    }

    /** The error delivered, waiting until {@code deadline} passes. */
    Throwable awaitError(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (this) {
            while (error == null) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    fail("no error within " + deadline.toSeconds() + " s; events " + events);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for an error");
                }
            }
            return error;
        }
    }

    /** A container event with that action for that container name. */
    static Predicate<EngineEvent> container(String action, String name) {
        return e -> "container".equals(e.type()) && action.equals(e.action()) && name.equals(e.name());
    }
}
