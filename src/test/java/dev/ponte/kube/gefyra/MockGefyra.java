package dev.ponte.kube.gefyra;

import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.devtools.MockCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A cluster for tests outside this package (the command line's): fabric8's mock API server answered by the
 * {@link GefyraOperatorDouble}, with a kubeconfig for it, and the bridge targets of {@link BridgeTargets} on demand.
 * The local side is an in-memory {@link FakeEngine} whose Cargo answers as a healthy tunnel to this Stowaway.
 */
public final class MockGefyra implements AutoCloseable {
    public static final String NAMESPACE = BridgeTargets.NS;
    public final MockCluster cluster = MockCluster.start();
    public final GefyraOperatorDouble operator;
    public final FakeEngine engine = new FakeEngine();
    /** False: Cargo's probes fail (the tunnel is down). */
    public volatile boolean tunnelUp = true;

    public MockGefyra() {
        operator = new GefyraOperatorDouble(cluster, GefyraOperatorDouble.Options.defaults()).start();
        // The mock server has no authorizer: this user may do everything (as a cluster admin).
        cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder()
                        .withNewStatus().withAllowed(true).endStatus().build()).always();
        engine.execScript = this::exec;
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    public Path kubeconfig(Path file, String... contexts) {
        return cluster.writeKubeconfig(file, contexts);
    }

    /** The names of Gefyra's objects of one kind ({@code gefyraclients}, {@code gefyrabridges}, {@code gefyrabridgemounts}). */
    public java.util.List<String> names(String plural) {
        var context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("gefyra.dev")
                .withVersion("v1").withPlural(plural).withNamespaced(true).build();
        return client().genericKubernetesResources(context).inNamespace("gefyra").list().getItems().stream()
                .map(r -> r.getMetadata().getName()).toList();
    }

    /** Deployment {@code api} in {@link #NAMESPACE} with two ready pods (container {@code web}, ports 8080 and 9090). */
    public void bridgeTarget() {
        KubernetesClient k = client();
        BridgeTargets.deployment(k, BridgeTargets.httpProbe());
        var deployment = k.apps().deployments().inNamespace(NAMESPACE).withName("api").get();
        k.apps().replicaSets().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("api-7d9c5").withNamespace(NAMESPACE).withUid("uid-api-7d9c5")
                .withLabels(Map.of("app", "api", "pod-template-hash", "7d9c5"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("api")
                .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", "api")).endSelector()
                .withTemplate(deployment.getSpec().getTemplate()).endSpec().build()).create();
        BridgeTargets.pod(k, "api-7d9c5-a", "api-7d9c5", true, BridgeTargets.httpProbe());
        BridgeTargets.pod(k, "api-7d9c5-b", "api-7d9c5", true, BridgeTargets.httpProbe());
    }

    /** Cargo's commands as a healthy (or, with {@link #tunnelUp} false, a broken) tunnel to the double's Stowaway answers them. */
    private ContainerEngine.ExecResult exec(String cmd) {
        String head = cmd.split(" ")[0];
        String key = operator.stowawayPublicKey();
        long now = Instant.now().getEpochSecond();
        return switch (head) {
            case "sh" -> new ContainerEngine.ExecResult(0, now + "\n" + key + "\t" + (tunnelUp ? now - 4 : now - 400) + "\n"
                    + key + "\t1200\t800\nwg=0\nping=" + (tunnelUp ? 0 : 1) + "\n");
            case "wg" -> new ContainerEngine.ExecResult(0, key + "\t" + now + "\n");
            case "nslookup" -> new ContainerEngine.ExecResult(0, "Server: 192.168.99.1\nAddress: 192.168.99.1:53\n\n"
                    + "Name: kubernetes.default.svc.cluster.local\nAddress: 10.43.0.1\n");
            case "timeout", "ping" -> new ContainerEngine.ExecResult(tunnelUp ? 0 : 1, "");
            default -> new ContainerEngine.ExecResult(0, "");
        };
    }

    @Override
    public void close() {
        try {
            operator.close();
        } finally {
            cluster.close();
        }
    }
}
