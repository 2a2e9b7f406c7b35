package dev.ponte.core.port;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Gefyra's side of one cluster (shared/gefyra-protocol.md sections 2–4, 8, 9). Blocking; called
 * from the task layer. Failures are {@link dev.ponte.core.task.ApiStatusException} or JDK
 * exceptions that {@link dev.ponte.core.task.ErrorAdvice} explains; waits end with
 * {@link java.util.concurrent.TimeoutException}-caused failures or a cancellation.
 */
public interface GefyraCluster {
    /** SelfSubjectAccessReview: may the current user do {@code verb} on {@code group/resource} (namespace null = cluster-wide)? */
    boolean canI(String verb, String group, String resource, String namespace);

    OperatorStatus operatorStatus();

    /** {@code kubernetes.io/arch} of every node (Carrier2 is amd64-only). */
    List<String> nodeArchitectures();

    /**
     * Creates upstream's install objects in upstream's order; an object that exists already
     * (409/422) counts as success.
     *
     * @return one line per object, {@code Kind/name created} or {@code Kind/name exists}
     */
    List<String> install(InstallOptions options, Progress progress, CancellationToken cancel);

    /** Waits for the operator's Gefyra-Ready and Gefyra-Webhook-Ready events and the webhook Deployment's readiness. */
    void awaitOperatorReady(Duration timeout, Progress progress, CancellationToken cancel);

    /** Creates a GefyraClient named {@code name} (provider stowaway). A 409 fails. */
    GefyraClient createClient(String name);

    Optional<GefyraClient> client(String name);

    /** Watches the client until {@code condition} holds; fails on timeout, deletion or cancel. */
    GefyraClient awaitClient(String name, Predicate<GefyraClient> condition, String what, Duration timeout,
                             CancellationToken cancel);

    /**
     * Merge-patches {@code providerParameter.subnet}.
     *
     * @throws SubnetRejectedException when the webhook refuses it (HTTP 500: taken by another client)
     */
    void setSubnet(String clientName, String subnet) throws SubnetRejectedException;

    /** Merge-patches {@code providerParameter: null} (upstream's disconnect). */
    void clearSubnet(String clientName);

    /** Subnets of ACTIVE clients (never pick one of these for a new network). */
    List<String> activeSubnets();

    /** Deletes the client (keeping its finalizer, so the operator cleans up) and waits until it is gone. */
    void deleteClient(String name, Duration timeout, CancellationToken cancel);

    /**
     * Removes everything Gefyra put in the cluster: bridges and mounts (deleted with their finalizers,
     * waiting for the operator to restore the workloads), clients, namespace {@code gefyra}, the CRDs,
     * the cluster-scoped RBAC and webhook, and the {@code gefyra-client} ClusterRole and bindings
     * upstream leaves behind. Best effort per step; idempotent.
     *
     * @return one line per object removed
     */
    List<String> uninstall(Duration timeout, Progress progress, CancellationToken cancel);

    /** Every Gefyra object still in the cluster, {@code Kind/namespace/name}; empty after a complete uninstall. */
    List<String> leftovers();

    /**
     * Calls {@code onChange} whenever another GefyraClient appears, changes state or goes: upstream
     * restarts Stowaway on every client connect and disconnect, which the health monitor shows as
     * an expected dip.
     *
     * @param ownClient this machine's client, whose changes are not reported
     */
    Subscription watchOtherClients(String ownClient, Runnable onChange);

    // --- mounts and bridges (shared/gefyra-protocol.md 3.3, 3.4, 7, 8) ---

    /** Every GefyraBridgeMount in namespace {@code gefyra}. */
    List<BridgeMount> mounts();

    Optional<BridgeMount> mount(String name);

    /**
     * Creates the mount with upstream's body (provider {@code carrier2mount}, {@code providerParameter: {}})
     * and Ponte's created-by label. Webhook refusals are {@link dev.ponte.core.task.ApiStatusException}s.
     */
    BridgeMount createMount(MountRequest request);

    /**
     * Waits until the mount is ACTIVE (and the operator's {@code Ready} event), reporting the
     * operator's Event messages for it through {@code progress}; fails on ERROR with the
     * operator's message, on timeout, deletion or cancel.
     */
    BridgeMount awaitMountActive(String name, Duration timeout, Progress progress, CancellationToken cancel);

    /** Plain DELETE (the operator restores the workload), then waits until it is gone. Absent is fine. */
    void deleteMount(String name, Duration timeout, CancellationToken cancel);

    /** GefyraBridges whose labels include all of {@code labels} (empty: all). */
    List<Bridge> bridges(java.util.Map<String, String> labels);

    /** Creates the bridge with upstream's body and labels; 409 = already bridged. */
    Bridge createBridge(BridgeRequest request);

    /** Like {@link #awaitMountActive} for a bridge. */
    Bridge awaitBridgeActive(String name, Duration timeout, Progress progress, CancellationToken cancel);

    /** Merge-patches {@code destinationIP} (upstream's {@code run} re-points bridges of a re-run container). */
    void setBridgeDestination(String name, String destinationIp);

    /** Plain DELETE, then waits until it is gone. Absent is fine. */
    void deleteBridge(String name, Duration timeout, CancellationToken cancel);

    /** Mounts and bridges, live, delivered on the adapter's threads. */
    Subscription watchBridges(StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts);

    // --- diagnostics, team view, support bundle, cleanup (issue 14); adapters without them say "not supported" ---

    /** Pods in namespace {@code gefyra}: the operator, its webhook, Stowaway. */
    List<PodInfo> gefyraPods();

    /**
     * Events in namespace {@code gefyra}, newest first, at most {@code limit}.
     *
     * @param about only events whose involved object's name contains this (a client, mount or bridge name); null: all
     */
    List<EventInfo> events(String about, int limit);

    /** Stowaway's proxy routes (ConfigMap {@code gefyra-stowaway-proxyroutes}): key → {@code <ip>:<port>,<listen port>}. */
    java.util.Map<String, String> proxyRoutes();

    /** Every node's name and {@code kubernetes.io/arch}. */
    java.util.Map<String, String> nodes();

    /** Every GefyraClient with its state and since when (the team view; no provider config). */
    List<ClientInfo> clients();

    /**
     * The client, its bridges and the mounts it created as YAML documents for a support bundle, with every secret
     * field (provider config, service account data) masked before it leaves the adapter.
     */
    List<String> objectsYaml(String clientId);

    /**
     * Cluster-scoped RBAC upstream's clients leave behind: ClusterRole {@code gefyra-client} and the
     * {@code gefyra-rolebinding-gefyra-client-<client>} bindings, as {@code Kind/name}.
     */
    List<String> clientRbac();

    /** Deletes one of {@link #clientRbac()} ({@code Kind/name}); absent is fine. */
    void deleteClientRbac(String kindAndName);

    /**
     * Shadow workloads ({@code <name>-gefyra}) and shadow Services the operator made for mounts, and pods still running
     * Carrier2, as {@code Kind/namespace/name} with the mount they belong to (label or name), across namespaces.
     */
    List<MountArtifact> mountArtifacts();

    /** Deletes a shadow workload or Service, or restores a Carrier2-patched pod by deleting it (its controller makes a new one). */
    void deleteMountArtifact(MountArtifact artifact);

    /** One pod, as the diagnostics show it. {@code images}: container name → image. */
    record PodInfo(String namespace, String name, String phase, boolean ready, int restarts,
                   java.util.Map<String, String> images, String node) {
        public PodInfo {
            images = java.util.Map.copyOf(images);
        }
    }

    /** One Kubernetes Event. {@code object}: {@code kind/name} of the involved object. */
    record EventInfo(java.time.Instant time, String type, String reason, String object, String message) {
    }

    /**
     * A GefyraClient for the team view.
     *
     * @param since when it entered its current state (from {@code stateTransitions}), or its creation when unknown
     */
    record ClientInfo(String name, dev.ponte.core.gefyra.ClientState state, java.time.Instant since, String subnet,
                      java.time.Instant created, java.util.Map<String, String> labels) {
        public ClientInfo {
            labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
        }
    }

    /**
     * Something the operator made for a mount in a workload's namespace.
     *
     * @param kind  {@code Deployment}, {@code StatefulSet}, {@code Service} or {@code Pod}
     * @param mount the GefyraBridgeMount it belongs to when known, else null
     * @param what  in words: "shadow Deployment", "shadow Service", "pod still running Carrier2"
     */
    record MountArtifact(String kind, String namespace, String name, String mount, String what) {
        public String id() {
            return kind + "/" + namespace + "/" + name;
        }
    }

    /** The webhook refused a subnet. */
    final class SubnetRejectedException extends Exception {
        public SubnetRejectedException(String subnet, String message) {
            super("Subnet " + subnet + " refused: " + message);
        }
    }
}
