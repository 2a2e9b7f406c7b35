package dev.ponte.core.run;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;

/**
 * A bridge of this machine as the rows show it.
 *
 * @param mount the mount it belongs to, or null while unknown
 * @param flag  why the bridge cannot carry traffic right now (local container stopped, tunnel
 *              down, operator error), or null when it is fine
 */
public record BridgeState(Bridge bridge, BridgeMount mount, String flag) {
    public boolean flagged() {
        return flag != null;
    }

    /** {@code namespace/name} of the workload the bridge serves, or the mount's name while unknown. */
    public String workload() {
        return mount == null ? bridge.mount() : mount.targetNamespace() + "/" + mount.workloadName();
    }
}
