package dev.ponte.ui.connection;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the connection panel needs from the rest of Ponte, wired in {@code app}: the operations for
 * a context, and health for a connection. Operations run on the task layer; listeners are called
 * on background threads.
 */
public interface ConnectionBackend {
    /** The connection of this kube context on this machine (made by Ponte or the gefyra CLI). Blocking. */
    Optional<Connection> find(String context);

    Operation<Connection> up(String context, Consumer<StepEvent> steps);

    Operation<DownOperation.Report> down(Connection connection, boolean uninstall, Consumer<StepEvent> steps);

    /** Starts sampling the tunnel's health until the subscription is closed. */
    Subscription watchHealth(Connection connection, Consumer<TunnelHealth> listener);

    /** What Connect will create, in words, for the panel before anything is changed. */
    String plan(String context);

    /** Every engine found, which one is used and why (pings each; blocking). */
    java.util.List<EngineOption> engines();

    /** Use this engine from now on (null: discover); remembered in the settings. */
    void useEngine(String endpoint);
}
