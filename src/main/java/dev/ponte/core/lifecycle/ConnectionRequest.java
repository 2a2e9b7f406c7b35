package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link UpOperation} needs to connect one kube context.
 *
 * @param connectionName   local name: network {@code gefyra-network-<name>}, Cargo {@code gefyra-cargo-<name>}
 * @param clientId         the GefyraClient's name (alphanumeric; the same on every connect from this machine)
 * @param cargoEndpoint    {@code host:port} where Cargo reaches Stowaway
 * @param stateDir         where the WireGuard config is written (owner-only)
 * @param engineSocketPath the engine's socket on the host, mounted into Cargo
 * @param privilegedCargo  upstream's privileged Cargo; false for engines that refuse privileged containers
 * @param stepTimeout      the longest any one wait may take
 */
public record ConnectionRequest(String context, String kubeconfigPath, String connectionName, String clientId,
                                GefyraImages images, InstallOptions install, String cargoEndpoint, Path stateDir,
                                String engineSocketPath, boolean privilegedCargo, Duration stepTimeout) {

    public Path wireGuardConfigFile() {
        return stateDir.resolve(connectionName + ".conf");
    }

    public String networkName() {
        return dev.ponte.core.gefyra.Gefyra.NETWORK_PREFIX + connectionName;
    }

    public String cargoName() {
        return dev.ponte.core.gefyra.Gefyra.CARGO_PREFIX + connectionName;
    }
}
