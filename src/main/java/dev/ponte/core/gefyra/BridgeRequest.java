package dev.ponte.core.gefyra;

import java.util.List;

/**
 * What {@code gefyra bridge create} sends (shared/gefyra-protocol.md 7.1).
 *
 * @param ports remote (cluster) container port → local container port, in the user's order
 */
public record BridgeRequest(String name, String mount, String client, String clientContainer, String destinationIp,
                            List<PortMapping> ports, MatchRules rules) {
    public BridgeRequest {
        ports = List.copyOf(ports);
    }

    public record PortMapping(int remotePort, int localPort) {
        /** Upstream's wire form {@code "<local>:<remote>"}. */
        public String wire() {
            return localPort + ":" + remotePort;
        }
    }
}
