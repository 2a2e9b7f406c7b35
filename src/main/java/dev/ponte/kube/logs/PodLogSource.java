package dev.ponte.kube.logs;

import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.LogStream;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** The log of one pod: one part (the pod), the container chosen from its spec. */
final class PodLogSource implements LogSource {
    private final KubernetesClient client;
    private final String namespace;
    private final String pod;

    PodLogSource(KubernetesClient client, String namespace, String pod) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
    }

    @Override
    public String title() {
        return "pod/" + pod + " · " + namespace;
    }

    @Override
    public List<String> parts() {
        return List.of(pod);
    }

    @Override
    public List<String> containers() {
        try {
            return containersOf(client.pods().inNamespace(namespace).withName(pod).get());
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    /** Its app containers in spec order (the first is kubectl's default without an annotation). */
    static List<String> containersOf(Pod p) {
        if (p == null || p.getSpec() == null || p.getSpec().getContainers() == null) {
            return List.of();
        }
        String preferred = p.getMetadata() != null && p.getMetadata().getAnnotations() != null
                ? p.getMetadata().getAnnotations().get("kubectl.kubernetes.io/default-container") : null;
        List<String> names = p.getSpec().getContainers().stream().map(Container::getName).toList();
        if (preferred != null && names.contains(preferred)) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(preferred),
                    names.stream().filter(n -> !n.equals(preferred))).toList();
        }
        return names;
    }

    @Override
    public LogStream open(String part, LogRequest request, LogListener listener) {
        return PodLogStream.start(client, namespace, part, request, listener);
    }
}
