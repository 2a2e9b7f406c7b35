package dev.ponte.core.gefyra;

import java.time.Instant;

/**
 * A GefyraBridgeMount (shared/gefyra-protocol.md 3.3, 7.2): Carrier2 installed in one container of
 * one workload, shared by every user who bridges it.
 *
 * @param target    {@code <kind>/<name>} exactly as sent (upstream compares the string)
 * @param state     REQUESTED, PREPARING, INSTALLING, ACTIVE, RESTORING, ERROR, MISSING (null before the operator saw it)
 * @param message   the operator's last status message, or null
 * @param createdBy the {@code ponte.dev/created-by} label ({@link MountRequest#CREATED_BY_LABEL}) Ponte sets on mounts it created, or null
 */
public record BridgeMount(String name, String targetNamespace, String target, String targetContainer, String state,
                          String message, Instant created, String createdBy) {
    public boolean active() {
        return "ACTIVE".equals(state);
    }

    public boolean failed() {
        return "ERROR".equals(state) || "MISSING".equals(state);
    }

    /** Workload kind and name of {@link #target}, e.g. {@code deployment} and {@code api}. */
    public String workloadName() {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(slash + 1);
    }
}
