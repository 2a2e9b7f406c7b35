package dev.ponte.core.gefyra;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A GefyraBridge (shared/gefyra-protocol.md 3.4, 7.1, 7.3): one user's rules that send matching
 * requests of a mounted workload to a local container.
 *
 * @param mount           the GefyraBridgeMount's name (the bridge's {@code target})
 * @param client          the GefyraClient name ({@code gefyra.dev/client})
 * @param clientContainer the local container's name ({@code gefyra.dev/client-container})
 * @param portMappings    upstream's strings {@code "<localPort>:<remotePort>"}, in order
 * @param clusterEndpoint remote port to Stowaway proxy {@code host:port}, written by the operator
 * @param state           REQUESTED, INSTALLING, INSTALLED, CREATING, ACTIVE, RESTORING, ERROR (null before the operator saw it)
 */
public record Bridge(String name, String mount, String client, String clientContainer, String destinationIp,
                     List<String> portMappings, MatchRules rules, Map<String, String> clusterEndpoint, String state,
                     String message, Instant created) {
    public Bridge {
        portMappings = List.copyOf(portMappings);
        clusterEndpoint = Map.copyOf(clusterEndpoint);
    }

    public boolean active() {
        return "ACTIVE".equals(state);
    }

    public boolean failed() {
        return "ERROR".equals(state);
    }
}
