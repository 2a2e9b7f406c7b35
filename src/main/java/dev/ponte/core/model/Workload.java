package dev.ponte.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Deployment, StatefulSet or DaemonSet as the workload table shows it.
 *
 * @param selector the pod label selector (matchLabels), used to find its pods
 */
public record Workload(WorkloadKind kind, String namespace, String name, int ready, int desired,
                       List<String> images, Instant created, Map<String, String> selector) {
    public Workload {
        images = List.copyOf(images);
        selector = Map.copyOf(selector);
    }

    /** Identity within one namespace: kind and name. */
    public String key() {
        return kind.name() + "/" + name;
    }

    public WorkloadStatus status() {
        if (desired == 0) {
            return WorkloadStatus.SCALED_DOWN;
        }
        if (ready >= desired) {
            return WorkloadStatus.READY;
        }
        return ready == 0 ? WorkloadStatus.UNAVAILABLE : WorkloadStatus.PROGRESSING;
    }

    /** True when the pod's labels match this workload's selector. */
    public boolean selects(Map<String, String> podLabels) {
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
