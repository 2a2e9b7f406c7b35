package dev.ponte.core.status;

import dev.ponte.core.port.Subscription;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.StatusEvent.TaskFinished.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's connection and bridge states in one place, for the tray and notifications. Anyone may update it from
 * any thread ({@link StatusFeed} feeds it from the core services); every change that makes
 * a difference produces a new {@link AppStatus} for the status subscribers and, where a transition is worth
 * telling, a {@link StatusEvent} for the event subscribers.
 *
 * <p>Subscribers run on the updating thread, one change after the other in update order (the board holds its lock
 * while it delivers, so two threads cannot deliver out of order). They must hand off to their own thread
 * ({@code Platform.runLater}, {@code EventQueue.invokeLater}) and never block or call back into the board
 * synchronously from another thread.
 *
 * <p>Transitions that are announced:
 * <ul>
 *   <li>CONNECTED → DEGRADED, and CONNECTED or DEGRADED → DOWN: {@link StatusEvent.TunnelDropped}, unless the
 *   degradation is an expected dip (Stowaway restarting); a dip that stays DEGRADED after its window is
 *   announced then.</li>
 *   <li>a DOWN connection whose actions newly include Reconnect (it stayed down long enough):
 *   {@link StatusEvent.ReconnectOffered}.</li>
 *   <li>back to CONNECTED after an announced drop: {@link StatusEvent.TunnelRecovered} (a dip nobody was told about
 *   recovers silently).</li>
 *   <li>a bridge entering FLAGGED: {@link StatusEvent.BridgeFlagged}.</li>
 * </ul>
 * Disconnecting, a context switch (removal) or a failed Connect announce nothing here: the user caused them, and
 * the task layer reports the task's end through {@link #taskFinished}.
 */
public final class StatusBoard {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

    private final Map<String, ConnectionStatus> connections = new LinkedHashMap<>();
    private final Map<String, BridgeStatus> bridges = new LinkedHashMap<>();
    /** Contexts whose drop was announced and whose recovery therefore will be. */
    private final Set<String> dropAnnounced = new HashSet<>();
    private final List<Consumer<AppStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StatusEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private AppStatus snapshot = AppStatus.EMPTY;

    /** The current snapshot. */
    public synchronized AppStatus snapshot() {
        return snapshot;
    }

    /** Sets one connection's status (added when new). An equal status changes nothing and is not delivered. */
    public synchronized void update(ConnectionStatus status) {
        Objects.requireNonNull(status, "status");
        ConnectionStatus before = connections.put(status.context(), status);
        if (status.equals(before)) {
            return;
        }
        StatusEvent event = connectionEvent(before, status);
        publish(event);
    }

    /** Forgets a connection (the panel shows another context, or it was disconnected and is gone). */
    public synchronized void removeConnection(String context) {
        dropAnnounced.remove(context);
        if (connections.remove(context) != null) {
            publish(null);
        }
    }

    /** Sets one bridge's status (added when new). */
    public synchronized void update(BridgeStatus status) {
        Objects.requireNonNull(status, "status");
        BridgeStatus before = bridges.put(status.name(), status);
        if (status.equals(before)) {
            return;
        }
        boolean flagged = status.state() == BridgeStatus.State.FLAGGED
                && (before == null || before.state() != BridgeStatus.State.FLAGGED);
        publish(flagged ? new StatusEvent.BridgeFlagged(status.name(), status.workload(), status.localContainer(),
                status.reason()) : null);
    }

    /** Forgets a bridge (it was removed). */
    public synchronized void removeBridge(String name) {
        if (bridges.remove(name) != null) {
            publish(null);
        }
    }

    /** Announces the end of a task the user started; whether to notify (long? window hidden?) is the listener's call. */
    public synchronized void taskFinished(String title, Outcome outcome, Duration took) {
        deliver(new StatusEvent.TaskFinished(Objects.requireNonNull(title, "title"), outcome, took));
    }

    /** Gets every new snapshot, starting with the current one (delivered at once). */
    public synchronized Subscription subscribe(Consumer<AppStatus> listener) {
        statusListeners.add(listener);
        safely(listener, snapshot);
        return () -> statusListeners.remove(listener);
    }

    /** Gets every {@link StatusEvent} from now on. */
    public Subscription onEvent(Consumer<StatusEvent> listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    private StatusEvent connectionEvent(ConnectionStatus before, ConnectionStatus now) {
        String ctx = now.context();
        ConnectionState was = before == null ? ConnectionState.NOT_CONNECTED : before.state();
        ConnectionState is = now.state();
        // An expected dip that outlasts its window (still DEGRADED, no longer expected) is a real drop too.
        boolean quietBefore = was == ConnectionState.CONNECTED || (was == ConnectionState.DEGRADED && before.expectedDip());
        boolean dropped = (is == ConnectionState.DEGRADED && quietBefore && !now.expectedDip())
                || (is == ConnectionState.DOWN && (was == ConnectionState.CONNECTED || was == ConnectionState.DEGRADED));
        if (dropped) {
            dropAnnounced.add(ctx);
            return new StatusEvent.TunnelDropped(ctx, is, now.reason());
        }
        boolean reconnectBefore = before != null && before.actions().contains(dev.ponte.core.connections.ConnectionSnapshot.Action.RECONNECT);
        if (is == ConnectionState.DOWN && !reconnectBefore
                && now.actions().contains(dev.ponte.core.connections.ConnectionSnapshot.Action.RECONNECT)) {
            dropAnnounced.add(ctx);
            return new StatusEvent.ReconnectOffered(ctx, now.reason());
        }
        if (is == ConnectionState.CONNECTED && dropAnnounced.remove(ctx)) {
            return new StatusEvent.TunnelRecovered(ctx);
        }
        if (!is.isUp()) {
            // Disconnected, disconnecting or failed: a later CONNECTED is a new connection, not a recovery.
            dropAnnounced.remove(ctx);
        }
        return null;
    }

    private void publish(StatusEvent event) {
        List<BridgeStatus> b = new ArrayList<>(bridges.values());
        snapshot = new AppStatus(new ArrayList<>(connections.values()), b);
        for (Consumer<AppStatus> l : statusListeners) {
            safely(l, snapshot);
        }
        if (event != null) {
            deliver(event);
        }
    }

    private void deliver(StatusEvent event) {
        LOG.debug("Status event: {}", event);
        for (Consumer<StatusEvent> l : eventListeners) {
            safely(l, event);
        }
    }

    private static <T> void safely(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            LOG.error("A status listener failed", e);
        }
    }
}
