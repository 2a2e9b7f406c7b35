package dev.ponte.kube;

import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Pure mapping from fabric8's API objects to Ponte's domain records. */
final class ResourceMapper {
    private ResourceMapper() {
    }

    static Workload deployment(Deployment d) {
        var spec = d.getSpec();
        var status = d.getStatus();
        int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        int ready = status == null ? 0 : orZero(status.getReadyReplicas());
        return workload(WorkloadKind.DEPLOYMENT, d.getMetadata(), ready, desired,
                spec == null ? null : spec.getTemplate(), spec == null ? null : spec.getSelector());
    }

    static Workload statefulSet(StatefulSet s) {
        var spec = s.getSpec();
        var status = s.getStatus();
        int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        int ready = status == null ? 0 : orZero(status.getReadyReplicas());
        return workload(WorkloadKind.STATEFUL_SET, s.getMetadata(), ready, desired,
                spec == null ? null : spec.getTemplate(), spec == null ? null : spec.getSelector());
    }

    static Workload daemonSet(DaemonSet ds) {
        var spec = ds.getSpec();
        var status = ds.getStatus();
        int desired = status == null ? 0 : orZero(status.getDesiredNumberScheduled());
        int ready = status == null ? 0 : orZero(status.getNumberReady());
        return workload(WorkloadKind.DAEMON_SET, ds.getMetadata(), ready, desired,
                spec == null ? null : spec.getTemplate(), spec == null ? null : spec.getSelector());
    }

    static PodSummary pod(Pod p) {
        ObjectMeta meta = p.getMetadata();
        PodSpec spec = p.getSpec();
        List<ContainerStatus> statuses = p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                ? List.of() : p.getStatus().getContainerStatuses();
        List<String> names = spec == null || spec.getContainers() == null ? List.of()
                : spec.getContainers().stream().map(Container::getName).toList();
        int ready = (int) statuses.stream().filter(cs -> Boolean.TRUE.equals(cs.getReady())).count();
        int restarts = statuses.stream().mapToInt(cs -> orZero(cs.getRestartCount())).sum();
        return new PodSummary(meta.getNamespace(), meta.getName(), podPhase(p, statuses), ready,
                Math.max(names.size(), statuses.size()), restarts, spec == null ? null : spec.getNodeName(),
                instant(meta.getCreationTimestamp()), nonNull(meta.getLabels()), names);
    }

    /** What kubectl's STATUS column would say, roughly: a waiting reason beats the phase. */
    private static String podPhase(Pod p, List<ContainerStatus> statuses) {
        if (p.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        Optional<String> waiting = statuses.stream()
                .map(cs -> cs.getState() == null || cs.getState().getWaiting() == null ? null
                        : cs.getState().getWaiting().getReason())
                .filter(Objects::nonNull).findFirst();
        if (waiting.isPresent()) {
            return waiting.get();
        }
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return phase == null ? "Pending" : phase;
    }

    private static Workload workload(WorkloadKind kind, ObjectMeta meta, int ready, int desired,
                                     PodTemplateSpec template, LabelSelector selector) {
        List<String> images = template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                ? List.of()
                : template.getSpec().getContainers().stream().map(Container::getImage).filter(Objects::nonNull).toList();
        Map<String, String> match = selector == null ? Map.of() : nonNull(selector.getMatchLabels());
        return new Workload(kind, meta.getNamespace(), meta.getName(), ready, desired, images,
                instant(meta.getCreationTimestamp()), match);
    }

    static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static Map<String, String> nonNull(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
