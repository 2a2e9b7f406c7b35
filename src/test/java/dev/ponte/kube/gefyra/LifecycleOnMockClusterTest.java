package dev.ponte.kube.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.lifecycle.ConnectionRequest;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.lifecycle.UpOperation;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Poll;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * up and down through the real fabric8 adapter against the mock API server, answered by the
 * operator test double; the local side is an in-memory engine (the real engines have their own tests).
 */
class LifecycleOnMockClusterTest {
    private static final String CLIENT = "ponteabc123";
    @TempDir
    Path dir;
    private GefyraRig rig;
    private final FakeEngine engine = new FakeEngine();
    private final List<StepEvent> events = new CopyOnWriteArrayList<>();

    private void rig(Duration requestTimeout) {
        rig = new GefyraRig(GefyraOperatorDouble.Options.defaults(), requestTimeout);
        // The mock server has no authorizer: this user may do everything (as a cluster admin).
        rig.cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder()
                        .withNewStatus().withAllowed(true).endStatus().build()).always();
        engine.execScript = cmd -> switch (cmd.split(" ")[0]) {
            case "wg" -> new ContainerEngine.ExecResult(0, rig.operator.stowawayPublicKey() + "\t1764070000\n");
            case "nslookup" -> new ContainerEngine.ExecResult(0, "Server: 192.168.99.1\nAddress: 192.168.99.1:53\n\n"
                    + "Name: kubernetes.default.svc.cluster.local\nAddress: 10.43.0.1\n");
            default -> new ContainerEngine.ExecResult(0, "");
        };
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private ConnectionRequest request(Duration stepTimeout) {
        GefyraImages images = GefyraImages.defaults();
        return new ConnectionRequest("kind-dev", "/home/u/.kube/config", "kind-dev", CLIENT, images,
                InstallOptions.defaults(images), "172.17.0.1:31820", dir, "/var/run/docker.sock", true, stepTimeout);
    }

    private Connection up(ConnectionRequest request, CancellationToken cancel) throws Exception {
        return new UpOperation(request, rig.gefyra, engine, events::add, Clock.systemUTC(), new SubnetPicker(List::of))
                .run(Progress.NONE, cancel);
    }

    private void assertNothingLeft() {
        assertEquals(List.of(), rig.gefyra.leftovers(), "Gefyra objects in the cluster");
        assertTrue(engine.networks.isEmpty(), "networks " + engine.networks.keySet());
        assertTrue(engine.containers.isEmpty(), "containers " + engine.containers.keySet());
        assertFalse(Files.exists(dir.resolve("kind-dev.conf")), "WireGuard config");
    }

    @Test
    void upInstallsRegistersAndConnectsThenDownAndUninstallLeavesNothing() throws Exception {
        rig(Duration.ofSeconds(15));
        Connection c = up(request(GefyraRig.WAIT), new CancellationToken());
        assertEquals(ClientState.ACTIVE, rig.gefyra.client(CLIENT).orElseThrow().state());
        assertEquals(List.of("CREATING", "WAITING", "ENABLING", "ACTIVE"), rig.operator.stateHistory(CLIENT));
        assertTrue(Files.readString(dir.resolve("kind-dev.conf")).contains("PublicKey = " + rig.operator.stowawayPublicKey()));
        DownOperation.Report report = new DownOperation(c, dir, true, rig.gefyra, engine, events::add, Clock.systemUTC(),
                GefyraRig.WAIT).run(Progress.NONE, new CancellationToken());
        assertTrue(report.clean(), report.leftovers().toString());
        assertNothingLeft();
    }

    @Test
    void upTwiceCreatesNothingTwice() throws Exception {
        rig(Duration.ofSeconds(15));
        up(request(GefyraRig.WAIT), new CancellationToken());
        rig.resetRequests();
        up(request(GefyraRig.WAIT), new CancellationToken());
        List<String> posts = rig.requests().stream().filter(r -> r.startsWith("POST")).toList();
        assertEquals(List.of(), posts, "the second up creates nothing in the cluster");
        assertEquals(1, engine.networks.size());
        assertEquals(1, engine.containers.size());
    }

    /** Cancel while the operator is busy with each stage: nothing of this run may remain. */
    @ParameterizedTest
    @EnumSource(value = GefyraOperatorDouble.Stage.class, names = {"OPERATOR_STARTUP", "CLIENT_CREATE", "CLIENT_WAIT",
            "CLIENT_ENABLE", "CLIENT_ACTIVATE"})
    void cancelWhileTheOperatorWorksLeavesNothing(GefyraOperatorDouble.Stage stage) throws Exception {
        rig(Duration.ofSeconds(15));
        rig.operator.fault(stage, GefyraOperatorDouble.Fault.HOLD);
        CancellationToken cancel = new CancellationToken();
        CompletableFuture<Connection> running = CompletableFuture.supplyAsync(() -> {
            try {
                return up(request(Duration.ofSeconds(20)), cancel);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        // Wait until up is waiting on the held stage (a RUNNING step that never ends), then cancel.
        Poll.until("up to reach " + stage, () -> holding(stage) || running.isDone() ? Boolean.TRUE : null,
                Duration.ofSeconds(15), Duration.ofMillis(20), new CancellationToken());
        assertTrue(holding(stage), "up reached the held stage " + stage + "; steps " + events);
        cancel.cancel();
        assertThrows(Exception.class, () -> running.get(30, TimeUnit.SECONDS));
        rig.operator.clearFault(stage); // the "operator" finishes its pending work, e.g. removing the client
        awaitNothingLeft();
    }

    private boolean holding(GefyraOperatorDouble.Stage stage) {
        String step = switch (stage) {
            case OPERATOR_STARTUP -> "Install Gefyra in the cluster";
            case CLIENT_CREATE, CLIENT_WAIT -> "Register this machine";
            case CLIENT_ENABLE, CLIENT_ACTIVATE -> "Wait for the tunnel configuration";
            default -> throw new IllegalArgumentException(stage.name());
        };
        return events.stream().anyMatch(e -> e.name().equals(step) && e.state() == StepEvent.State.RUNNING);
    }

    /** Rollback deletes through the operator (finalizers): wait for it, bounded. */
    private void awaitNothingLeft() throws Exception {
        try {
            Poll.until("the operator to finish removing", () -> rig.gefyra.leftovers().isEmpty() ? Boolean.TRUE : null,
                    Duration.ofSeconds(20), Duration.ofMillis(100), new CancellationToken());
        } catch (java.util.concurrent.TimeoutException e) {
            // assertNothingLeft says what is left
        }
        assertNothingLeft();
    }

    /** An API failure at each step of up (500, 429, a dropped answer): up fails with advice and leaves nothing. */
    @ParameterizedTest
    @CsvSource(textBlock = """
            POST, /api/v1/namespaces$, 500
            POST, /apis/apps/v1/namespaces/gefyra/deployments$, 429
            POST, /apis/gefyra.dev/v1/namespaces/gefyra/gefyraclients$, 500
            GET, /apis/gefyra.dev/v1/namespaces/gefyra/gefyraclients/ponteabc123$, 0
            """)
    void anApiFailureAtEachStepLeavesNothing(String method, String path, int status) {
        rig(Duration.ofSeconds(2));
        if (status == 0) {
            rig.operator.delayRequests(method, path, Duration.ofSeconds(5), 1); // longer than the request timeout
        } else {
            rig.operator.failRequests(method, path, status, 1);
        }
        assertThrows(Exception.class, () -> up(request(Duration.ofSeconds(8)), new CancellationToken()));
        assertTrue(events.stream().anyMatch(e -> e.state() == StepEvent.State.FAILED), "a failed step is shown");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(this::awaitNothingLeft);
    }

    /** Another client connecting restarts Stowaway upstream: Ponte hears of it to explain the dip. */
    @Test
    void anotherClientsConnectIsReported() throws Exception {
        rig(Duration.ofSeconds(15));
        rig.installed();
        java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
        try (var watch = rig.gefyra.watchOtherClients(CLIENT, changed::countDown)) {
            rig.client(CLIENT, null); // our own client: not reported
            assertFalse(changed.await(1, TimeUnit.SECONDS), "our own client's changes are not reported");
            rig.client("someoneelse", "10.199.7.0/24");
            assertTrue(changed.await(10, TimeUnit.SECONDS), "another client's connect is reported");
        }
    }
}
