package dev.ponte.core.port;

import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;

/**
 * A live client for one context. Blocking calls run on the task layer, never on the UI thread;
 * watches deliver their changes on the adapter's own threads.
 */
public interface ClusterSession extends AutoCloseable {
    /** Asks the API server for its version; proves it is reachable and accepts our credentials. */
    String serverVersion();

    /** Namespace names, live. */
    Subscription watchNamespaces(StreamListener<String> listener);

    /** Deployments, StatefulSets and DaemonSets of one namespace, live. */
    Subscription watchWorkloads(String namespace, StreamListener<Workload> listener);

    /** Pods of one namespace, live. */
    Subscription watchPods(String namespace, StreamListener<PodSummary> listener);

    /** Pod templates, pods and environments of workloads, for Run and Bridge. */
    WorkloadInspector inspector();

    /** Gefyra's side of this cluster, on the same connection. */
    GefyraCluster gefyra();

    /**
     * The proxy the API client goes through (the kubeconfig's {@code proxy-url}), credentials masked; null when it
     * connects directly.
     */
    default String proxyUrl() {
        return null;
    }

    @Override
    void close();
}
