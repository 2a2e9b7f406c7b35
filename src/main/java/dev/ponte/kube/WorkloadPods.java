package dev.ponte.kube;

import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.task.ApiStatusException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One workload and the pods that belong to it, found the way upstream finds them
 * ({@code client/gefyra/cluster/resources.py}, {@code get_pods_and_containers_for_workload} and
 * {@code owner_reference_consistent}): pods matching the workload's selector, kept only when their owner chain leads to
 * the workload (a Deployment's pods through their ReplicaSet). The selector alone is not enough: another workload's
 * pods may carry the same labels. Unlike upstream, {@code matchExpressions} count too, and DaemonSets are handled like
 * StatefulSets (the pod's controller is the workload itself).
 */
final class WorkloadPods {
    /** Label that StatefulSets and DaemonSets put on their pods: the controller revision the pod was made from. */
    static final String REVISION_LABEL = "controller-revision-hash";

    private WorkloadPods() {
    }

    /**
     * What Ponte needs of a workload object.
     *
     * @param statusRollout the workload's own status says that not all replicas run the current template yet
     */
    record Target(WorkloadKind kind, String namespace, String name, String uid, PodTemplateSpec template,
                  LabelSelector selector, boolean statusRollout) {
        /** {@code deployment/api}, as kubectl writes it. */
        String ref() {
            return kind.kind().toLowerCase(Locale.ROOT) + "/" + name;
        }
    }

    /**
     * The pods of a workload; {@code owners} maps each pod name to its owning ReplicaSet (Deployments) or controller
     * revision (StatefulSets, DaemonSets), which tells old pods from new ones during a rollout.
     */
    record Selected(List<Pod> pods, Map<String, String> owners) {
        /** More than one ReplicaSet or revision among the pods: some run the old template. */
        boolean mixedOwners() {
            return new HashSet<>(owners.values()).size() > 1;
        }
    }

    /** Reads the workload; a missing one is an {@link ApiStatusException} 404, other failures are translated. */
    static Target read(KubernetesClient client, String namespace, WorkloadKind kind, String name) {
        try {
            var apps = client.apps();
            Target t = switch (kind) {
                case DEPLOYMENT -> deployment(apps.deployments().inNamespace(namespace).withName(name).get());
                case STATEFUL_SET -> statefulSet(apps.statefulSets().inNamespace(namespace).withName(name).get());
                case DAEMON_SET -> daemonSet(apps.daemonSets().inNamespace(namespace).withName(name).get());
            };
            if (t == null) {
                throw new ApiStatusException(404, kind.kind() + " " + namespace + "/" + name + " was not found", null);
            }
            return t;
        } catch (ApiStatusException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    private static Target deployment(Deployment d) {
        if (d == null) {
            return null;
        }
        var spec = d.getSpec();
        var status = d.getStatus();
        boolean rollout = false;
        if (status != null) {
            int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
            int updated = orZero(status.getUpdatedReplicas());
            // old pods still counted (replicas > updated) also means the old ReplicaSet has not been scaled down yet
            rollout = updated < desired || orZero(status.getReplicas()) > updated;
        }
        return target(WorkloadKind.DEPLOYMENT, d, spec == null ? null : spec.getTemplate(),
                spec == null ? null : spec.getSelector(), rollout);
    }

    private static Target statefulSet(StatefulSet s) {
        if (s == null) {
            return null;
        }
        var spec = s.getSpec();
        var status = s.getStatus();
        boolean rollout = false;
        if (status != null) {
            int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
            rollout = orZero(status.getUpdatedReplicas()) < desired
                    || (status.getCurrentRevision() != null && status.getUpdateRevision() != null
                    && !status.getCurrentRevision().equals(status.getUpdateRevision()));
        }
        return target(WorkloadKind.STATEFUL_SET, s, spec == null ? null : spec.getTemplate(),
                spec == null ? null : spec.getSelector(), rollout);
    }

    private static Target daemonSet(DaemonSet ds) {
        if (ds == null) {
            return null;
        }
        var spec = ds.getSpec();
        var status = ds.getStatus();
        boolean rollout = status != null
                && orZero(status.getUpdatedNumberScheduled()) < orZero(status.getDesiredNumberScheduled());
        return target(WorkloadKind.DAEMON_SET, ds, spec == null ? null : spec.getTemplate(),
                spec == null ? null : spec.getSelector(), rollout);
    }

    private static Target target(WorkloadKind kind, HasMetadata o, PodTemplateSpec template, LabelSelector selector,
                                 boolean rollout) {
        return new Target(kind, o.getMetadata().getNamespace(), o.getMetadata().getName(), o.getMetadata().getUid(),
                template, selector, rollout);
    }

    /**
     * The workload's pods, newest first. An empty selector selects nothing here (upstream refuses such a workload;
     * the API server does not accept one for apps/v1 kinds anyway).
     */
    static Selected pods(KubernetesClient client, Target t) {
        if (t.selector() == null || (isEmpty(t.selector().getMatchLabels()) && isEmpty(t.selector().getMatchExpressions()))) {
            return new Selected(List.of(), Map.of());
        }
        try {
            List<Pod> candidates = client.pods().inNamespace(t.namespace()).withLabelSelector(t.selector()).list()
                    .getItems();
            Map<String, String> rsOwner = t.kind() == WorkloadKind.DEPLOYMENT && !candidates.isEmpty()
                    ? replicaSetOwners(client, t) : Map.of();
            Map<String, String> owners = new HashMap<>();
            List<Pod> pods = candidates.stream()
                    .filter(p -> {
                        OwnerReference ref = controllerOf(p);
                        if (ref == null) {
                            return false;
                        }
                        if (t.kind() == WorkloadKind.DEPLOYMENT) {
                            if (!"ReplicaSet".equals(ref.getKind()) || !Objects.equals(rsOwner.get(ref.getName()), t.uid())) {
                                return false;
                            }
                            owners.put(p.getMetadata().getName(), ref.getName());
                            return true;
                        }
                        if (!Objects.equals(ref.getUid(), t.uid())) {
                            return false;
                        }
                        Map<String, String> labels = p.getMetadata().getLabels();
                        owners.put(p.getMetadata().getName(), labels == null ? "" : labels.getOrDefault(REVISION_LABEL, ""));
                        return true;
                    })
                    .sorted(Comparator.comparing((Pod p) -> Objects.toString(p.getMetadata().getCreationTimestamp(), ""))
                            .reversed())
                    .toList();
            return new Selected(pods, owners);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    /**
     * ReplicaSet name → the uid of its controlling Deployment, for the ReplicaSets the Deployment's selector matches
     * (they carry the pod labels plus {@code pod-template-hash}). One list instead of upstream's read per pod.
     */
    private static Map<String, String> replicaSetOwners(KubernetesClient client, Target t) {
        Map<String, String> owners = new HashMap<>();
        for (ReplicaSet rs : client.apps().replicaSets().inNamespace(t.namespace()).withLabelSelector(t.selector())
                .list().getItems()) {
            OwnerReference ref = controllerOf(rs);
            if (ref != null && "Deployment".equals(ref.getKind())) {
                owners.put(rs.getMetadata().getName(), ref.getUid());
            }
        }
        return owners;
    }

    /** The controlling owner reference, or the first one when none is marked as controller (as upstream takes [0]). */
    static OwnerReference controllerOf(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(refs.getFirst());
    }

    /** Running, not being deleted, and every container Ready. */
    static boolean ready(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() != null || p.getStatus() == null
                || !"Running".equals(p.getStatus().getPhase())) {
            return false;
        }
        List<ContainerStatus> statuses = p.getStatus().getContainerStatuses();
        int declared = p.getSpec() == null || p.getSpec().getContainers() == null ? 0 : p.getSpec().getContainers().size();
        return statuses != null && !statuses.isEmpty() && statuses.size() >= declared
                && statuses.stream().allMatch(cs -> Boolean.TRUE.equals(cs.getReady()));
    }

    /**
     * Whether {@code container} in this pod can be exec'd into: the pod Running and not being deleted, the container
     * Ready and running (upstream's {@code pod_ready_and_healthy} in {@code client/gefyra/cluster/utils.py}).
     */
    static boolean execReady(Pod p, String container) {
        if (p.getMetadata().getDeletionTimestamp() != null || p.getStatus() == null
                || !"Running".equals(p.getStatus().getPhase()) || p.getStatus().getContainerStatuses() == null) {
            return false;
        }
        return p.getStatus().getContainerStatuses().stream()
                .filter(cs -> container.equals(cs.getName()))
                .anyMatch(cs -> Boolean.TRUE.equals(cs.getReady()) && cs.getState() != null
                        && cs.getState().getRunning() != null);
    }

    private static boolean isEmpty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    private static boolean isEmpty(List<?> l) {
        return l == null || l.isEmpty();
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
