package dev.ponte.kube;

import dev.ponte.core.port.GefyraCluster.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fabric8 Pod as the diagnostics see it, and the owner lookup the Gefyra adapter shares with {@link WorkloadPods}. */
public final class PodInfos {
    private PodInfos() {
    }

    public static io.fabric8.kubernetes.api.model.OwnerReference controllerOf(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return WorkloadPods.controllerOf(o);
    }

    public static PodInfo of(Pod p) {
        Map<String, String> images = new LinkedHashMap<>();
        if (p.getSpec() != null && p.getSpec().getContainers() != null) {
            p.getSpec().getContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        }
        var st = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? java.util.List.<io.fabric8.kubernetes.api.model.ContainerStatus>of()
                : p.getStatus().getContainerStatuses();
        int restarts = st.stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
        return new PodInfo(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase(),
                WorkloadPods.ready(p), restarts, images, p.getSpec() == null ? null : p.getSpec().getNodeName());
    }
}
