package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraRig.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Fault;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTimeBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Install, readiness, status and pre-flight queries against the mock API server with the operator double. */
class Fabric8GefyraClusterInstallTest {
    private static final List<String> UPSTREAM_OBJECTS = List.of(
            "Namespace/gefyra", "ServiceAccount/gefyra-operator", "ClusterRole/gefyra:operator",
            "ClusterRoleBinding/gefyra-operator", "Service/gefyra-admission", "ValidatingWebhookConfiguration/gefyra.dev",
            "Deployment/gefyra-operator", "Deployment/gefyra-operator-webhook", "Service/gefyra-stowaway-wireguard");
    private GefyraRig rig;

    @BeforeEach
    void start() {
        rig = new GefyraRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private List<String> install() {
        return rig.gefyra.install(OPTIONS, Progress.NONE, new CancellationToken());
    }

    @Test
    void installCreatesExactlyUpstreamsNineObjectsOneByOneInUpstreamsOrder() {
        List<String> lines = install();

        assertEquals(UPSTREAM_OBJECTS.stream().map(o -> o + " created").toList(), lines);
        assertEquals(List.of(
                "POST /api/v1/namespaces",
                "POST /api/v1/namespaces/gefyra/serviceaccounts",
                "POST /apis/rbac.authorization.k8s.io/v1/clusterroles",
                "POST /apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
                "POST /api/v1/namespaces/gefyra/services",
                "POST /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
                "POST /apis/apps/v1/namespaces/gefyra/deployments",
                "POST /apis/apps/v1/namespaces/gefyra/deployments",
                "POST /api/v1/namespaces/gefyra/services"), rig.requests());
    }

    @Test
    void installedObjectsCarryUpstreamsKeyFields() {
        install();
        var k = rig.cluster.client();

        var webhooks = k.admissionRegistration().v1().validatingWebhookConfigurations().withName("gefyra.dev").get()
                .getWebhooks();
        assertEquals(List.of("client-parameters.gefyra.dev", "mount-parameters.gefyra.dev", "bridge-parameters.gefyra.dev"),
                webhooks.stream().map(w -> w.getName()).toList());
        for (var w : webhooks) {
            assertEquals(AdmissionCertificate.PEM,
                    new String(Base64.getDecoder().decode(w.getClientConfig().getCaBundle()), StandardCharsets.US_ASCII));
            assertEquals("gefyra-admission", w.getClientConfig().getService().getName());
        }
        var operator = k.apps().deployments().inNamespace("gefyra").withName("gefyra-operator").get();
        var container = operator.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertEquals("quay.io/gefyra/operator:2.5.4", container.getImage());
        assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("GEFYRA_CARRIER2_IMAGE_TAG")
                && e.getValue().equals("2.5.4")));
        var webhook = k.apps().deployments().inNamespace("gefyra").withName("gefyra-operator-webhook").get()
                .getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertEquals("OP_MODE", webhook.getEnv().getFirst().getName());
        assertEquals(List.of("python", "gefyra/healthcheck.py"), webhook.getLivenessProbe().getExec().getCommand());
        var port = k.services().inNamespace("gefyra").withName("gefyra-stowaway-wireguard").get().getSpec().getPorts()
                .getFirst();
        assertEquals(31820, port.getNodePort());
        assertEquals("UDP", port.getProtocol());
        assertEquals(51820, port.getPort());
        assertEquals(9, labelled(), "every object carries app.kubernetes.io/managed-by=ponte");
    }

    private int labelled() {
        var k = rig.cluster.client();
        String key = "app.kubernetes.io/managed-by";
        return k.namespaces().withLabel(key, "ponte").list().getItems().size()
                + k.serviceAccounts().inAnyNamespace().withLabel(key, "ponte").list().getItems().size()
                + k.rbac().clusterRoles().withLabel(key, "ponte").list().getItems().size()
                + k.rbac().clusterRoleBindings().withLabel(key, "ponte").list().getItems().size()
                + k.services().inAnyNamespace().withLabel(key, "ponte").list().getItems().size()
                + k.admissionRegistration().v1().validatingWebhookConfigurations().withLabel(key, "ponte").list()
                .getItems().size()
                + k.apps().deployments().inAnyNamespace().withLabel(key, "ponte").list().getItems().size();
    }

    @Test
    void installTwiceCreatesNothingTwiceAndSkipsTheWait() {
        install();
        rig.gefyra.awaitOperatorReady(GefyraRig.WAIT, Progress.NONE, new CancellationToken());
        rig.resetRequests();

        List<String> again = install();
        rig.gefyra.awaitOperatorReady(GefyraRig.WAIT, Progress.NONE, new CancellationToken());

        assertEquals(UPSTREAM_OBJECTS.stream().map(o -> o + " exists").toList(), again);
        assertEquals(9, labelled());
        assertFalse(rig.requests().stream().anyMatch(r -> r.contains("watch=true")),
                "a running operator posts no new Gefyra-Ready, so nothing is watched: " + rig.requests());
    }

    @Test
    void awaitOperatorReadyWaitsForBothEventsAndReportsImagePulls() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void step(String name, int index, int total) {
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        rig.operator.fault(Stage.WEBHOOK_STARTUP, Fault.HOLD);
        install();
        var waiting = Executors.newSingleThreadExecutor().submit(
                () -> rig.gefyra.awaitOperatorReady(GefyraRig.WAIT, progress, new CancellationToken()));
        assertThrows(TimeoutException.class, () -> waiting.get(700, TimeUnit.MILLISECONDS),
                "ready although the webhook had not started");

        rig.operator.clearFault(Stage.WEBHOOK_STARTUP);
        waiting.get(10, TimeUnit.SECONDS);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Pulling image \"quay.io/gefyra/operator:2.5.4\"")),
                messages.toString());
        OperatorStatus status = rig.gefyra.operatorStatus();
        assertTrue(status.ready(), status.toString());
    }

    @Test
    void awaitOperatorReadyTimesOutWithAdviceWhenTheOperatorNeverStarts() {
        rig.operator.fault(Stage.OPERATOR_STARTUP, Fault.ERROR);
        install();

        PonteException e = assertThrows(PonteException.class, () -> rig.gefyra.awaitOperatorReady(
                Duration.ofMillis(800), Progress.NONE, new CancellationToken()));

        assertInstanceOf(TimeoutException.class, e.getCause());
        Problem p = ErrorAdvice.explain(e, "the cluster");
        assertEquals(Problem.Kind.TIMEOUT, p.kind());
        assertTrue(p.detail().contains("Gefyra-Ready"), p.detail());
    }

    @Test
    void awaitOperatorReadyEndsAtOnceWhenCancelled() {
        rig.operator.fault(Stage.OPERATOR_STARTUP, Fault.HOLD);
        install();
        CancellationToken cancel = new CancellationToken();
        Executors.newSingleThreadScheduledExecutor().schedule(cancel::cancel, 300, TimeUnit.MILLISECONDS);

        long t0 = System.nanoTime();
        var e = assertThrows(CancellationException.class,
                () -> rig.gefyra.awaitOperatorReady(Duration.ofMinutes(5), Progress.NONE, cancel));

        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "cancel took too long");
        assertEquals(Problem.Kind.CANCELLED, ErrorAdvice.explain(e, "the cluster").kind());
    }

    @Test
    void awaitOperatorReadyIgnoresAGefyraReadyEventOfAnEarlierOperator() {
        rig.cluster.client().namespaces().resource(GefyraManifests.namespace()).create();
        rig.cluster.client().v1().events().inNamespace("gefyra").resource(new EventBuilder()
                .withNewMetadata().withName("gefyra-operator-startup-1600000000.0").endMetadata()
                .withReason("Gefyra-Ready").withMessage("old").withType("Normal")
                .withEventTime(new MicroTimeBuilder().withTime("2020-09-13T12:26:40.000000Z").build())
                .build()).create();
        rig.operator.fault(Stage.OPERATOR_STARTUP, Fault.HOLD);
        install();

        assertThrows(PonteException.class, () -> rig.gefyra.awaitOperatorReady(Duration.ofMillis(800), Progress.NONE,
                new CancellationToken()));
    }

    @Test
    void operatorStatusTellsAbsentFromInstalledAndReady() {
        OperatorStatus before = rig.gefyra.operatorStatus();
        assertFalse(before.namespacePresent());
        assertFalse(before.installed());

        install();
        rig.gefyra.awaitOperatorReady(GefyraRig.WAIT, Progress.NONE, new CancellationToken());
        OperatorStatus after = rig.gefyra.operatorStatus();

        assertTrue(after.installed());
        assertEquals("2.5.4", after.version());
        assertTrue(after.ready(), after.toString());
    }

    @Test
    void canIAsksTheApiServerWithASelfSubjectAccessReview() {
        String path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
        rig.cluster.server().expect().post().withPath(path).andReturn(201, """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","status":{"allowed":true}}""")
                .once();
        rig.cluster.server().expect().post().withPath(path).andReturn(201, """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","status":{"allowed":false}}""")
                .once();

        assertTrue(rig.gefyra.canI("create", "apiextensions.k8s.io", "customresourcedefinitions", null));
        assertFalse(rig.gefyra.canI("create", "", "namespaces", null));
        assertEquals(List.of("POST " + path, "POST " + path), rig.requests());
    }

    @Test
    void nodeArchitecturesComeFromTheNodeLabelOrTheKubeletReport() {
        var nodes = rig.cluster.client().nodes();
        nodes.resource(new NodeBuilder().withNewMetadata().withName("a").addToLabels("kubernetes.io/arch", "amd64")
                .endMetadata().build()).create();
        nodes.resource(new NodeBuilder().withNewMetadata().withName("b").endMetadata()
                .withNewStatus().withNewNodeInfo().withArchitecture("arm64").endNodeInfo().endStatus().build()).create();

        assertEquals(List.of("amd64", "arm64"), rig.gefyra.nodeArchitectures());
    }
}
