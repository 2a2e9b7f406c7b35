package dev.ponte.kube.logs;

import dev.ponte.core.model.Workload;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.LogSource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Pod and workload logs of one cluster session, as {@link LogSource}s for the log viewer. Streams run on
 * the session's fabric8 client (JDK HTTP client), one virtual thread per pod.
 */
public final class KubeLogs {
    private final KubernetesClient client;

    public KubeLogs(KubernetesClient client) {
        this.client = client;
    }

    /** The logs of a session that Ponte's kube adapter opened. */
    public static KubeLogs of(ClusterSession session) {
        if (session instanceof Fabric8Backed backed) {
            return new KubeLogs(backed.fabric8Client());
        }
        throw new IllegalArgumentException("Not a fabric8 session: " + session.getClass().getName());
    }

    /** One pod; the user picks its container. */
    public LogSource pod(String namespace, String pod) {
        return new PodLogSource(client, namespace, pod);
    }

    /** All pods of a workload (by its selector), merged with a chip per pod. */
    public LogSource workload(Workload workload) {
        return new WorkloadLogSource(client, workload);
    }
}
