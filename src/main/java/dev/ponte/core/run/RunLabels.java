package dev.ponte.core.run;

import dev.ponte.core.gefyra.Gefyra;

/**
 * Labels on containers started by Run. Upstream's two (client/gefyra/api/run.py) make the gefyra
 * CLI list and remove them too; Ponte adds its own marker and the connection, so a stopped
 * container (which has no address on the network) still shows under its connection.
 */
public final class RunLabels {
    public static final String CREATED_BY = "created_by.gefyra.dev";
    public static final String BRIDGE_ID = "bridge_id.gefyra.dev";
    public static final String MANAGED_BY = Gefyra.MANAGED_BY_LABEL;
    public static final String CONNECTION = "ponte.dev/connection";

    /** Cluster-side bridge labels (shared/gefyra-protocol.md 3.4). */
    public static final String BRIDGE_CLIENT = "gefyra.dev/client";
    public static final String BRIDGE_CLIENT_CONTAINER = "gefyra.dev/client-container";
    public static final String BRIDGE_MOUNT = "gefyra.dev/bridge-mount";

    private RunLabels() {
    }
}
