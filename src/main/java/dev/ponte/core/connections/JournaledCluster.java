package dev.ponte.core.connections;

import dev.ponte.core.connections.Journal.Kind;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Gefyra's side of one cluster, writing each create and delete of one connection into the {@link Journal} around the
 * call (see {@link JournaledEngine}). The journal's "where" for cluster objects is the kube context.
 */
public final class JournaledCluster implements GefyraCluster {
    private final GefyraCluster cluster;
    private final Journal journal;
    private final String connection;
    private final String context;
    private final String operation;

    /** @param operation the id of the operation the entries belong to ({@link Journal#started}) */
    public JournaledCluster(GefyraCluster cluster, Journal journal, String connection, String context, String operation) {
        this.operation = operation;
        this.cluster = cluster;
        this.journal = journal;
        this.connection = connection;
        this.context = context;
    }

    @Override
    public List<String> install(InstallOptions options, Progress progress, CancellationToken cancel) {
        journal.creating(Kind.INSTALL, "gefyra", connection, context, context, operation);
        List<String> out = cluster.install(options, progress, cancel);
        journal.created(Kind.INSTALL, context, "gefyra");
        return out;
    }

    @Override
    public List<String> uninstall(Duration timeout, Progress progress, CancellationToken cancel) {
        journal.removing(Kind.INSTALL, context, "gefyra");
        List<String> out = cluster.uninstall(timeout, progress, cancel);
        // Every client, mount and bridge of the cluster went with it.
        journal.removedAll(e -> context.equals(e.where())
                && (e.kind() == Kind.INSTALL || e.kind() == Kind.CLIENT || e.kind() == Kind.MOUNT || e.kind() == Kind.BRIDGE));
        return out;
    }

    @Override
    public GefyraClient createClient(String name) {
        return create(Kind.CLIENT, name, () -> cluster.createClient(name));
    }

    @Override
    public void deleteClient(String name, Duration timeout, CancellationToken cancel) {
        delete(Kind.CLIENT, name, () -> cluster.deleteClient(name, timeout, cancel));
    }

    @Override
    public BridgeMount createMount(MountRequest request) {
        return create(Kind.MOUNT, request.name(), () -> cluster.createMount(request));
    }

    @Override
    public void deleteMount(String name, Duration timeout, CancellationToken cancel) {
        delete(Kind.MOUNT, name, () -> cluster.deleteMount(name, timeout, cancel));
    }

    @Override
    public Bridge createBridge(BridgeRequest request) {
        return create(Kind.BRIDGE, request.name(), () -> cluster.createBridge(request));
    }

    @Override
    public void deleteBridge(String name, Duration timeout, CancellationToken cancel) {
        delete(Kind.BRIDGE, name, () -> cluster.deleteBridge(name, timeout, cancel));
    }

    /** "Creating" on disk before the call goes out, "created" once it came back. */
    private <T> T create(Kind kind, String name, java.util.function.Supplier<T> call) {
        journal.creating(kind, name, connection, context, context, operation);
        T made = call.get();
        journal.created(kind, context, name);
        return made;
    }

    /** "Removing" on disk before the call goes out, forgotten once it came back. */
    private void delete(Kind kind, String name, Runnable call) {
        journal.removing(kind, context, name);
        call.run();
        journal.removed(kind, context, name);
    }

    @Override
    public boolean canI(String verb, String group, String resource, String namespace) {
        return cluster.canI(verb, group, resource, namespace);
    }

    @Override
    public OperatorStatus operatorStatus() {
        return cluster.operatorStatus();
    }

    @Override
    public List<String> nodeArchitectures() {
        return cluster.nodeArchitectures();
    }

    @Override
    public void awaitOperatorReady(Duration timeout, Progress progress, CancellationToken cancel) {
        cluster.awaitOperatorReady(timeout, progress, cancel);
    }

    @Override
    public Optional<GefyraClient> client(String name) {
        return cluster.client(name);
    }

    @Override
    public GefyraClient awaitClient(String name, Predicate<GefyraClient> condition, String what, Duration timeout,
                                    CancellationToken cancel) {
        return cluster.awaitClient(name, condition, what, timeout, cancel);
    }

    @Override
    public void setSubnet(String clientName, String subnet) throws SubnetRejectedException {
        cluster.setSubnet(clientName, subnet);
    }

    @Override
    public void clearSubnet(String clientName) {
        cluster.clearSubnet(clientName);
    }

    @Override
    public List<String> activeSubnets() {
        return cluster.activeSubnets();
    }

    @Override
    public List<String> leftovers() {
        return cluster.leftovers();
    }

    @Override
    public Subscription watchOtherClients(String ownClient, Runnable onChange) {
        return cluster.watchOtherClients(ownClient, onChange);
    }

    @Override
    public List<BridgeMount> mounts() {
        return cluster.mounts();
    }

    @Override
    public Optional<BridgeMount> mount(String name) {
        return cluster.mount(name);
    }

    @Override
    public BridgeMount awaitMountActive(String name, Duration timeout, Progress progress, CancellationToken cancel) {
        return cluster.awaitMountActive(name, timeout, progress, cancel);
    }

    @Override
    public List<Bridge> bridges(Map<String, String> labels) {
        return cluster.bridges(labels);
    }

    @Override
    public Bridge awaitBridgeActive(String name, Duration timeout, Progress progress, CancellationToken cancel) {
        return cluster.awaitBridgeActive(name, timeout, progress, cancel);
    }

    @Override
    public void setBridgeDestination(String name, String destinationIp) {
        cluster.setBridgeDestination(name, destinationIp);
    }

    @Override
    public Subscription watchBridges(StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts) {
        return cluster.watchBridges(bridges, mounts);
    }

    // --- reads and cleanup of issue 14 pass straight through ---

    @Override
    public List<PodInfo> gefyraPods() {
        return cluster.gefyraPods();
    }

    @Override
    public List<EventInfo> events(String about, int limit) {
        return cluster.events(about, limit);
    }

    @Override
    public Map<String, String> proxyRoutes() {
        return cluster.proxyRoutes();
    }

    @Override
    public Map<String, String> nodes() {
        return cluster.nodes();
    }

    @Override
    public List<ClientInfo> clients() {
        return cluster.clients();
    }

    @Override
    public List<String> objectsYaml(String clientId) {
        return cluster.objectsYaml(clientId);
    }

    @Override
    public List<String> clientRbac() {
        return cluster.clientRbac();
    }

    @Override
    public void deleteClientRbac(String kindAndName) {
        cluster.deleteClientRbac(kindAndName);
    }

    @Override
    public List<MountArtifact> mountArtifacts() {
        return cluster.mountArtifacts();
    }

    @Override
    public void deleteMountArtifact(MountArtifact artifact) {
        cluster.deleteMountArtifact(artifact);
    }
}
