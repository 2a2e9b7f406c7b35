package dev.ponte.core.status;

import java.time.Duration;

/** Something worth telling the user even when the window is hidden; derived by {@link StatusBoard}. */
public sealed interface StatusEvent {
    /** A connected tunnel became DEGRADED or DOWN ({@code state}), not as an expected dip. */
    record TunnelDropped(String context, dev.ponte.core.connections.ConnectionState state, String reason) implements StatusEvent {
    }

    /**
     * A tunnel stayed down long enough that Reconnect is offered (the connection's actions newly include it): the
     * notification can offer Reconnect right there.
     */
    record ReconnectOffered(String context, String reason) implements StatusEvent {
    }

    /** A tunnel whose drop was announced is CONNECTED again. */
    record TunnelRecovered(String context) implements StatusEvent {
    }

    /** A bridge became FLAGGED: it failed, or its local container stopped ({@code reason} says which). */
    record BridgeFlagged(String bridge, String workload, String localContainer, String reason) implements StatusEvent {
    }

    /** A task the user started has ended; published explicitly through {@link StatusBoard#taskFinished}. */
    record TaskFinished(String title, Outcome outcome, Duration took) implements StatusEvent {
        public enum Outcome { SUCCEEDED, FAILED, CANCELLED }
    }
}
