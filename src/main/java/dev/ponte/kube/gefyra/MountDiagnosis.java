package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.BridgeMount;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a mount is not ACTIVE yet, in the user's words: upstream's operator installs Carrier2 only once a pod of the
 * shadow copy is Ready, and reports ACTIVE only when every original pod is Ready again
 * (bridge_mount/carrier2mount/__init__.py {@code prepared}, {@code ready}); a workload without ready pods therefore
 * never gets there. Reads the target and its pods the way {@code get_pods_workload} selects them.
 */
final class MountDiagnosis {
    private final KubernetesClient client;

    MountDiagnosis(KubernetesClient client) {
        this.client = client;
    }

    /** One sentence about the target's pods; never throws (a failure to look is said as such). */
    String describe(BridgeMount mount) {
        String ns = mount.targetNamespace();
        String target = mount.target();
        try {
            Map<String, String> selector = selector(mount);
            if (selector == null) {
                return target + " was not found in namespace " + ns + ".";
            }
            if (selector.isEmpty()) {
                return target + " in namespace " + ns + " has no label selector, so its pods cannot be found.";
            }
            List<Pod> pods = client.pods().inNamespace(ns).withLabels(selector).list().getItems();
            long ready = pods.stream().filter(p -> containerReady(p, mount.targetContainer())).count();
            if (pods.isEmpty()) {
                return target + " in namespace " + ns + " has no pods; the operator needs ready pods to install Carrier2.";
            }
            if (ready == 0) {
                return target + " in namespace " + ns + " has no ready pods (0 of " + pods.size()
                        + "); the operator needs ready pods to install Carrier2.";
            }
            return ready + " of " + pods.size() + " pods of " + target + " in namespace " + ns + " are ready.";
        } catch (RuntimeException e) {
            return "Its pods could not be read (" + dev.ponte.core.task.ErrorAdvice.redact(String.valueOf(e.getMessage()))
                    + ").";
        }
    }

    /** True when the words of {@link #describe} say the workload has no ready pod. */
    static boolean noReadyPods(String description) {
        return description.contains("no pods") || description.contains("no ready pods");
    }

    /** The pod selector of the target, empty when it has none, null when the target does not exist. */
    private Map<String, String> selector(BridgeMount mount) {
        String ns = mount.targetNamespace();
        String kind = mount.target().contains("/")
                ? mount.target().substring(0, mount.target().indexOf('/')).toLowerCase(Locale.ROOT) : "";
        String name = mount.workloadName();
        HasMetadata workload = switch (kind) {
            case "deployment", "deploy", "deployments" -> client.apps().deployments().inNamespace(ns).withName(name).get();
            case "statefulset", "sts", "statefulsets" -> client.apps().statefulSets().inNamespace(ns).withName(name).get();
            case "pod", "po", "pods" -> client.pods().inNamespace(ns).withName(name).get();
            default -> null;
        };
        return switch (workload) {
            case null -> null;
            case Deployment d -> d.getSpec().getSelector() == null || d.getSpec().getSelector().getMatchLabels() == null
                    ? Map.of() : d.getSpec().getSelector().getMatchLabels();
            case StatefulSet s -> s.getSpec().getSelector() == null || s.getSpec().getSelector().getMatchLabels() == null
                    ? Map.of() : s.getSpec().getSelector().getMatchLabels();
            default -> workload.getMetadata().getLabels() == null ? Map.of() : workload.getMetadata().getLabels();
        };
    }

    /** {@code pod_ready_and_healthy}: Running, and the target container ready and started. */
    static boolean containerReady(Pod pod, String container) {
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())
                || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        return pod.getStatus().getContainerStatuses().stream().anyMatch(s -> container.equals(s.getName())
                && Boolean.TRUE.equals(s.getReady()) && !Boolean.FALSE.equals(s.getStarted()));
    }
}
