package dev.ponte.core.gefyra;

/**
 * What {@code gefyra mount create} sends (shared/gefyra-protocol.md 7.1).
 *
 * @param name     the mount's name; see {@link dev.ponte.core.port.GefyraCluster#createMount}
 * @param kind     {@code deployment}, {@code statefulset} or {@code pod}
 * @param createdBy the GefyraClient name of the Ponte that creates it, stored as label
 *                  {@code ponte.dev/created-by} (read back as {@link BridgeMount#createdBy()}); null for none
 */
public record MountRequest(String name, String targetNamespace, String kind, String workload, String container,
                           String createdBy) {
    /** Ponte's marker on mounts it created, so it can offer to remove them with their last bridge. */
    public static final String CREATED_BY_LABEL = "ponte.dev/created-by";

    public MountRequest(String name, String targetNamespace, String kind, String workload, String container) {
        this(name, targetNamespace, kind, workload, container, null);
    }

    public String target() {
        return kind + "/" + workload;
    }
}
