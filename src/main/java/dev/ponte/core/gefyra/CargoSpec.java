package dev.ponte.core.gefyra;

import dev.ponte.core.port.ContainerEngine.ContainerSpec;
import dev.ponte.core.port.ContainerEngine.Mount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Cargo, the local WireGuard end of a connection, as Gefyra 2.5.4 creates it (shared/gefyra-protocol.md 5.2;
 * upstream {@code client/gefyra/types/client.py} {@code GefyraClient.connect}, {@code local/utils.py}
 * {@code handle_docker_create_container}, label names in {@code local/__init__.py}). Pure.
 * <p>
 * Upstream's order: create the container on the engine's default bridge (the spec's network is
 * {@code null}), connect it to {@code gefyra-network-<connection>} at {@link Gefyra#cargoIp(String)}
 * ({@code <prefix>.149}), then start it. No command, ports, healthcheck or sysctls.
 * <p>
 * Arguments of {@link #upstream} and {@link #unprivileged}: the connection name ({@code default}); the
 * Cargo image; the host path of the WireGuard config (upstream {@code ~/.gefyra/<connection>.conf});
 * the host path of the engine socket mounted at {@code /var/run/docker.sock} (null: upstream's
 * {@value #UPSTREAM_SOCKET}; Podman's lives elsewhere); the kubeconfig path; the kube context; Stowaway's
 * endpoint {@code host:port}; the GefyraClient name.
 */
public final class CargoSpec {
    /** The socket path upstream mounts, on the host and in Cargo. */
    public static final String UPSTREAM_SOCKET = "/var/run/docker.sock";
    /** Where Cargo's entrypoint reads the WireGuard config ({@code wg-quick up /config/wg0.conf}). */
    public static final String CONFIG_IN_CONTAINER = "/config/wg0.conf";
    /** The capability upstream adds on top of {@code privileged}. */
    public static final List<String> UPSTREAM_CAPS = List.of("NET_ADMIN");
    /**
     * Without {@code privileged}: NET_ADMIN for the interface, routes and iptables; SYS_ADMIN for the
     * gateway patch ({@code setns} into an app container); /dev/net/tun for wireguard-go; a writable
     * /proc/sys for wg-quick's {@code PreUp = sysctl -w net.ipv4.ip_forward=1} (shared/testing.md).
     */
    public static final List<String> UNPRIVILEGED_CAPS = List.of("NET_ADMIN", "SYS_ADMIN");
    public static final String TUN_DEVICE = "/dev/net/tun";
    public static final String SYSTEMPATHS_UNCONFINED = "systempaths=unconfined";

    private CargoSpec() {
    }

    /** Exactly upstream's Cargo: {@code privileged}, NET_ADMIN, pid host, two binds, eight labels. */
    public static ContainerSpec upstream(String connection, String image, Path wgConfig, String engineSocket,
                                         String kubeconfig, String context, String endpoint, String clientId) {
        return new ContainerSpec(Gefyra.CARGO_PREFIX + requireName(connection), Objects.requireNonNull(image, "image"),
                labels(connection, kubeconfig, context, endpoint, clientId), mounts(wgConfig, engineSocket),
                true, UPSTREAM_CAPS, true, List.of(), List.of(), null, Map.of(), List.of());
    }

    /**
     * Upstream's Cargo for engines that refuse privileged containers (Docker where root lacks
     * CAP_SYS_RESOURCE: "unable to apply caps"): the same name, image, labels, binds and pid host, with
     * {@link #UNPRIVILEGED_CAPS}, {@value #TUN_DEVICE} and {@value #SYSTEMPATHS_UNCONFINED} instead.
     */
    public static ContainerSpec unprivileged(String connection, String image, Path wgConfig, String engineSocket,
                                             String kubeconfig, String context, String endpoint, String clientId) {
        return new ContainerSpec(Gefyra.CARGO_PREFIX + requireName(connection), Objects.requireNonNull(image, "image"),
                labels(connection, kubeconfig, context, endpoint, clientId), mounts(wgConfig, engineSocket),
                false, UNPRIVILEGED_CAPS, true, List.of(SYSTEMPATHS_UNCONFINED), List.of(TUN_DEVICE), null, Map.of(),
                List.of());
    }

    /** The eight labels upstream puts on Cargo; both tools read connections back from them (5.3). */
    public static Map<String, String> labels(String connection, String kubeconfig, String context, String endpoint,
                                             String clientId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CargoLabels.CREATED_BY, "true");
        labels.put(CargoLabels.ROLE, CargoLabels.ROLE_CARGO);
        labels.put(CargoLabels.KUBECONFIG, Objects.requireNonNull(kubeconfig, "kubeconfig"));
        labels.put(CargoLabels.CONTEXT, Objects.requireNonNull(context, "context"));
        labels.put(CargoLabels.ENDPOINT, Objects.requireNonNull(endpoint, "endpoint"));
        labels.put(CargoLabels.CONNECTION, requireName(connection));
        labels.put(CargoLabels.CLIENT, Objects.requireNonNull(clientId, "clientId"));
        labels.put(CargoLabels.VERSION, Gefyra.VERSION);
        return labels;
    }

    /** The engine socket and the WireGuard config, both read-write as upstream mounts them. */
    public static List<Mount> mounts(Path wgConfig, String engineSocket) {
        String socket = engineSocket == null || engineSocket.isBlank() ? UPSTREAM_SOCKET : engineSocket;
        return List.of(new Mount(socket, UPSTREAM_SOCKET, false),
                new Mount(Objects.requireNonNull(wgConfig, "wgConfig").toAbsolutePath().toString(), CONFIG_IN_CONTAINER, false));
    }

    /**
     * True when a failure to start Cargo looks like the engine refusing privileged mode (runc's
     * "unable to apply caps: operation not permitted"); then {@link #unprivileged} is worth a try.
     */
    public static boolean privilegeRefused(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 16; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("unable to apply caps")) {
                return true;
            }
        }
        return false;
    }

    private static String requireName(String connection) {
        if (connection == null || connection.isBlank()) {
            throw new IllegalArgumentException("connection name is blank");
        }
        return connection;
    }
}
