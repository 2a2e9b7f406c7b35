package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraRig.OPTIONS;
import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.port.GefyraCluster.SubnetRejectedException;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Injected API failures surface as exceptions that ErrorAdvice explains; nothing hangs. */
class Fabric8GefyraClusterFaultTest {

    private static Problem explain(Throwable t) {
        return ErrorAdvice.explain(t, "the cluster");
    }

    @ParameterizedTest(name = "HTTP {0} while creating {1}")
    @CsvSource(textBlock = """
            500, /apis/rbac.authorization.k8s.io/v1/clusterroles$,                 SERVER_ERROR
            429, /apis/apps/v1/namespaces/gefyra/deployments$,                     SERVER_ERROR
            403, /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations$, FORBIDDEN
            """)
    void installFailureSurfacesWithAdvice(int status, String path, Problem.Kind kind) {
        try (GefyraRig rig = new GefyraRig()) {
            rig.operator.failRequests("POST", path, status, 1);

            ApiStatusException e = assertThrows(ApiStatusException.class,
                    () -> rig.gefyra.install(OPTIONS, Progress.NONE, new CancellationToken()));

            assertEquals(status, e.status());
            assertEquals(kind, explain(e).kind());
        }
    }

    @Test
    void aSlowApiServerSurfacesAsATimeout() {
        try (GefyraRig rig = new GefyraRig(GefyraOperatorDouble.Options.defaults(), Duration.ofMillis(700))) {
            rig.operator.delayRequests("POST", "/api/v1/namespaces$", Duration.ofSeconds(3), 1);

            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> rig.gefyra.install(OPTIONS, Progress.NONE, new CancellationToken()));

            assertEquals(Problem.Kind.TIMEOUT, explain(e).kind(), e.toString());
        }
    }

    @Test
    void aDroppedConnectionSurfacesAsUnreachable() {
        try (GefyraRig rig = new GefyraRig().installed()) {
            rig.cluster.server().shutdown();

            for (Runnable call : List.<Runnable>of(rig.gefyra::operatorStatus, () -> rig.gefyra.createClient("x"),
                    rig.gefyra::leftovers,
                    () -> rig.gefyra.uninstall(Duration.ofSeconds(1), Progress.NONE, new CancellationToken()))) {
                RuntimeException e = assertThrows(RuntimeException.class, call::run);
                assertEquals(Problem.Kind.UNREACHABLE, explain(e).kind(), e.toString());
            }
        }
    }

    @Test
    void aWatchThatCannotStartFailsTheWaitInsteadOfHanging() {
        try (GefyraRig rig = new GefyraRig()) {
            rig.gefyra.install(OPTIONS, Progress.NONE, new CancellationToken());
            rig.operator.failRequests("GET", "/api/v1/namespaces/gefyra/events", 500, 1);

            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> rig.gefyra.awaitOperatorReady(WAIT, Progress.NONE, new CancellationToken()));

            assertEquals(Problem.Kind.SERVER_ERROR, explain(e).kind(), e.toString());
        }
    }

    @Test
    void anyHttp500OnTheSubnetPatchCountsAsARefusalLikeUpstream() throws Exception {
        try (GefyraRig rig = new GefyraRig().installed()) {
            rig.client("laptop-1", null);
            rig.operator.failRequests("PATCH", "/gefyraclients/laptop-1$", 500, 1);

            assertThrows(SubnetRejectedException.class, () -> rig.gefyra.setSubnet("laptop-1", "10.199.0.0/24"));
            rig.gefyra.setSubnet("laptop-1", "10.199.0.0/24");
            assertEquals(ClientState.ACTIVE, rig.gefyra.awaitClient("laptop-1", c -> c.state() == ClientState.ACTIVE,
                    "ACTIVE", WAIT, new CancellationToken()).state());
        }
    }

    @Test
    void aClientTheOperatorFailsOnEndsTheWaitWithAdviceNotAHang() throws Exception {
        try (GefyraRig rig = new GefyraRig().installed()) {
            rig.operator.fault(GefyraOperatorDouble.Stage.CLIENT_CREATE, GefyraOperatorDouble.Fault.ERROR);
            rig.gefyra.createClient("laptop-1");

            RuntimeException e = assertThrows(RuntimeException.class, () -> rig.gefyra.awaitClient("laptop-1",
                    c -> c.state() == ClientState.WAITING, "WAITING", Duration.ofMillis(800), new CancellationToken()));

            Problem p = explain(e);
            assertEquals(Problem.Kind.TIMEOUT, p.kind());
            assertTrue(p.detail().contains("in state ERROR"), p.detail());
        }
    }
}
