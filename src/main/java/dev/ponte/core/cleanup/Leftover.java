package dev.ponte.core.cleanup;

import dev.ponte.core.connections.Leftovers;
import dev.ponte.core.connections.LocalConnections;
import dev.ponte.core.port.GefyraCluster;

/**
 * One thing the cleanup assistant found that no live connection uses.
 *
 * @param id      stable across scans: the check after a removal finds the same thing under the same id
 * @param group   what it belongs to, e.g. "connection kind-dev" or "client bob1 (gone)"
 * @param what    in words: "GefyraClient ponte3f9a1c07b2", "network gefyra-network-x"
 * @param where   the kube context (cluster objects) or the engine endpoint (local objects)
 * @param why     why it counts as left over
 * @param warning null, or why removing it may hurt someone (another machine's live client): it is removed only when
 *                the user confirmed exactly this warning
 */
public record Leftover(String id, String group, Origin origin, String what, String where, String why, String warning,
                       Target target) {
    /** How to remove it. */
    public sealed interface Target {
        /** A part of one of this machine's connections: removed with the connection's other parts, as Disconnect does. */
        record ConnectionPart(LocalConnections.Found connection, Leftovers.Part part) implements Target {
        }

        /** A cluster object, through the context's API server. */
        record ClusterObject(String context, Kind kind, String name, GefyraCluster.MountArtifact artifact) implements Target {
        }

        /** A local network or container on the engine at {@code endpoint}. */
        record EngineObject(String endpoint, Kind kind, String name) implements Target {
        }
    }

    /** The kinds removed one by one (a connection's parts go through Disconnect's removal). */
    public enum Kind { CLIENT, BRIDGE, MOUNT, SHADOW, RBAC, NETWORK, CONTAINER }
}
