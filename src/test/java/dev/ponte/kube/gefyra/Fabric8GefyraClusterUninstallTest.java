package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Fault;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uninstall and the leftover check, with the operator double finishing (or not) what it is asked to. */
class Fabric8GefyraClusterUninstallTest {
    private GefyraRig rig;

    @BeforeEach
    void start() {
        rig = new GefyraRig().installed();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private List<String> uninstall(Duration timeout) {
        return rig.gefyra.uninstall(timeout, Progress.NONE, new CancellationToken());
    }

    private void seedEverything() throws Exception {
        rig.client("laptop-1", "10.199.0.0/24");
        rig.client("laptop-2", null);
        rig.seed(Kind.MOUNT, "nginx-mount", "laptop-1");
        rig.seed(Kind.BRIDGE, "nginx-bridge", "laptop-1");
    }

    @Test
    void leftoversListsEveryGefyraObjectOfAnInstallation() throws Exception {
        seedEverything();

        List<String> left = rig.gefyra.leftovers();

        for (String expected : List.of("GefyraClient/gefyra/laptop-1", "GefyraBridge/gefyra/nginx-bridge",
                "GefyraBridgeMount/gefyra/nginx-mount", "Namespace/gefyra",
                "CustomResourceDefinition/gefyraclients.gefyra.dev", "ClusterRole/gefyra:operator",
                "ClusterRole/gefyra-client", "ClusterRoleBinding/gefyra-operator",
                "ClusterRoleBinding/gefyra-rolebinding-gefyra-client-laptop-2", "ValidatingWebhookConfiguration/gefyra.dev",
                "Deployment/gefyra/gefyra-operator-webhook", "Service/gefyra/gefyra-stowaway-wireguard",
                "ServiceAccount/gefyra/gefyra-operator")) {
            assertTrue(left.contains(expected), expected + " missing from " + left);
        }
    }

    @Test
    void uninstallLeavesNothingIncludingTheClientRbacUpstreamLeavesBehind() throws Exception {
        seedEverything();
        List<String> steps = new CopyOnWriteArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void step(String name, int index, int total) {
                steps.add(index + "/" + total + " " + name);
            }

            @Override
            public void message(String text) {
            }
        };

        List<String> removed = rig.gefyra.uninstall(WAIT, progress, new CancellationToken());

        assertEquals(List.of(), rig.gefyra.leftovers());
        assertEquals(7, steps.size(), steps.toString());
        for (String expected : List.of("GefyraBridge/gefyra/nginx-bridge deleted",
                "GefyraBridgeMount/gefyra/nginx-mount deleted", "GefyraClient/gefyra/laptop-1 deleted",
                "GefyraClient/gefyra/laptop-2 deleted", "Namespace/gefyra deleted",
                "CustomResourceDefinition/gefyraclients.gefyra.dev deleted", "ClusterRole/gefyra:operator deleted",
                "ClusterRoleBinding/gefyra-operator deleted", "ValidatingWebhookConfiguration/gefyra.dev deleted",
                "ClusterRole/gefyra-client deleted")) {
            assertTrue(removed.contains(expected), expected + " missing from " + removed);
        }
        assertFalse(removed.stream().anyMatch(l -> l.contains("finalizers")), removed.toString());
    }

    @Test
    void uninstallLetsTheOperatorRestoreWorkloadsInsteadOfStrippingFinalizers() throws Exception {
        seedEverything();
        rig.resetRequests();

        uninstall(WAIT);

        assertEquals(List.of("GefyraBridge/nginx-bridge", "GefyraBridgeMount/nginx-mount"), rig.operator.restored());
        assertFalse(rig.requests().stream().anyMatch(r -> r.startsWith("PATCH")),
                "upstream patches finalizers: null; Ponte must not: " + rig.requests());
        var k = rig.cluster.client();
        assertTrue(k.serviceAccounts().inAnyNamespace().list().getItems().isEmpty(), "client accounts left");
    }

    @Test
    void uninstallStripsFinalizersOnlyAfterTheOperatorDidNotFinishInTime() throws Exception {
        seedEverything();
        rig.operator.fault(Stage.MOUNT_TERMINATE, Fault.HOLD);

        List<String> removed = uninstall(Duration.ofMillis(800));

        assertTrue(removed.stream().anyMatch(l -> l.startsWith("GefyraBridgeMount/gefyra/nginx-mount deleted by "
                + "stripping its finalizers")), removed.toString());
        assertTrue(removed.contains("GefyraBridge/gefyra/nginx-bridge deleted"), removed.toString());
        assertEquals(List.of(), rig.gefyra.leftovers());
    }

    @Test
    void uninstallTwiceIsFineAndTheSecondRemovesNothing() throws Exception {
        seedEverything();
        uninstall(WAIT);

        assertEquals(List.of(), uninstall(WAIT));
        assertEquals(List.of(), rig.gefyra.leftovers());
    }

    @Test
    void uninstallRemovesAHalfInstalledGefyra() {
        try (GefyraRig half = new GefyraRig()) {
            half.operator.failRequests("POST", "/apis/apps/v1/namespaces/gefyra/deployments$", 500, 1);
            assertThrows(RuntimeException.class,
                    () -> half.gefyra.install(GefyraRig.OPTIONS, Progress.NONE, new CancellationToken()));

            half.gefyra.uninstall(WAIT, Progress.NONE, new CancellationToken());

            assertEquals(List.of(), half.gefyra.leftovers());
        }
    }

    @Test
    void uninstallEndsAtOnceWhenCancelledWhileWaitingForTheOperator() throws Exception {
        seedEverything();
        rig.operator.fault(Stage.BRIDGE_TERMINATE, Fault.HOLD);
        CancellationToken cancel = new CancellationToken();
        Executors.newSingleThreadScheduledExecutor().schedule(cancel::cancel, 300, TimeUnit.MILLISECONDS);

        long t0 = System.nanoTime();
        assertThrows(CancellationException.class, () -> rig.gefyra.uninstall(Duration.ofMinutes(5), Progress.NONE,
                cancel));

        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "cancel took too long");
        assertTrue(rig.gefyra.leftovers().contains("Namespace/gefyra"), "went on after cancel");
    }
}
