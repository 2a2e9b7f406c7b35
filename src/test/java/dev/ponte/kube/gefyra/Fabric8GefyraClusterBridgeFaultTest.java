package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.BridgeTargets.NS;
import static dev.ponte.kube.gefyra.Fabric8GefyraClusterBridgeTest.BRIDGE;
import static dev.ponte.kube.gefyra.Fabric8GefyraClusterBridgeTest.MOUNT;
import static dev.ponte.kube.gefyra.Fabric8GefyraClusterBridgeTest.bridgeRequest;
import static dev.ponte.kube.gefyra.Fabric8GefyraClusterBridgeTest.mountRequest;
import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a mount or bridge can go wrong ends with a message that says why and what to do; nothing hangs. */
class Fabric8GefyraClusterBridgeFaultTest {
    private GefyraRig rig;
    private KubernetesClient k;

    @BeforeEach
    void start() {
        rig = new GefyraRig().installed();
        k = rig.cluster.client();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private static Problem explain(Throwable t) {
        return ErrorAdvice.explain(t, "the cluster");
    }

    private Problem mountFails(Duration timeout) {
        rig.gefyra.createMount(mountRequest());
        return explain(assertThrows(RuntimeException.class,
                () -> rig.gefyra.awaitMountActive(MOUNT, timeout, Progress.NONE, new CancellationToken())));
    }

    @Test
    void aWorkloadWithoutReadyPodsTimesOutNamingThat() {
        BridgeTargets.twoPods(k, false, BridgeTargets.httpProbe());

        Problem p = mountFails(Duration.ofMillis(1500));

        assertEquals(Problem.Kind.TIMEOUT, p.kind(), p.toString());
        assertTrue(p.detail().contains("in state PREPARING"), p.detail());
        assertTrue(p.detail().contains("deployment/api in namespace shop has no ready pods (0 of 2)"), p.detail());
        assertTrue(p.advice().contains("Make the workload's pods ready"), p.advice());
    }

    @Test
    void theMountGoesOnOnceThePodsBecomeReady() {
        BridgeTargets.twoPods(k, false, BridgeTargets.httpProbe());
        rig.gefyra.createMount(mountRequest());
        BridgeTargets.until("PREPARING", () -> "PREPARING".equals(rig.gefyra.mount(MOUNT).orElseThrow().state()));

        BridgeTargets.makeReady(k, "api-7d9c5-aaaaa");
        BridgeTargets.makeReady(k, "api-7d9c5-bbbbb");

        assertTrue(rig.gefyra.awaitMountActive(MOUNT, WAIT, Progress.NONE, new CancellationToken()).active());
    }

    @ParameterizedTest(name = "{0} probe")
    @ValueSource(strings = {"exec", "tcpSocket"})
    void anExecOrTcpSocketProbeIsRefusedWithAdvice(String kind) {
        Probe probe = "exec".equals(kind) ? BridgeTargets.execProbe() : BridgeTargets.tcpProbe();
        BridgeTargets.twoPods(k, true, probe);

        Problem p = mountFails(WAIT);

        assertEquals("The target container's probes do not work with Carrier2", p.title());
        assertTrue(p.detail().contains("Probes not compatible"), p.detail());
        assertTrue(p.advice().contains("httpGet") && p.advice().contains("another container"), p.advice());
        assertEquals(BridgeTargets.IMAGE, Fabric8GefyraClusterBridgeTest.web(k.pods().inNamespace(NS)
                .withName("api-7d9c5-aaaaa").get().getSpec().getContainers()).getImage(), "pods not patched");
    }

    @Test
    void podsOfTwoReplicaSetsMeanARolloutAndAreRefused() {
        BridgeTargets.deployment(k, BridgeTargets.httpProbe());
        BridgeTargets.pod(k, "api-7d9c5-aaaaa", "api-7d9c5", true, BridgeTargets.httpProbe());
        BridgeTargets.pod(k, "api-5f6b8-ccccc", "api-5f6b8", true, BridgeTargets.httpProbe());

        Problem p = mountFails(WAIT);

        assertEquals("A rollout of the workload is in progress", p.title());
        assertTrue(p.advice().contains("Wait for the rollout to finish"), p.advice());
    }

    @Test
    void aMissingTargetIsNamed() {
        Problem p = mountFails(WAIT);

        assertEquals("The bridge target was not found", p.title(), p.toString());
        assertTrue(p.detail().contains("Workload target deployment/api"), p.detail());
    }

    @Test
    void aTakenMountNameAndASecondMountForTheSameTargetAreRefused() {
        BridgeTargets.twoPods(k, true, BridgeTargets.httpProbe());
        rig.gefyra.createMount(mountRequest());
        rig.gefyra.awaitMountActive(MOUNT, WAIT, Progress.NONE, new CancellationToken());

        Problem sameName = explain(assertThrows(RuntimeException.class, () -> rig.gefyra.createMount(
                new MountRequest(MOUNT, NS, "deployment", "web", "web", "laptop-1"))));
        Problem sameTarget = explain(assertThrows(RuntimeException.class, () -> rig.gefyra.createMount(
                new MountRequest("api-shop-other", NS, "deployment", "api", "web", "laptop-2"))));

        assertEquals("A mount named " + MOUNT + " exists already", sameName.title());
        assertEquals("The workload already has a mount", sameTarget.title());
        assertTrue(sameTarget.detail().contains("A GefyraBridgeMount already exists for target 'deployment/api' in "
                + "namespace 'shop':'" + MOUNT + "' in state 'ACTIVE'"), sameTarget.detail());
    }

    @Test
    void aBridgeToAMountThatIsNotActiveIsRefused() {
        BridgeTargets.twoPods(k, false, BridgeTargets.httpProbe());
        rig.gefyra.createMount(mountRequest());
        BridgeTargets.until("PREPARING", () -> "PREPARING".equals(rig.gefyra.mount(MOUNT).orElseThrow().state()));

        Problem p = explain(assertThrows(RuntimeException.class, () -> rig.gefyra.createBridge(bridgeRequest(BRIDGE))));

        assertEquals("The workload's mount is not active yet", p.title());
        assertTrue(p.detail().contains("is not in ACTIVE state"), p.detail());
        assertTrue(rig.gefyra.bridges(java.util.Map.of()).isEmpty());
    }

    @Test
    void aBridgeToNoMountIsRefused() {
        Problem p = explain(assertThrows(RuntimeException.class, () -> rig.gefyra.createBridge(bridgeRequest(BRIDGE))));

        assertEquals("The bridge target was not found", p.title(), p.toString());
    }

    @Test
    void theSameBridgeTwiceIsAlreadyBridged() {
        BridgeTargets.twoPods(k, true, BridgeTargets.httpProbe());
        rig.gefyra.createMount(mountRequest());
        rig.gefyra.awaitMountActive(MOUNT, WAIT, Progress.NONE, new CancellationToken());
        rig.gefyra.createBridge(bridgeRequest(BRIDGE));
        rig.gefyra.awaitBridgeActive(BRIDGE, WAIT, Progress.NONE, new CancellationToken());

        // the webhook runs before the API server's name check: only a different body reaches the 409
        Problem conflict = explain(assertThrows(RuntimeException.class, () -> rig.gefyra.createBridge(
                new BridgeRequest(BRIDGE, MOUNT, "laptop-1", "my-app", "172.20.0.7", List.of(new PortMapping(8080, 8000)),
                        Fabric8GefyraClusterBridgeTest.RULES))));
        Problem sameRules = explain(assertThrows(RuntimeException.class,
                () -> rig.gefyra.createBridge(bridgeRequest("laptop-1-deployment-api-web-other"))));

        assertEquals("Already bridged", conflict.title());
        assertEquals("This bridge exists already", sameRules.title());
        assertTrue(sameRules.detail().contains("A GefyraBridge with these target parameters already exists."));
    }

    @Test
    void theApiServerGoingAwayMidWaitFailsClearlyAndAtOnce() throws Exception {
        BridgeTargets.twoPods(k, false, BridgeTargets.httpProbe());
        rig.gefyra.createMount(mountRequest());
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
        CompletableFuture<Object> wait = CompletableFuture.supplyAsync(
                () -> rig.gefyra.awaitMountActive(MOUNT, Duration.ofSeconds(60), progress, new CancellationToken()));
        BridgeTargets.until("the wait to report the operator's first events", () -> !messages.isEmpty());

        rig.cluster.server().shutdown();

        ExecutionException e = assertThrows(ExecutionException.class, () -> wait.get(20, TimeUnit.SECONDS));
        Problem p = explain(e.getCause());
        assertEquals(Problem.Kind.UNREACHABLE, p.kind(), p.toString());
        assertTrue(p.detail().contains("GefyraBridgeMount " + MOUNT), p.detail());
        assertTrue(p.advice().contains("Check the cluster connection"), p.advice());
    }

    @Test
    void cancelEndsTheWaitAtOnce() {
        BridgeTargets.twoPods(k, false, BridgeTargets.httpProbe());
        rig.gefyra.createMount(mountRequest());
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();

        assertThrows(CancellationException.class,
                () -> rig.gefyra.awaitMountActive(MOUNT, Duration.ofSeconds(60), Progress.NONE, cancel));
    }
}
