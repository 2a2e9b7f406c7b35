package dev.ponte.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Workloads, ReplicaSets and pods with statuses, created in the mock API server the way controllers would. */
final class WorkloadFixtures {
    private final KubernetesClient client;
    private final String namespace;

    WorkloadFixtures(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static PodTemplateSpec template(Map<String, String> labels, Container... containers) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec().withContainers(Arrays.asList(containers)).endSpec()
                .build();
    }

    static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }

    /** A Deployment selecting {@code app=<name>}, with the given status counts (updated, total replicas). */
    Deployment deployment(String name, int replicas, int updated, int statusReplicas, Container... containers) {
        Map<String, String> selector = Map.of("app", name);
        return client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(template(selector, containers))
                .endSpec()
                .withNewStatus().withReplicas(statusReplicas).withUpdatedReplicas(updated).withReadyReplicas(updated)
                .endStatus()
                .build()).create();
    }

    /** A ReplicaSet {@code <owner>-<hash>} controlled by {@code owner}, selecting its labels plus the hash. */
    ReplicaSet replicaSet(HasMetadata owner, String hash, String ownerKind) {
        String name = owner.getMetadata().getName() + "-" + hash;
        Map<String, String> labels = Map.of("app", owner.getMetadata().getName(), "pod-template-hash", hash);
        return client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(owner(owner, ownerKind)).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                .withTemplate(template(labels, container("x", "x"))).endSpec()
                .build()).create();
    }

    /**
     * A pod owned by {@code owner} with the owner's labels; each named container gets a status (ready or not,
     * running). {@code phase} Running, Pending, ...
     */
    Pod pod(String name, HasMetadata owner, String ownerKind, Map<String, String> labels, String phase,
            String podIp, List<String> containers, boolean ready) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(new LinkedHashMap<>(labels))
                .withOwnerReferences(owner(owner, ownerKind)).endMetadata()
                .withNewSpec().withNodeName("node-1")
                .withContainers(containers.stream().map(c -> container(c, "img")).toList()).endSpec()
                .withNewStatus().withPhase(phase).withPodIP(podIp).withHostIP("192.168.49.2")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
        for (String c : containers) {
            b.editStatus().addNewContainerStatus().withName(c).withImage("img").withReady(ready)
                    .withStarted("Running".equals(phase)).withRestartCount(0)
                    .withNewState().withNewRunning().withStartedAt("2026-01-01T00:00:00Z").endRunning().endState()
                    .endContainerStatus().endStatus();
        }
        return client.pods().inNamespace(namespace).resource(b.build()).create();
    }

    static OwnerReference owner(HasMetadata owner, String kind) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(kind)
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    static Map<String, String> podLabels(ReplicaSet rs) {
        return rs.getMetadata().getLabels();
    }
}
