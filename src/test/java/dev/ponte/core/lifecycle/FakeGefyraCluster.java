package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * In-memory Gefyra cluster for core lifecycle tests: answers like the operator would, at once
 * (create → WAITING, subnet → ACTIVE with a providerConfig, null subnet → WAITING), refuses a
 * subnet another client uses, and can fail any call on demand.
 */
public final class FakeGefyraCluster implements GefyraCluster {
    public boolean installed;
    public final Map<String, GefyraClient> clients = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();
    /** Call name → failure to throw once. */
    public final Map<String, RuntimeException> failOnce = new LinkedHashMap<>();
    /** Called with the call name before each call (tests cancel from here). */
    public java.util.function.Consumer<String> beforeCall = c -> { };
    boolean hasAmd64 = true;
    boolean mayInstall = true;
    /** Subnets the "webhook" refuses (as if another client had them). */
    public final java.util.Set<String> refuse = new java.util.HashSet<>();

    /** While set, every call fails with it (the API server does not answer). */
    public volatile RuntimeException unreachable;

    private void call(String name) {
        if (unreachable != null) {
            throw unreachable;
        }
        calls.add(name);
        beforeCall.accept(name);
        RuntimeException e = failOnce.remove(name);
        if (e != null) {
            throw e;
        }
    }

    public static Map<String, String> providerConfig() {
        return Map.of("Interface.Address", "192.168.99.2", "Interface.PrivateKey", "cHJpdmF0ZWtleXByaXZhdGVrZXlwcml2YXRla2V5MTI=",
                "Interface.DNS", "192.168.99.1", "Interface.ListenPort", "51820",
                "Interface.PublicKey", "b3duLXB1YmxpYy1rZXktb3duLXB1YmxpYy1rZXktMTI=",
                "Peer.PublicKey", "c2VydmVyLXB1YmxpYy1rZXktc2VydmVyLXB1YmxpYzE=",
                "Peer.PresharedKey", "cHJlc2hhcmVkLWtleS1wcmVzaGFyZWQta2V5LXByZTE=",
                "Peer.Endpoint", ":31820", "Peer.AllowedIPs", "0.0.0.0/0, ::/0");
    }

    @Override
    public boolean canI(String verb, String group, String resource, String namespace) {
        call("canI");
        if (denied.contains(verb + " " + (group.isEmpty() ? "" : group + "/") + resource)) {
            return false;
        }
        return mayInstall;
    }

    @Override
    public OperatorStatus operatorStatus() {
        call("operatorStatus");
        return installed ? new OperatorStatus(true, operatorImage, operatorReady, true, true)
                : new OperatorStatus(false, null, false, false, false);
    }

    @Override
    public List<String> nodeArchitectures() {
        call("nodeArchitectures");
        return List.of(hasAmd64 ? "amd64" : "arm64");
    }

    @Override
    public List<String> install(InstallOptions options, Progress progress, CancellationToken cancel) {
        call("install");
        installed = true;
        return List.of("Namespace/gefyra created");
    }

    @Override
    public void awaitOperatorReady(Duration timeout, Progress progress, CancellationToken cancel) {
        call("awaitOperatorReady");
        cancel.throwIfCancelled();
    }

    @Override
    public GefyraClient createClient(String name) {
        call("createClient");
        GefyraClient c = new GefyraClient(name, ClientState.WAITING, null, Map.of(), "gefyra-client-" + name);
        clients.put(name, c);
        return c;
    }

    @Override
    public Optional<GefyraClient> client(String name) {
        call("client");
        return Optional.ofNullable(clients.get(name));
    }

    @Override
    public GefyraClient awaitClient(String name, Predicate<GefyraClient> condition, String what, Duration timeout,
                                    CancellationToken cancel) {
        call("awaitClient");
        cancel.throwIfCancelled();
        GefyraClient c = clients.get(name);
        if (c == null || !condition.test(c)) {
            throw new RuntimeException(new TimeoutException("Timed out waiting for " + what));
        }
        return c;
    }

    @Override
    public void setSubnet(String clientName, String subnet) throws SubnetRejectedException {
        call("setSubnet");
        if (refuse.contains(subnet)) {
            throw new SubnetRejectedException(subnet, "refused by the webhook");
        }
        for (GefyraClient other : clients.values()) {
            if (!other.name().equals(clientName) && subnet.equals(other.subnet())) {
                throw new SubnetRejectedException(subnet, "taken by " + other.name());
            }
        }
        clients.put(clientName, new GefyraClient(clientName, ClientState.ACTIVE, subnet, providerConfig(), "sa"));
    }

    @Override
    public void clearSubnet(String clientName) {
        call("clearSubnet");
        GefyraClient c = clients.get(clientName);
        if (c != null) {
            clients.put(clientName, new GefyraClient(clientName, ClientState.WAITING, null, Map.of(), c.serviceAccountName()));
        }
    }

    @Override
    public List<String> activeSubnets() {
        call("activeSubnets");
        return clients.values().stream().filter(c -> c.state() == ClientState.ACTIVE && c.subnet() != null)
                .map(GefyraClient::subnet).toList();
    }

    @Override
    public void deleteClient(String name, Duration timeout, CancellationToken cancel) {
        call("deleteClient");
        clients.remove(name);
    }

    @Override
    public List<String> uninstall(Duration timeout, Progress progress, CancellationToken cancel) {
        call("uninstall");
        List<String> removed = new ArrayList<>(clients.keySet().stream().map(n -> "GefyraClient/" + n).toList());
        clients.clear();
        if (installed) {
            removed.add("Namespace/gefyra");
        }
        installed = false;
        return removed;
    }

    @Override
    public List<String> leftovers() {
        call("leftovers");
        List<String> left = new ArrayList<>(clients.keySet().stream().map(n -> "GefyraClient/gefyra/" + n).toList());
        if (installed) {
            left.add("Namespace//gefyra");
        }
        return left;
    }

    @Override
    public dev.ponte.core.port.Subscription watchOtherClients(String ownClient, Runnable onChange) {
        call("watchOtherClients");
        return () -> { };
    }

    // --- mounts and bridges: in memory, ACTIVE at once unless a test holds them ---
    public final Map<String, dev.ponte.core.gefyra.BridgeMount> mounts = new LinkedHashMap<>();
    public final Map<String, dev.ponte.core.gefyra.Bridge> bridges = new LinkedHashMap<>();
    final List<dev.ponte.core.gefyra.MountRequest> mountRequests = new ArrayList<>();
    final List<dev.ponte.core.gefyra.BridgeRequest> bridgeRequests = new ArrayList<>();
    /** The state a new mount or bridge reaches in the await (ERROR: the operator refused, with {@link #operatorMessage}). */
    String mountOutcome = "ACTIVE";
    String bridgeOutcome = "ACTIVE";
    String operatorMessage = "";

    @Override
    public List<dev.ponte.core.gefyra.BridgeMount> mounts() {
        call("mounts");
        return List.copyOf(mounts.values());
    }

    @Override
    public Optional<dev.ponte.core.gefyra.BridgeMount> mount(String name) {
        call("mount");
        return Optional.ofNullable(mounts.get(name));
    }

    @Override
    public dev.ponte.core.gefyra.BridgeMount createMount(dev.ponte.core.gefyra.MountRequest r) {
        call("createMount");
        mountRequests.add(r);
        var m = new dev.ponte.core.gefyra.BridgeMount(r.name(), r.targetNamespace(), r.target(), r.container(), "REQUESTED",
                null, java.time.Instant.EPOCH, r.createdBy());
        mounts.put(r.name(), m);
        mountChanged(m, false);
        return m;
    }

    @Override
    public dev.ponte.core.gefyra.BridgeMount awaitMountActive(String name, Duration timeout, Progress progress,
                                                              CancellationToken cancel) {
        call("awaitMountActive");
        var m = mounts.get(name);
        progress.message("Preparing shadow workload");
        var done = new dev.ponte.core.gefyra.BridgeMount(m.name(), m.targetNamespace(), m.target(), m.targetContainer(),
                mountOutcome, operatorMessage, m.created(), m.createdBy());
        mounts.put(name, done);
        mountChanged(done, false);
        if (!done.active()) {
            throw new dev.ponte.core.task.PonteException(dev.ponte.core.gefyra.BridgeAdvice.explain("GefyraBridgeMount " + name, operatorMessage));
        }
        return done;
    }

    @Override
    public void deleteMount(String name, Duration timeout, CancellationToken cancel) {
        call("deleteMount");
        var gone = mounts.remove(name);
        if (gone != null) {
            mountChanged(gone, true);
        }
        bridges.values().removeIf(b -> b.mount().equals(name));
    }

    @Override
    public List<dev.ponte.core.gefyra.Bridge> bridges(Map<String, String> labels) {
        call("bridges");
        return bridges.values().stream().filter(b -> labels.entrySet().stream().allMatch(e -> switch (e.getKey()) {
            case "gefyra.dev/client" -> e.getValue().equals(b.client());
            case "gefyra.dev/client-container" -> e.getValue().equals(b.clientContainer());
            case "gefyra.dev/bridge-mount" -> e.getValue().equals(b.mount());
            default -> false;
        })).toList();
    }

    @Override
    public dev.ponte.core.gefyra.Bridge createBridge(dev.ponte.core.gefyra.BridgeRequest r) {
        call("createBridge");
        bridgeRequests.add(r);
        var b = new dev.ponte.core.gefyra.Bridge(r.name(), r.mount(), r.client(), r.clientContainer(), r.destinationIp(),
                r.ports().stream().map(dev.ponte.core.gefyra.BridgeRequest.PortMapping::wire).toList(), r.rules(), Map.of(),
                "REQUESTED", null, java.time.Instant.EPOCH);
        bridges.put(r.name(), b);
        bridgeChanged(b, false);
        return b;
    }

    @Override
    public dev.ponte.core.gefyra.Bridge awaitBridgeActive(String name, Duration timeout, Progress progress,
                                                          CancellationToken cancel) {
        call("awaitBridgeActive");
        var b = bridges.get(name);
        progress.message("Proxy route set up");
        var done = new dev.ponte.core.gefyra.Bridge(b.name(), b.mount(), b.client(), b.clientContainer(), b.destinationIp(),
                b.portMappings(), b.rules(), Map.of("80", "gefyra-stowaway-proxy-10000.gefyra.svc.cluster.local:10000"),
                bridgeOutcome, operatorMessage, b.created());
        bridges.put(name, done);
        if (!done.active()) {
            throw new dev.ponte.core.task.PonteException(dev.ponte.core.gefyra.BridgeAdvice.explain("GefyraBridge " + name, operatorMessage));
        }
        return done;
    }

    @Override
    public void setBridgeDestination(String name, String destinationIp) {
        call("setBridgeDestination");
        var b = bridges.get(name);
        bridges.put(name, new dev.ponte.core.gefyra.Bridge(b.name(), b.mount(), b.client(), b.clientContainer(), destinationIp,
                b.portMappings(), b.rules(), b.clusterEndpoint(), b.state(), b.message(), b.created()));
    }

    @Override
    public void deleteBridge(String name, Duration timeout, CancellationToken cancel) {
        call("deleteBridge");
        var gone = bridges.remove(name);
        if (gone != null) {
            bridgeChanged(gone, true);
        }
    }

    @Override
    public dev.ponte.core.port.Subscription watchBridges(dev.ponte.core.port.StreamListener<dev.ponte.core.gefyra.Bridge> b,
                                                        dev.ponte.core.port.StreamListener<dev.ponte.core.gefyra.BridgeMount> m) {
        call("watchBridges");
        bridges.values().forEach(x -> b.onChange(dev.ponte.core.model.Change.added(x)));
        mounts.values().forEach(x -> m.onChange(dev.ponte.core.model.Change.added(x)));
        b.onSynced();
        m.onSynced();
        bridgeWatchers.add(b);
        mountWatchers.add(m);
        return () -> {
            bridgeWatchers.remove(b);
            mountWatchers.remove(m);
        };
    }

    /** The open bridge watches (tests make them go stale or fail). */
    public final List<dev.ponte.core.port.StreamListener<dev.ponte.core.gefyra.Bridge>> bridgeWatchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<dev.ponte.core.port.StreamListener<dev.ponte.core.gefyra.BridgeMount>> mountWatchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Tells open watches that a mount was added, changed or deleted. */
    public void mountChanged(dev.ponte.core.gefyra.BridgeMount mount, boolean deleted) {
        mountWatchers.forEach(w -> w.onChange(new dev.ponte.core.model.Change<>(deleted
                ? dev.ponte.core.model.Change.Type.DELETED : dev.ponte.core.model.Change.Type.MODIFIED, mount)));
    }

    /** Tells open watches that a bridge was added or changed (null old) or deleted. */
    public void bridgeChanged(dev.ponte.core.gefyra.Bridge bridge, boolean deleted) {
        bridgeWatchers.forEach(w -> w.onChange(new dev.ponte.core.model.Change<>(deleted
                ? dev.ponte.core.model.Change.Type.DELETED : dev.ponte.core.model.Change.Type.MODIFIED, bridge)));
    }

    // --- issue 14: diagnostics, team view, cleanup, support bundle ---

    /** Permissions the access review denies, as {@code "verb group/resource"} (group empty: {@code "verb resource"}). */
    public final java.util.Set<String> denied = new java.util.HashSet<>();
    /** The operator image {@link #operatorStatus()} reports (its tag is the version). */
    public volatile String operatorImage = "quay.io/gefyra/operator:2.5.4";
    public volatile boolean operatorReady = true;
    public final List<PodInfo> gefyraPods = new ArrayList<>(List.of(
            new PodInfo("gefyra", "gefyra-operator-6d4f", "Running", true, 0, Map.of("gefyra", "quay.io/gefyra/operator:2.5.4"), "node-1"),
            new PodInfo("gefyra", "gefyra-stowaway-0", "Running", true, 0, Map.of("stowaway", "quay.io/gefyra/stowaway:2.5.4"), "node-1")));
    public final List<EventInfo> events = new ArrayList<>();
    public final Map<String, String> proxyRoutes = new LinkedHashMap<>();
    /** Node name → arch; empty: one node whose arch follows {@link #hasAmd64}. */
    public final Map<String, String> nodes = new LinkedHashMap<>();
    /** Since-when of each client (team view); missing: the epoch. */
    public final Map<String, java.time.Instant> clientSince = new LinkedHashMap<>();
    public final List<String> clientRbac = new ArrayList<>();
    public final List<MountArtifact> mountArtifacts = new ArrayList<>();

    @Override
    public List<PodInfo> gefyraPods() {
        call("gefyraPods");
        return List.copyOf(gefyraPods);
    }

    @Override
    public List<EventInfo> events(String about, int limit) {
        call("events");
        return events.stream().filter(e -> about == null || e.object().contains(about)).limit(limit).toList();
    }

    @Override
    public Map<String, String> proxyRoutes() {
        call("proxyRoutes");
        return Map.copyOf(proxyRoutes);
    }

    @Override
    public Map<String, String> nodes() {
        call("nodes");
        return nodes.isEmpty() ? Map.of("node-1", hasAmd64 ? "amd64" : "arm64") : Map.copyOf(nodes);
    }

    @Override
    public List<ClientInfo> clients() {
        call("clients");
        return clients.values().stream().map(c -> new ClientInfo(c.name(), c.state(),
                clientSince.getOrDefault(c.name(), java.time.Instant.EPOCH), c.subnet(), java.time.Instant.EPOCH, Map.of())).toList();
    }

    @Override
    public List<String> objectsYaml(String clientId) {
        call("objectsYaml");
        GefyraClient c = clients.get(clientId);
        return c == null ? List.of() : List.of("kind: gefyraclient\nmetadata:\n  name: " + c.name() + "\nstate: " + c.state() + "\n");
    }

    @Override
    public List<String> clientRbac() {
        call("clientRbac");
        return List.copyOf(clientRbac);
    }

    @Override
    public void deleteClientRbac(String kindAndName) {
        call("deleteClientRbac");
        clientRbac.remove(kindAndName);
    }

    @Override
    public List<MountArtifact> mountArtifacts() {
        call("mountArtifacts");
        return List.copyOf(mountArtifacts);
    }

    @Override
    public void deleteMountArtifact(MountArtifact artifact) {
        call("deleteMountArtifact");
        mountArtifacts.removeIf(a -> a.id().equals(artifact.id()));
    }
}
