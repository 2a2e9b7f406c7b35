package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Gefyra 2.5.4's cluster side through one fabric8 client: install and readiness ({@link OperatorInstall}), GefyraClient
 * resources ({@link ClientOperations}), uninstall ({@link GefyraUninstall}) and the leftover check
 * ({@link GefyraLeftovers}), mounts ({@link MountOperations}) and bridges ({@link BridgeOperations}). Blocking calls
 * for the task layer; waits are watches, bounded and cancellable.
 * Never logs providerConfig, tokens or serviceAccountData.
 */
public final class Fabric8GefyraCluster implements GefyraCluster {
    private final KubernetesClient client;
    private final OperatorInstall operator;
    private final ClientOperations clients;
    private final MountOperations mounts;
    private final BridgeOperations bridges;
    private final GefyraInsights insights;

    /** How the bridge and mount watches check that they still deliver. */
    private final dev.ponte.kube.WatchChecks checks;

    public Fabric8GefyraCluster(KubernetesClient client) {
        this(client, dev.ponte.kube.WatchChecks.DEFAULT);
    }

    public Fabric8GefyraCluster(KubernetesClient client, dev.ponte.kube.WatchChecks checks) {
        this.client = client;
        this.checks = checks;
        this.operator = new OperatorInstall(client);
        this.clients = new ClientOperations(client);
        this.mounts = new MountOperations(client);
        this.bridges = new BridgeOperations(client);
        this.insights = new GefyraInsights(client);
    }

    @Override
    public boolean canI(String verb, String group, String resource, String namespace) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes()
                .withVerb(verb).withGroup(group).withResource(resource).withNamespace(namespace)
                .endResourceAttributes().endSpec()
                .build();
        try {
            SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
            return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    @Override
    public OperatorStatus operatorStatus() {
        return operator.status();
    }

    /** {@code kubernetes.io/arch} of every node, in list order; the kubelet's report where the label is missing. */
    @Override
    public List<String> nodeArchitectures() {
        try {
            return client.nodes().list().getItems().stream().map(Fabric8GefyraCluster::architecture).toList();
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    private static String architecture(Node node) {
        var labels = node.getMetadata().getLabels();
        if (labels != null && labels.get("kubernetes.io/arch") != null) {
            return labels.get("kubernetes.io/arch");
        }
        if (node.getStatus() != null && node.getStatus().getNodeInfo() != null
                && node.getStatus().getNodeInfo().getArchitecture() != null) {
            return node.getStatus().getNodeInfo().getArchitecture();
        }
        return "unknown";
    }

    @Override
    public List<String> install(InstallOptions options, Progress progress, CancellationToken cancel) {
        return operator.install(options, progress, cancel);
    }

    @Override
    public void awaitOperatorReady(Duration timeout, Progress progress, CancellationToken cancel) {
        operator.awaitReady(timeout, progress, cancel);
    }

    @Override
    public GefyraClient createClient(String name) {
        return clients.create(name);
    }

    @Override
    public Optional<GefyraClient> client(String name) {
        return clients.get(name);
    }

    @Override
    public GefyraClient awaitClient(String name, Predicate<GefyraClient> condition, String what, Duration timeout,
                                   CancellationToken cancel) {
        return clients.await(name, condition, what, timeout, cancel);
    }

    @Override
    public void setSubnet(String clientName, String subnet) throws SubnetRejectedException {
        clients.setSubnet(clientName, subnet);
    }

    @Override
    public void clearSubnet(String clientName) {
        clients.clearSubnet(clientName);
    }

    /** Subnets of every client that has one (enabling, active, or just requested): none may be used again. */
    @Override
    public List<String> activeSubnets() {
        return clients.subnetsInUse();
    }

    @Override
    public void deleteClient(String name, Duration timeout, CancellationToken cancel) {
        clients.delete(name, timeout, cancel);
    }

    /** See {@link GefyraUninstall}; {@code timeout} bounds each wait for the operator and for the namespace. */
    @Override
    public List<String> uninstall(Duration timeout, Progress progress, CancellationToken cancel) {
        return new GefyraUninstall(client).run(timeout, progress, cancel);
    }

    @Override
    public List<String> leftovers() {
        return new GefyraLeftovers(client).list();
    }

    @Override
    public dev.ponte.core.port.Subscription watchOtherClients(String ownClient, Runnable onChange) {
        var informer = GefyraResources.Kind.CLIENT.in(client).runnableInformer(0);
        informer.addEventHandler(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(io.fabric8.kubernetes.api.model.GenericKubernetesResource r) {
                // The initial list is not a change; only clients created while we watch.
                if (informer.hasSynced() && !ownClient.equals(r.getMetadata().getName())) {
                    onChange.run();
                }
            }

            @Override
            public void onUpdate(io.fabric8.kubernetes.api.model.GenericKubernetesResource old,
                                 io.fabric8.kubernetes.api.model.GenericKubernetesResource now) {
                boolean stateChanged = !java.util.Objects.equals(old.getAdditionalProperties().get("state"),
                        now.getAdditionalProperties().get("state"));
                if (stateChanged && !ownClient.equals(now.getMetadata().getName())) {
                    onChange.run();
                }
            }

            @Override
            public void onDelete(io.fabric8.kubernetes.api.model.GenericKubernetesResource r, boolean unknown) {
                if (!ownClient.equals(r.getMetadata().getName())) {
                    onChange.run();
                }
            }
        });
        informer.start();
        return informer::close;
    }

    // --- mounts and bridges (MountOperations, BridgeOperations) ---

    @Override
    public List<dev.ponte.core.gefyra.BridgeMount> mounts() {
        return mounts.list();
    }

    @Override
    public Optional<dev.ponte.core.gefyra.BridgeMount> mount(String name) {
        return mounts.get(name);
    }

    @Override
    public dev.ponte.core.gefyra.BridgeMount createMount(dev.ponte.core.gefyra.MountRequest request) {
        return mounts.create(request);
    }

    /** Ends at state ACTIVE (upstream posts {@code Ready} just before writing it); see {@link StateWait}. */
    @Override
    public dev.ponte.core.gefyra.BridgeMount awaitMountActive(String name, Duration timeout, Progress progress,
                                                             CancellationToken cancel) {
        return mounts.await(name, timeout, progress, cancel);
    }

    @Override
    public void deleteMount(String name, Duration timeout, CancellationToken cancel) {
        mounts.delete(name, timeout, cancel);
    }

    @Override
    public List<dev.ponte.core.gefyra.Bridge> bridges(java.util.Map<String, String> labels) {
        return bridges.list(labels);
    }

    @Override
    public dev.ponte.core.gefyra.Bridge createBridge(dev.ponte.core.gefyra.BridgeRequest request) {
        return bridges.create(request);
    }

    @Override
    public dev.ponte.core.gefyra.Bridge awaitBridgeActive(String name, Duration timeout, Progress progress,
                                                         CancellationToken cancel) {
        return bridges.await(name, timeout, progress, cancel);
    }

    @Override
    public void setBridgeDestination(String name, String destinationIp) {
        bridges.setDestination(name, destinationIp);
    }

    @Override
    public void deleteBridge(String name, Duration timeout, CancellationToken cancel) {
        bridges.delete(name, timeout, cancel);
    }

    /** One informer per kind in namespace {@code gefyra}; closing the subscription stops both. */
    @Override
    public dev.ponte.core.port.Subscription watchBridges(
            dev.ponte.core.port.StreamListener<dev.ponte.core.gefyra.Bridge> bridgeListener,
            dev.ponte.core.port.StreamListener<dev.ponte.core.gefyra.BridgeMount> mountListener) {
        var b = dev.ponte.kube.InformerStreams.start(bridgeListener, GefyraResources.Kind.BRIDGE.in(client),
                BridgeMapper::toBridge, checks, "bridges");
        var m = dev.ponte.kube.InformerStreams.start(mountListener, GefyraResources.Kind.MOUNT.in(client),
                BridgeMapper::toMount, checks, "mounts");
        return () -> {
            b.close();
            m.close();
        };
    }

    // --- issue 14: diagnostics, team view, support bundle, cleanup (GefyraInsights) ---

    @Override
    public List<PodInfo> gefyraPods() {
        return insights.gefyraPods();
    }

    @Override
    public List<EventInfo> events(String about, int limit) {
        return insights.events(about, limit);
    }

    @Override
    public java.util.Map<String, String> proxyRoutes() {
        return insights.proxyRoutes();
    }

    @Override
    public java.util.Map<String, String> nodes() {
        return insights.nodes();
    }

    @Override
    public List<ClientInfo> clients() {
        return insights.clients();
    }

    @Override
    public List<String> objectsYaml(String clientId) {
        return insights.objectsYaml(clientId);
    }

    @Override
    public List<String> clientRbac() {
        return insights.clientRbac();
    }

    @Override
    public void deleteClientRbac(String kindAndName) {
        insights.deleteClientRbac(kindAndName);
    }

    @Override
    public List<MountArtifact> mountArtifacts() {
        List<dev.ponte.core.gefyra.BridgeMount> all;
        try {
            all = mounts();
        } catch (RuntimeException e) {
            all = List.of(); // no CRD: no mount covers anything
        }
        return insights.mountArtifacts(all);
    }

    @Override
    public void deleteMountArtifact(MountArtifact artifact) {
        insights.deleteMountArtifact(artifact);
    }
}
