package dev.ponte.core.gefyra;

/**
 * The one place that pins the Gefyra version Ponte speaks, and the names the protocol fixes
 * (shared/gefyra-protocol.md sections 1, 2, 5; upstream client/gefyra/configuration.py).
 */
public final class Gefyra {
    /** Upstream release whose CRDs and published images Ponte drives. */
    public static final String VERSION = "2.5.4";
    public static final String DEFAULT_REGISTRY = "quay.io/gefyra";
    /** Gefyra's namespace; fixed upstream (the webhook certificate names gefyra-admission.gefyra.svc). */
    public static final String NAMESPACE = "gefyra";
    public static final String API_VERSION = "gefyra.dev/v1";
    /** Stowaway's WireGuard server address inside the tunnel; also its DNS server. */
    public static final String STOWAWAY_IP = "192.168.99.1";
    public static final int DEFAULT_NODE_PORT = 31820;
    /** Local names: {@code <prefix><connection>}. */
    public static final String NETWORK_PREFIX = "gefyra-network-";
    public static final String CARGO_PREFIX = "gefyra-cargo-";
    /** Cargo sits at {@code <first three octets of the subnet>.149}. */
    public static final int CARGO_HOST_OCTET = 149;
    /** Ponte's own marker on every object it creates, local or in the cluster (upstream ignores it). */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_PONTE = "ponte";

    private Gefyra() {
    }

    /** Cargo's address on a connection network: the subnet's first three octets and .149. */
    public static String cargoIp(String subnetCidr) {
        String net = subnetCidr.substring(0, subnetCidr.indexOf('/'));
        return net.substring(0, net.lastIndexOf('.') + 1) + CARGO_HOST_OCTET;
    }

    /** Stowaway's peer id for a client name: every non-alphanumeric character becomes {@code 000}. */
    public static String peerId(String clientName) {
        return clientName.replaceAll("[^0-9a-zA-Z]", "000");
    }
}
