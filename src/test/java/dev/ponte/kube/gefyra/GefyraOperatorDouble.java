package dev.ponte.kube.gefyra;

import dev.ponte.devtools.MockCluster;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPERATOR TEST DOUBLE: stands in for Gefyra 2.5.4's operator (and its admission webhook) on fabric8's mock API
 * server, so adapter and lifecycle tests see the cluster answer the way a real one with Gefyra does. It watches the
 * mock through {@link MockCluster#client()} and writes back through it, like the Kopf operator does through its
 * service account. Nothing here runs in production.
 *
 * <p>What it mimics, and where upstream does it (gefyrahq/gefyra at tag 2.5.4):
 * <ul>
 *   <li>Start-up ({@link DoubleStartup}; operator/gefyra/handler/startup.py, resources/crds.py,
 *       connection/stowaway/components.py, resources/events.py): when Deployment {@code gefyra-operator} appears it
 *       creates the three CRDs and Stowaway's ServiceAccount, ConfigMaps, StatefulSet and a Ready pod, sets the
 *       Deployment's {@code readyReplicas}, and posts {@code Gefyra-Ready}; for {@code gefyra-operator-webhook} it
 *       sets {@code readyReplicas} and posts {@code Gefyra-Webhook-Ready} (fixed name, once per namespace). Image
 *       Pulling/Pulled events come first, as the kubelet's would.</li>
 *   <li>GefyraClients ({@link DoubleClients}; operator/gefyra/clientstate.py, handler/clients.py, base.py,
 *       resources/serviceaccounts.py, connection/stowaway/__init__.py): Kopf's finalizer, REQUESTED → CREATING →
 *       WAITING with {@code stateTransitions}, the client's ServiceAccount, token Secret, ClusterRole
 *       {@code gefyra-client} (once) and binding, {@code serviceAccountData}, Event {@code Ready}; a
 *       {@code providerParameter.subnet} → ENABLING → ACTIVE with all nine {@code providerConfig} keys (real
 *       WireGuard keys; Stowaway's public key and endpoint from {@link Options}); {@code providerParameter: null}
 *       → DISABLING → WAITING without {@code providerConfig}; delete → cleanup, then the finalizer goes.</li>
 *   <li>Admission ({@link DoubleAdmission}; handler/configure_webhook.py, connection/stowaway/__init__.py
 *       {@code validate}): a taken subnet, {@code providerParameter} on create or outside WAITING, a bad CIDR or
 *       sunset are refused with HTTP 500 (Kopf's default AdmissionError code), through
 *       {@link MockCluster#setRequestHook}.</li>
 *   <li>Mounts ({@link DoubleMounts}) and bridges ({@link DoubleBridges}; bridge_mount_state.py, bridgestate.py,
 *       bridge_mount/carrier2mount/__init__.py, connection/stowaway/__init__.py): shadow workload and Service,
 *       Carrier2 image on the pods with the restore ConfigMap, Stowaway proxy routes and {@code clusterEndpoint},
 *       states and Events as upstream, restore on delete; their webhooks in {@link DoubleBridgeAdmission}. The
 *       mock has no controllers: tests create the target's Pods, the double plays the shadow's controller.</li>
 *   <li>Namespace {@code gefyra} deleted: its contents go too (the namespace controller, which the mock lacks).</li>
 * </ul>
 * Steps run one at a time on one thread, each after {@link Options#stepDelay()}. Faults: {@link #fault} holds or
 * fails a {@link Stage}; {@link #failRequests} and {@link #delayRequests} make the API answer an error or slowly.
 */
public final class GefyraOperatorDouble implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GefyraOperatorDouble.class);

    /** Points where a test can stop or break the operator. */
    public enum Stage {
        OPERATOR_STARTUP, WEBHOOK_STARTUP,
        CLIENT_CREATE, CLIENT_WAIT, CLIENT_ENABLE, CLIENT_ACTIVATE, CLIENT_DISABLE, CLIENT_TERMINATE,
        BRIDGE_TERMINATE, MOUNT_TERMINATE
    }

    /** HOLD: the step does not run until {@link #clearFault}. ERROR: a client goes to state ERROR (others: held). */
    public enum Fault { HOLD, ERROR }

    /**
     * @param stepDelay          pause before each step (operator latency)
     * @param stowawayKeys       Stowaway's server keys; a rig with a real WireGuard peer passes its own
     * @param stowawayEndpoint   {@code Peer.Endpoint}; upstream's is {@code :31820} (SERVERURL is never set in 2.5.4)
     * @param disableClientSaManagement like env GEFYRA_DISABLE_CLIENT_SA_MANAGEMENT=True: no account, straight to WAITING
     */
    public record Options(Duration stepDelay, WireGuardKeys stowawayKeys, String stowawayEndpoint,
                          boolean disableClientSaManagement) {
        public static Options defaults() {
            return new Options(Duration.ZERO, WireGuardKeys.generate(), ":31820", false);
        }

        public Options withStepDelay(Duration d) {
            return new Options(d, stowawayKeys, stowawayEndpoint, disableClientSaManagement);
        }

        public Options withStowaway(WireGuardKeys keys, String endpoint) {
            return new Options(stepDelay, keys, endpoint, disableClientSaManagement);
        }
    }

    final MockCluster cluster;
    final KubernetesClient client;
    final Options options;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gefyra-operator-double");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> retries = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    final Map<Stage, Fault> faults = new ConcurrentHashMap<>();
    /** Every state the double wrote, per client, in order. */
    final Map<String, List<String>> stateHistory = new ConcurrentHashMap<>();
    /** What the double "restored" when bridges and mounts were deleted. */
    final List<String> restored = new CopyOnWriteArrayList<>();
    final DoubleStartup startup;
    final DoubleStowaway stowaway;
    final DoubleClients clients;
    final DoubleBridges bridges;
    final DoubleMounts mounts;
    final DoubleBridgeAdmission bridgeAdmission;
    final DoubleAdmission admission;
    volatile SharedIndexInformer<GenericKubernetesResource> clientInformer;
    volatile SharedIndexInformer<GenericKubernetesResource> bridgeInformer;
    volatile SharedIndexInformer<GenericKubernetesResource> mountInformer;

    public GefyraOperatorDouble(MockCluster cluster) {
        this(cluster, Options.defaults());
    }

    public GefyraOperatorDouble(MockCluster cluster, Options options) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.options = options;
        this.startup = new DoubleStartup(this);
        this.stowaway = new DoubleStowaway(this);
        this.clients = new DoubleClients(this);
        this.bridges = new DoubleBridges(this);
        this.mounts = new DoubleMounts(this);
        this.bridgeAdmission = new DoubleBridgeAdmission(this);
        this.admission = new DoubleAdmission(this);
    }

    /** Starts watching and installs the admission hook. */
    public GefyraOperatorDouble start() {
        cluster.setRequestHook(admission::admit);
        watch(client.apps().deployments().inNamespace(GefyraResources.NAMESPACE).runnableInformer(0),
                d -> schedule("deployment/" + d.getMetadata().getName(), () -> startup.onDeployment(
                        d.getMetadata().getName())), d -> startup.onDeploymentDeleted(d.getMetadata().getName()));
        watch(client.namespaces().withName(GefyraResources.NAMESPACE).runnableInformer(0), ns -> { },
                ns -> schedule("namespace", startup::onNamespaceDeleted));
        clientInformer = Kind.CLIENT.in(client).runnableInformer(0);
        watch(clientInformer, r -> schedule(Kind.CLIENT + "/" + r.getMetadata().getName(),
                () -> clients.reconcileClient(r.getMetadata().getName())), r -> clients.forget(r.getMetadata().getName()));
        for (Kind kind : List.of(Kind.BRIDGE, Kind.MOUNT)) {
            SharedIndexInformer<GenericKubernetesResource> informer = kind.in(client).runnableInformer(0);
            if (kind == Kind.BRIDGE) {
                bridgeInformer = informer;
            } else {
                mountInformer = informer;
            }
            watch(informer, r -> schedule(kind + "/" + r.getMetadata().getName(),
                    () -> bridges.reconcile(kind, r.getMetadata().getName())), r -> { });
        }
        watch(client.pods().inAnyNamespace().runnableInformer(0), mounts::onPod, mounts::onPod);
        return this;
    }

    private <T extends HasMetadata> void watch(SharedIndexInformer<T> informer, Consumer<T> changed,
                                               Consumer<T> deleted) {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                deleted.accept(obj);
            }
        });
        informers.add(informer);
        informer.start().toCompletableFuture().join();
    }

    /** Runs {@code step} after the step delay unless one for the same key is already queued. */
    void schedule(String key, Runnable step) {
        if (executor.isShutdown() || !queued.add(key)) {
            return;
        }
        executor.schedule(() -> {
            queued.remove(key);
            try {
                step.run();
                retries.remove(key);
            } catch (RuntimeException e) {
                // Kopf retries a failed handler; so does the double, a bounded number of times
                int n = retries.merge(key, 1, Integer::sum);
                LOG.info("Operator double: step {} failed ({}), try {}", key, e.toString(), n);
                if (n < 50) {
                    schedule(key, step);
                }
            }
        }, Math.max(options.stepDelay().toMillis(), retries.containsKey(key) ? 50 : 0), TimeUnit.MILLISECONDS);
    }

    /** Whether a step may run now; an ERROR fault is the caller's to apply. */
    boolean proceed(Stage stage) {
        return faults.get(stage) == null;
    }

    // ----------------------------------------------------------------------------------------------------------
    // for tests

    /** Holds or fails {@code stage} from now on. */
    public void fault(Stage stage, Fault fault) {
        faults.put(stage, fault);
    }

    /** Lets {@code stage} run again and re-checks every object (like Kopf's periodic resume). */
    public void clearFault(Stage stage) {
        faults.remove(stage);
        resync();
        for (Deployment d : client.apps().deployments().inNamespace(GefyraResources.NAMESPACE).list().getItems()) {
            schedule("deployment/" + d.getMetadata().getName(), () -> startup.onDeployment(d.getMetadata().getName()));
        }
    }

    /** Re-checks every Gefyra custom resource (Kopf's on.resume when the operator starts). */
    void resync() {
        for (Kind kind : Kind.values()) {
            kind.in(client).list().getItems().forEach(r -> schedule(kind + "/" + r.getMetadata().getName(),
                    () -> {
                        if (kind == Kind.CLIENT) {
                            clients.reconcileClient(r.getMetadata().getName());
                        } else {
                            bridges.reconcile(kind, r.getMetadata().getName());
                        }
                    }));
        }
    }

    /** The next {@code times} requests whose method and path match get {@code status} (e.g. 500, 429, 403). */
    public void failRequests(String method, String pathRegex, int status, int times) {
        admission.addFault(method, pathRegex, status, Duration.ZERO, times);
    }

    /** The next {@code times} matching requests are answered only after {@code delay} (a client-side timeout). */
    public void delayRequests(String method, String pathRegex, Duration delay, int times) {
        admission.addFault(method, pathRegex, 0, delay, times);
    }

    /** The states the double wrote for client {@code name}, in order (REQUESTED is the CRD default, never written). */
    public List<String> stateHistory(String name) {
        return List.copyOf(stateHistory.getOrDefault(name, List.of()));
    }

    /** {@code Kind/name} of every bridge and mount whose deletion the double completed (workloads restored). */
    public List<String> restored() {
        return List.copyOf(restored);
    }

    /** How often Stowaway was restarted (upstream restarts it for every peer added or removed). */
    public int stowawayRestarts() {
        return startup.restarts();
    }

    public String stowawayPublicKey() {
        return options.stowawayKeys().publicKey();
    }

    @Override
    public void close() {
        cluster.setRequestHook(null);
        informers.forEach(SharedIndexInformer::stop);
        executor.shutdownNow();
    }
}
