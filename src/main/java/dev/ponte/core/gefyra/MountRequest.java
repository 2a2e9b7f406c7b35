package dev.ponte.core.gefyra;

/**
 * What {@code gefyra mount create} sends (shared/gefyra-protocol.md 7.1).
 *
 * @param name     the mount's name; see {@link dev.ponte.core.port.GefyraCluster#createMount}
 * @param kind     {@code deployment}, {@code statefulset} or {@code pod}
 */
public record MountRequest(String name, String targetNamespace, String kind, String workload, String container) {
    public String target() {
        return kind + "/" + workload;
    }
}
