package dev.ponte.core.gefyra;

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

    /** Reads a connection from its Cargo container's labels; null when the labels are not Cargo's. */
    public static Connection fromCargo(String containerName, Map<String, String> labels, Map<String, String> ips,
                                       boolean running) {
        if (!CargoLabels.ROLE_CARGO.equals(labels.get(CargoLabels.ROLE))) {
            return null;
        }
        String name = labels.getOrDefault(CargoLabels.CONNECTION,
                containerName.startsWith(Gefyra.CARGO_PREFIX) ? containerName.substring(Gefyra.CARGO_PREFIX.length()) : containerName);
        String network = Gefyra.NETWORK_PREFIX + name;
        return new Connection(name, labels.get(CargoLabels.CONTEXT), labels.get(CargoLabels.CLIENT), containerName,
                ips.get(network), network, labels.get(CargoLabels.ENDPOINT), labels.get(CargoLabels.KUBECONFIG),
                labels.get(CargoLabels.VERSION), running, CargoLabels.PONTE.equals(labels.get(CargoLabels.MANAGED_BY)));
    }
}
