package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Part of {@link GefyraOperatorDouble}: the Stowaway connection provider as the operator drives it (upstream
 * operator/gefyra/connection/stowaway/__init__.py: {@code add_peer}, {@code remove_peer}, {@code peer_exists},
 * {@code _subnet_taken}, {@code _translate_peer_name}, {@code _get_wireguard_connection_details}; peer template
 * stowaway/root/defaults/peer.conf). Peers live in ConfigMap {@code gefyra-stowaway-config} ({@code PEERS},
 * {@code SERVER_ALLOWEDIPS_PEER_<id>}); every change restarts the Stowaway pod, as upstream does. Peer keys and
 * addresses stay until the peer is removed ({@code /config/peer_<id>} on Stowaway's volume).
 */
final class DoubleStowaway {
    static final String CONFIG_MAP = "gefyra-stowaway-config";
    private static final String ALLOWED_IPS_PREFIX = "SERVER_ALLOWEDIPS_PEER_";

    /** What Stowaway generates for one peer. */
    record Peer(String address, WireGuardKeys keys, String presharedKey) {
    }

    private final GefyraOperatorDouble d;
    private final KubernetesClient client;
    /** peer id → subnet, mirrored into the ConfigMap; read by the admission hook (which must not call the server). */
    private final Map<String, String> allowedIps = new LinkedHashMap<>();
    private final Map<String, Peer> peers = new LinkedHashMap<>();

    DoubleStowaway(GefyraOperatorDouble d) {
        this.d = d;
        this.client = d.client;
    }

    /** {@code _translate_peer_name}: every character outside [0-9a-zA-Z] becomes {@code 000}. */
    static String peerId(String clientName) {
        return clientName.replaceAll("[^0-9a-zA-Z]", "000");
    }

    /** The operator replaced the ConfigMap with its defaults at start-up: no peers any more. */
    synchronized void reset() {
        allowedIps.clear();
    }

    synchronized boolean exists(String clientName) {
        return allowedIps.containsKey(peerId(clientName));
    }

    /** {@code _subnet_taken}: the network address equals that of a {@code SERVER_ALLOWEDIPS_PEER_*} value. */
    synchronized boolean subnetTaken(String subnet) {
        String network = subnet.split("/", 2)[0];
        return allowedIps.values().stream().anyMatch(v -> v.split("/", 2)[0].equals(network));
    }

    /** {@code add_peer}: prepend to PEERS, set the allowed IPs, restart Stowaway. */
    void add(String clientName, String subnet) {
        synchronized (this) {
            allowedIps.put(peerId(clientName), subnet);
        }
        writeConfigMap();
        d.startup.restartStowaway();
    }

    /** {@code remove_peer}: drop it from PEERS, remove its keys ({@code rm -rf /config/peer_<id>}), restart. */
    void remove(String clientName) {
        synchronized (this) {
            allowedIps.remove(peerId(clientName));
            peers.remove(peerId(clientName));
        }
        writeConfigMap();
        d.startup.restartStowaway();
    }

    /**
     * {@code get_peer_config}: the peer's config file parsed into flat {@code <Section>.<Key>} keys plus
     * {@code Interface.PublicKey} — nine keys (section 4.6). Addresses: first free of 192.168.99.2–254.
     */
    synchronized Map<String, String> providerConfig(String clientName) {
        Peer peer = peers.computeIfAbsent(peerId(clientName), id -> new Peer(freeAddress(),
                WireGuardKeys.generate(), WireGuardKeys.presharedKey()));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("Interface.Address", peer.address());
        config.put("Interface.PrivateKey", peer.keys().privateKey());
        config.put("Interface.ListenPort", "51820");
        config.put("Interface.DNS", "192.168.99.1"); // PEERDNS=auto → the server address
        config.put("Peer.PublicKey", d.options.stowawayKeys().publicKey());
        config.put("Peer.PresharedKey", peer.presharedKey());
        config.put("Peer.Endpoint", d.options.stowawayEndpoint());
        config.put("Peer.AllowedIPs", "0.0.0.0/0, ::/0");
        config.put("Interface.PublicKey", peer.keys().publicKey());
        return config;
    }

    private String freeAddress() {
        Set<String> used = new TreeSet<>();
        peers.values().forEach(p -> used.add(p.address()));
        for (int i = 2; i <= 254; i++) {
            if (!used.contains("192.168.99." + i)) {
                return "192.168.99." + i;
            }
        }
        throw new IllegalStateException("Stowaway has no free peer address");
    }

    private void writeConfigMap() {
        Map<String, String> ips;
        synchronized (this) {
            ips = new LinkedHashMap<>(allowedIps);
        }
        var map = client.configMaps().inNamespace(NAMESPACE).withName(CONFIG_MAP);
        map.edit(cm -> {
            Map<String, String> data = new LinkedHashMap<>(cm.getData() == null ? Map.of() : cm.getData());
            data.keySet().removeIf(k -> k.startsWith(ALLOWED_IPS_PREFIX));
            ips.forEach((id, subnet) -> data.put(ALLOWED_IPS_PREFIX + id, subnet));
            // newest first, "0" (the template's placeholder) stays last, as upstream's prepend leaves it
            java.util.List<String> order = new java.util.ArrayList<>(ips.keySet());
            java.util.Collections.reverse(order);
            order.add("0");
            data.put("PEERS", String.join(",", order));
            return new ConfigMapBuilder(cm).withData(data).build();
        });
    }
}
