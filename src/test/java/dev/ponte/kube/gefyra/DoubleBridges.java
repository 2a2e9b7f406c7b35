package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Part of {@link GefyraOperatorDouble}: GefyraBridges with provider {@code carrier2} and connection provider
 * {@code stowaway}, following upstream operator/gefyra/bridgestate.py (states, events), handler/bridges.py (create,
 * {@code destinationIP} field handler, delete), connection/stowaway/__init__.py ({@code add_destination},
 * {@code remove_destination}, {@code destination_exists}, {@code _get_free_proxyroute_port},
 * {@code _notify_stowaway_pod}), connection/stowaway/resources/services.py and bridge/carrier2/__init__.py
 * ({@code ready}: the mount must be ACTIVE). Mounts are {@link DoubleMounts}; admission is
 * {@link DoubleBridgeAdmission}.
 * <ul>
 *   <li>REQUESTED → INSTALLING → INSTALLED (only while the mount is ACTIVE; otherwise event "GefyraBridge waiting")
 *       → CREATING: per port mapping {@code "<local>:<remote>"} a route {@code "<client>-<10 a-z>":
 *       "<ip>:<local>,<P>"} in ConfigMap {@code gefyra-stowaway-proxyroutes} (P: first free from 10000), Service
 *       {@code gefyra-stowaway-proxy-<P>}, Stowaway's pod annotated, {@code clusterEndpoint[<remote>]} merged in
 *       → ACTIVE with event {@code Ready}.</li>
 *   <li>A new {@code destinationIP} on an ACTIVE bridge: the old routes go, RESTORING → INSTALLED, then as above.</li>
 *   <li>Delete (Kopf's finalizer): routes and Services go, then the finalizer.</li>
 * </ul>
 * Carrier2's rule commit is not simulated (no exec on the mock).
 */
final class DoubleBridges {
    static final String PROXY_ROUTES = "gefyra-stowaway-proxyroutes";
    static final String PROXY_SERVICE_PREFIX = "gefyra-stowaway-proxy-";

    private final GefyraOperatorDouble d;
    private final KubernetesClient client;

    DoubleBridges(GefyraOperatorDouble d) {
        this.d = d;
        this.client = d.client;
    }

    /** The double's entry for both kinds (mounts are {@link DoubleMounts}'). */
    void reconcile(Kind kind, String name) {
        if (kind == Kind.MOUNT) {
            d.mounts.reconcile(name);
            return;
        }
        if (!d.startup.operatorRunning) {
            return;
        }
        GenericKubernetesResource r = Kind.BRIDGE.in(client).withName(name).get();
        if (r == null) {
            return;
        }
        if (r.getMetadata().getDeletionTimestamp() != null) {
            if (d.proceed(Stage.BRIDGE_TERMINATE)) {
                teardown(r, destination(r));
                d.restored.add(Kind.BRIDGE.display + "/" + name);
                DoubleSupport.removeFinalizer(client, Kind.BRIDGE, r);
            }
            return;
        }
        if (!r.getFinalizers().contains(GefyraResources.FINALIZER)) {
            DoubleSupport.addFinalizer(client, Kind.BRIDGE, r);
            return;
        }
        switch (Objects.toString(r.getAdditionalProperties().getOrDefault("state", "REQUESTED"))) {
            case "REQUESTED" -> {
                if (mountReady(r)) {
                    writeState(r, "INSTALLING");
                }
            }
            case "INSTALLING" -> {
                if (mountReady(r)) {
                    writeState(r, "INSTALLED");
                }
            }
            case "INSTALLED" -> activate(r);
            case "CREATING" -> {
                event(r, "Ready", "GefyraBridge '" + name + "' is now active", "Normal");
                writeState(r, "ACTIVE");
            }
            case "ACTIVE" -> rerouteIfMoved(r);
            default -> { }
        }
    }

    /** {@code _wait_for_provider}: Carrier2's {@code ready()} needs the mount ACTIVE. */
    private boolean mountReady(GenericKubernetesResource r) {
        String mount = Objects.toString(r.getAdditionalProperties().get("target"), "");
        DoubleMounts.Seen seen = d.mounts.seen.get(mount);
        GenericKubernetesResource m = seen == null ? Kind.MOUNT.in(client).withName(mount).get() : null;
        String state = seen != null ? seen.state() : m == null ? null : Objects.toString(m.getAdditionalProperties().get("state"));
        if ("ACTIVE".equals(state)) {
            return true;
        }
        event(r, "GefyraBridge waiting", "GefryaBridge '" + r.getMetadata().getName()
                + "' is waiting for GefyraBridge provider", "Normal");
        return false;
    }

    /** {@code on_activate}: {@code handle_proxyroute_setup}, then CREATING (the next step establishes). */
    private void activate(GenericKubernetesResource r) {
        String name = r.getMetadata().getName();
        event(r, "GefyraBridge state changed", "GefryaBridge '" + name + "' is being activated", "Normal");
        String ip = destination(r);
        String clientId = Objects.toString(r.getAdditionalProperties().get("client"));
        if (ip == null || client.pods().inNamespace(NAMESPACE).withName(GefyraResources.STOWAWAY_POD).get() == null) {
            event(r, "Failed in state INSTALLED", ip == null ? "'destinationIP'" : "No Stowaway Pod found for destination addition",
                    "Warning");
            writeState(r, "ERROR");
            return;
        }
        for (String[] mapping : mappings(r)) {
            String local = mapping[0];
            String remote = mapping[1];
            String endpoint = findDestination(clientId, ip, local);
            if (endpoint == null) {
                endpoint = addDestination(clientId, ip, local);
            }
            DoubleSupport.mergePatch(client, Kind.BRIDGE, name, Map.of("clusterEndpoint", Map.of(remote, endpoint)));
            event(r, "GefyraBridge connection", "Added cluster endpoint '" + endpoint + "' for local port '" + local + "'",
                    "Normal");
        }
        writeState(r, "CREATING");
    }

    /** handler/bridges.py {@code update_bridge_destination}: teardown of the old IP, restore, activate again. */
    private void rerouteIfMoved(GenericKubernetesResource r) {
        String ip = destination(r);
        String clientId = Objects.toString(r.getAdditionalProperties().get("client"));
        if (ip == null || r.getAdditionalProperties().get("clusterEndpoint") == null) {
            return;
        }
        String routed = null;
        for (Service s : proxyServices(clientId)) {
            String dest = s.getMetadata().getLabels().get("gefyra.dev/destination");
            if (endpointServices(r).contains(s.getMetadata().getName()) && dest != null) {
                routed = dest.substring(0, dest.lastIndexOf('_'));
            }
        }
        if (routed != null && !routed.equals(ip)) {
            teardown(r, routed);
            writeState(r, "RESTORING");
            writeState(r, "INSTALLED");
        }
    }

    /** {@code handle_proxyroute_teardown}: per mapping, the route and its Service (Carrier2's rule: not simulated). */
    private void teardown(GenericKubernetesResource r, String ip) {
        String clientId = Objects.toString(r.getAdditionalProperties().get("client"), "");
        if (ip == null) {
            return;
        }
        boolean changed = false;
        for (String[] mapping : mappings(r)) {
            if (findDestination(clientId, ip, mapping[0]) != null) {
                removeDestination(clientId, ip, mapping[0]);
                changed = true;
            }
        }
        if (changed) {
            notifyStowaway();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Stowaway destinations

    /** {@code add_destination}: route entry, proxy Service, notify; returns {@code <svc>.gefyra.svc.cluster.local:<P>}. */
    private String addDestination(String clientId, String ip, String localPort) {
        int port = freePort();
        String key = clientId + "-" + randomLetters(10);
        client.configMaps().inNamespace(NAMESPACE).withName(PROXY_ROUTES).edit(cm -> {
            Map<String, String> data = new LinkedHashMap<>(cm.getData() == null ? Map.of() : cm.getData());
            data.put(key, ip + ":" + localPort + "," + port);
            return new ConfigMapBuilder(cm).withData(data).build();
        });
        String svc = PROXY_SERVICE_PREFIX + port;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("gefyra.dev/app", "stowaway");
        labels.put("gefyra.dev/role", "proxy");
        labels.put("gefyra.dev/proxy-port", String.valueOf(port));
        labels.put("gefyra.dev/client-id", clientId);
        labels.put("gefyra.dev/destination", ip + "_" + localPort);
        client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName(svc)
                .withNamespace(NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(GefyraManifests.STOWAWAY_LABELS)
                .addNewPort().withName(String.valueOf(port)).withPort(port).withNewTargetPort(port).endPort()
                .endSpec().build()).create();
        notifyStowaway();
        return svc + "." + NAMESPACE + ".svc.cluster.local:" + port;
    }

    /** {@code destination_exists} + {@code get_destination}: the endpoint, or null. */
    private String findDestination(String clientId, String ip, String localPort) {
        ConfigMap routes = client.configMaps().inNamespace(NAMESPACE).withName(PROXY_ROUTES).get();
        boolean routed = routes != null && routes.getData() != null
                && routes.getData().values().stream().anyMatch(v -> v.contains(ip + ":" + localPort));
        if (!routed) {
            return null;
        }
        return proxyServices(clientId).stream()
                .filter(s -> (ip + "_" + localPort).equals(s.getMetadata().getLabels().get("gefyra.dev/destination")))
                .map(s -> {
                    String n = s.getMetadata().getName();
                    return n + "." + NAMESPACE + ".svc.cluster.local:" + n.substring(n.lastIndexOf('-') + 1);
                })
                .findFirst().orElse(null);
    }

    /** {@code remove_destination}: the entry whose target is {@code ip:port}, and Service {@code ...-proxy-<P>}. */
    private void removeDestination(String clientId, String ip, String localPort) {
        String[] port = {null};
        client.configMaps().inNamespace(NAMESPACE).withName(PROXY_ROUTES).edit(cm -> {
            Map<String, String> data = new LinkedHashMap<>(cm.getData() == null ? Map.of() : cm.getData());
            data.entrySet().removeIf(e -> {
                boolean match = e.getValue().split(",")[0].equals(ip + ":" + localPort);
                if (match) {
                    port[0] = e.getValue().split(",")[1];
                }
                return match;
            });
            return new ConfigMapBuilder(cm).withData(data).build();
        });
        if (port[0] != null) {
            client.services().inNamespace(NAMESPACE).withName(PROXY_SERVICE_PREFIX + port[0]).delete();
        }
    }

    private List<Service> proxyServices(String clientId) {
        return client.services().inNamespace(NAMESPACE).withLabel("gefyra.dev/role", "proxy")
                .withLabel("gefyra.dev/client-id", clientId).list().getItems();
    }

    /** {@code _get_free_proxyroute_port}: the first of 10000–59999 no route uses. */
    private int freePort() {
        ConfigMap routes = client.configMaps().inNamespace(NAMESPACE).withName(PROXY_ROUTES).get();
        List<Integer> taken = new ArrayList<>();
        if (routes != null && routes.getData() != null) {
            routes.getData().values().forEach(v -> taken.add(Integer.parseInt(v.split(",")[1])));
        }
        for (int port = 10000; port < 60000; port++) {
            if (!taken.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port found for proxy route");
    }

    /** {@code _notify_stowaway_pod}: an annotation change makes the kubelet refresh the ConfigMap volume. */
    private void notifyStowaway() {
        client.pods().inNamespace(NAMESPACE).withName(GefyraResources.STOWAWAY_POD).edit(p -> {
            Map<String, String> a = new LinkedHashMap<>(p.getMetadata().getAnnotations() == null ? Map.of()
                    : p.getMetadata().getAnnotations());
            a.put("operator", "update-notification-" + DoubleSupport.now());
            p.getMetadata().setAnnotations(a);
            return p;
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private static List<String[]> mappings(GenericKubernetesResource r) {
        List<String[]> out = new ArrayList<>();
        if (r.getAdditionalProperties().get("portMappings") instanceof List<?> list) {
            list.forEach(m -> out.add(String.valueOf(m).split(":", 2)));
        }
        return out;
    }

    private static List<String> endpointServices(GenericKubernetesResource r) {
        List<String> out = new ArrayList<>();
        if (r.getAdditionalProperties().get("clusterEndpoint") instanceof Map<?, ?> m) {
            m.values().forEach(v -> out.add(String.valueOf(v).split("\\.", 2)[0]));
        }
        return out;
    }

    private static String destination(GenericKubernetesResource r) {
        Object ip = r.getAdditionalProperties().get("destinationIP");
        return ip == null || ip.toString().isEmpty() ? null : ip.toString();
    }

    private static String randomLetters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    private void writeState(GenericKubernetesResource r, String state) {
        DoubleSupport.writeState(client, Kind.BRIDGE, r.getMetadata().getName(), state);
    }

    private void event(GenericKubernetesResource r, String reason, String note, String type) {
        DoubleSupport.postObjectEvent(client, r, "GefyraBridge", reason, note, type);
    }
}
