package dev.ponte.kube.gefyra;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Target workloads for mount and bridge tests on the mock API server, which runs no controllers: a Deployment and
 * the Pods its ReplicaSet would have made, Ready or not. The target container {@code web} serves 8080 and 9090, is
 * started with a command and args (so restoring them can be checked), and carries an httpGet readiness probe.
 */
final class BridgeTargets {
    static final String NS = "shop";
    static final String IMAGE = "registry.example/shop/api:1.4.2";
    static final List<String> COMMAND = List.of("/app/server");
    static final List<String> ARGS = List.of("--port", "8080");
    static final Map<String, String> LABELS = Map.of("app", "api");

    private BridgeTargets() {
    }

    static Probe httpProbe() {
        return new ProbeBuilder().withNewHttpGet().withPath("/health").withNewPort(8081).endHttpGet().build();
    }

    static Probe execProbe() {
        return new ProbeBuilder().withNewExec().withCommand("cat", "/tmp/healthy").endExec().build();
    }

    static Probe tcpProbe() {
        return new ProbeBuilder().withNewTcpSocket().withNewPort(8080).endTcpSocket().build();
    }

    /** Deployment {@code api} in {@link #NS}; its pods are made by {@link #pod}. */
    static Deployment deployment(KubernetesClient k, Probe readiness) {
        return k.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("api").withNamespace(NS).withLabels(Map.of("app", "api", "tier", "backend"))
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"Deployment\"}")
                .addToAnnotations("deployment.kubernetes.io/revision", "3")
                .addToAnnotations("team", "payments").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(LABELS).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata().withNewSpec()
                .addToContainers(container(readiness, IMAGE))
                .addNewContainer().withName("sidecar").withImage("registry.example/envoy:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    private static io.fabric8.kubernetes.api.model.Container container(Probe readiness, String image) {
        return new ContainerBuilder().withName("web").withImage(image).withCommand(COMMAND).withArgs(ARGS)
                .withPorts(new ContainerPortBuilder().withContainerPort(8080).build(),
                        new ContainerPortBuilder().withContainerPort(9090).build())
                .withReadinessProbe(readiness).build();
    }

    /** A pod of Deployment {@code api} owned by ReplicaSet {@code replicaSet}. */
    static Pod pod(KubernetesClient k, String name, String replicaSet, boolean ready, Probe readiness) {
        return k.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withLabels(Map.of("app", "api", "pod-template-hash", "7d9c5"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(replicaSet)
                .withUid("uid-" + replicaSet).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addToContainers(container(readiness, IMAGE))
                .addNewContainer().withName("sidecar").withImage("registry.example/envoy:1").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addToContainerStatuses(status("web", ready), status("sidecar", true)).endStatus().build()).create();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus status(String container, boolean ready) {
        return new ContainerStatusBuilder().withName(container).withImage(IMAGE).withReady(ready).withStarted(true)
                .withRestartCount(0).withNewState().withNewRunning().withStartedAt("2026-01-01T10:00:00Z").endRunning()
                .endState().build();
    }

    /** Marks the pod's containers Ready (the kubelet's job). */
    static void makeReady(KubernetesClient k, String pod) {
        k.pods().inNamespace(NS).withName(pod).edit(p -> {
            p.getStatus().getContainerStatuses().forEach(s -> s.setReady(true));
            return p;
        });
    }

    /**
     * Waits for {@code condition} on the calling thread (testsupport.Wait runs it on the FX thread, which these
     * tests do not start), polling with a deadline; the message says what was awaited and what was seen.
     */
    static void until(String what, java.util.concurrent.Callable<Boolean> condition,
                      java.util.function.Supplier<String> state) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(15, java.util.concurrent.TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out after 15 s waiting for " + what + " " + state.get(), e);
        }
    }

    static void until(String what, java.util.concurrent.Callable<Boolean> condition) {
        until(what, condition, () -> "");
    }

    /** The standard target: Deployment {@code api} with two pods of one ReplicaSet. */
    static void twoPods(KubernetesClient k, boolean ready, Probe readiness) {
        deployment(k, readiness);
        pod(k, "api-7d9c5-aaaaa", "api-7d9c5", ready, readiness);
        pod(k, "api-7d9c5-bbbbb", "api-7d9c5", ready, readiness);
    }
}
