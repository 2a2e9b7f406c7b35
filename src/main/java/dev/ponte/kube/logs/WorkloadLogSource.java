package dev.ponte.kube.logs;

import dev.ponte.core.model.Workload;
import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.LogStream;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** All pods of a Deployment, StatefulSet or DaemonSet, found through its selector; one part per pod. */
final class WorkloadLogSource implements LogSource {
    private final KubernetesClient client;
    private final Workload workload;

    WorkloadLogSource(KubernetesClient client, Workload workload) {
        this.client = client;
        this.workload = workload;
    }

    @Override
    public String title() {
        return workload.kind().name().toLowerCase(java.util.Locale.ROOT) + "/" + workload.name() + " · " + workload.namespace();
    }

    @Override
    public List<String> parts() {
        return pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    @Override
    public List<String> containers() {
        List<Pod> pods = pods();
        return pods.isEmpty() ? List.of() : PodLogSource.containersOf(pods.getFirst());
    }

    private List<Pod> pods() {
        if (workload.selector().isEmpty()) {
            return List.of(); // an empty selector would match every pod of the namespace
        }
        try {
            return client.pods().inNamespace(workload.namespace()).withLabels(workload.selector()).list().getItems();
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    @Override
    public LogStream open(String part, LogRequest request, LogListener listener) {
        return PodLogStream.start(client, workload.namespace(), part, request, listener);
    }
}
