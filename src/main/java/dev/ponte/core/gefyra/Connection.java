package dev.ponte.core.gefyra;

import dev.ponte.core.connections.ConnectionNames;
import java.util.Map;

/**
 * One Gefyra connection on this machine: a Cargo container and its network, found by labels —
 * whether Ponte or the gefyra CLI made it.
 *
 * @param context      kube context it belongs to (label; may be null for CLI connections)
 * @param cargoRunning the Cargo container is running
 * @param ponte        Ponte created it (else another tool did)
 */
public record Connection(String name, String context, String clientId, String cargoName, String cargoIp,
                         String networkName, String endpoint, String kubeconfig, String version,
                         boolean cargoRunning, boolean ponte) {

    /**
     * Reads a connection from its Cargo container's labels; null when the labels are not Cargo's or do not hold a
     * usable connection name. Labels can come from any image, so each value is checked before it can reach a path
     * or an API call: a name that is no connection name ({@code ../x}, {@code /}, a newline, 300 characters) makes
     * the container no connection; an odd client id or context is dropped (null).
     */
    public static Connection fromCargo(String containerName, Map<String, String> labels, Map<String, String> ips,
                                       boolean running) {
        if (!CargoLabels.ROLE_CARGO.equals(labels.get(CargoLabels.ROLE))) {
            return null;
        }
        String raw = labels.getOrDefault(CargoLabels.CONNECTION,
                containerName.startsWith(Gefyra.CARGO_PREFIX) ? containerName.substring(Gefyra.CARGO_PREFIX.length()) : containerName);
        String name = ConnectionNames.checkedName(raw).orElse(null);
        if (name == null || !containerName.equals(Gefyra.CARGO_PREFIX + name)) {
            return null;
        }
        String network = Gefyra.NETWORK_PREFIX + name;
        return new Connection(name, ConnectionNames.checkedContext(labels.get(CargoLabels.CONTEXT)).orElse(null),
                ConnectionNames.checkedClient(labels.get(CargoLabels.CLIENT)).orElse(null), containerName,
                ips.get(network), network, labels.get(CargoLabels.ENDPOINT), labels.get(CargoLabels.KUBECONFIG),
                labels.get(CargoLabels.VERSION), running, CargoLabels.PONTE.equals(labels.get(CargoLabels.MANAGED_BY)));
    }

    /** A connection Ponte knows by its names only (from the journal): for Disconnect and Clean up of its parts. */
    public static Connection named(String name, String context, String clientId) {
        return new Connection(name, context, clientId, Gefyra.CARGO_PREFIX + name, null, Gefyra.NETWORK_PREFIX + name,
                null, null, null, false, true);
    }
}
