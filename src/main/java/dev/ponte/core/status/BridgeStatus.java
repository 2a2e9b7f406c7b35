package dev.ponte.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One bridge: cluster traffic of a workload sent to a local container.
 *
 * @param name           the bridge's name (Gefyra's GefyraBridge name), unique in the board
 * @param workload       {@code namespace/kind/name}, e.g. {@code default/deployment/api}
 * @param localContainer the local container that receives the traffic
 * @param reason         why the state is what it is ("local container api-local stopped"); empty when fine
 * @param since          when the bridge entered this state
 */
public record BridgeStatus(String name, String workload, String localContainer, State state, String reason,
                           Instant since) {
    public enum State {
        ACTIVE,
        /** Being set up or removed. */
        PENDING,
        /** Needs the user: the bridge failed or its local container stopped. */
        FLAGGED
    }

    public BridgeStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(localContainer, "localContainer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
    }
}
