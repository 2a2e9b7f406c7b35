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
 * @param mtu              upstream's {@code --mtu}: the {@code MTU =} line of Cargo's WireGuard config and the network's
 *                         {@code com.docker.network.driver.mtu}; empty: the defaults (wg-quick's, the engine's)
 */
public record ConnectionRequest(String context, String kubeconfigPath, String connectionName, String clientId,
                                GefyraImages images, InstallOptions install, String cargoEndpoint, Path stateDir,
                                String engineSocketPath, boolean privilegedCargo, Duration stepTimeout,
                                java.util.OptionalInt mtu) {
    /** The network driver option upstream sets for {@code --mtu} (shared/gefyra-protocol.md 5.1). */
    public static final String NETWORK_MTU_OPTION = "com.docker.network.driver.mtu";

    public ConnectionRequest {
        mtu = mtu == null ? java.util.OptionalInt.empty() : mtu;
    }

    /** A request with the default MTU. */
    public ConnectionRequest(String context, String kubeconfigPath, String connectionName, String clientId,
                             GefyraImages images, InstallOptions install, String cargoEndpoint, Path stateDir,
                             String engineSocketPath, boolean privilegedCargo, Duration stepTimeout) {
        this(context, kubeconfigPath, connectionName, clientId, images, install, cargoEndpoint, stateDir, engineSocketPath,
                privilegedCargo, stepTimeout, java.util.OptionalInt.empty());
    }

    /** The same request with another MTU. */
    public ConnectionRequest withMtu(java.util.OptionalInt m) {
        return new ConnectionRequest(context, kubeconfigPath, connectionName, clientId, images, install, cargoEndpoint,
                stateDir, engineSocketPath, privilegedCargo, stepTimeout, m);
    }

    /** The network's driver options: the MTU option when an MTU is set. */
    public java.util.Map<String, String> networkOptions() {
        return mtu.isPresent() ? java.util.Map.of(NETWORK_MTU_OPTION, String.valueOf(mtu.getAsInt())) : java.util.Map.of();
    }

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
