package dev.ponte.rig;

import dev.ponte.kube.gefyra.GefyraResources;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ClusterSide} in step with the mock API server, the way the real Stowaway follows what the operator
 * writes: watches GefyraClients (an ACTIVE client with a {@code providerConfig} and a subnet is a peer: upstream's
 * {@code SERVER_ALLOWEDIPS_PEER_<id>} = subnet, the peer's key and address from its config), ConfigMap
 * {@value #PROXY_ROUTES} (Stowaway's proxy routes, which the operator double fills for bridges) and Services (the
 * cluster services the rig serves). Each change re-reads all three and applies the difference, on one thread.
 */
final class ClusterSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSync.class);
    static final String PROXY_ROUTES = "gefyra-stowaway-proxyroutes";

    private final KubernetesClient client;
    private final ClusterSide side;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("rig-cluster-sync").unstarted(r));
    private final AtomicBoolean queued = new AtomicBoolean();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private volatile Throwable lastError;

    ClusterSync(KubernetesClient client, ClusterSide side) {
        this.client = client;
        this.side = side;
    }

    ClusterSync start() {
        informers.add(Kind.CLIENT.in(client).inform(handler()));
        informers.add(client.configMaps().inNamespace(GefyraResources.NAMESPACE).withName(PROXY_ROUTES).inform(handler()));
        informers.add(client.services().inAnyNamespace().inform(handler()));
        reconcileSoon();
        return this;
    }

    /** The last failure applying a change, or null: a test shows it when the rig did not follow. */
    Throwable lastError() {
        return lastError;
    }

    private <T> ResourceEventHandler<T> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                reconcileSoon();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                reconcileSoon();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                reconcileSoon();
            }
        };
    }

    private void reconcileSoon() {
        if (!worker.isShutdown() && queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                try {
                    reconcile();
                } catch (Exception e) {
                    lastError = e;
                    LOG.warn("rig: could not follow the cluster: {}", e.toString());
                }
            });
        }
    }

    private void reconcile() throws Exception {
        side.peers(Kind.CLIENT.in(client).list().getItems().stream().map(ClusterSync::peer)
                .filter(java.util.Objects::nonNull).toList());
        side.services(client.services().inAnyNamespace().list().getItems().stream()
                .filter(s -> !GefyraResources.NAMESPACE.equals(s.getMetadata().getNamespace()))
                .filter(s -> s.getSpec() != null && s.getSpec().getClusterIP() != null
                        && s.getSpec().getClusterIP().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))
                .map(s -> new ClusterSide.Service(s.getMetadata().getNamespace(), s.getMetadata().getName(),
                        s.getSpec().getClusterIP(), s.getSpec().getPorts().stream().map(ServicePort::getPort).toList()))
                .toList());
        ConfigMap routes = client.configMaps().inNamespace(GefyraResources.NAMESPACE).withName(PROXY_ROUTES).get();
        side.routes(routes == null || routes.getData() == null ? List.of() : routes.getData().values());
    }

    /** An ACTIVE client with its tunnel configuration, as a Stowaway peer; null otherwise. */
    @SuppressWarnings("unchecked")
    private static ClusterSide.Peer peer(GenericKubernetesResource r) {
        Map<String, Object> p = r.getAdditionalProperties();
        if (!"ACTIVE".equals(p.get("state")) || !(p.get("providerConfig") instanceof Map<?, ?> config)
                || !(p.get("providerParameter") instanceof Map<?, ?> parameter) || parameter.get("subnet") == null) {
            return null;
        }
        Map<String, Object> c = (Map<String, Object>) config;
        if (c.get("Interface.PublicKey") == null || c.get("Peer.PresharedKey") == null || c.get("Interface.Address") == null) {
            return null;
        }
        return new ClusterSide.Peer(String.valueOf(c.get("Interface.PublicKey")), String.valueOf(c.get("Peer.PresharedKey")),
                String.valueOf(c.get("Interface.Address")), String.valueOf(parameter.get("subnet")));
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
