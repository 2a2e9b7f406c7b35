package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.BridgeTargets.NS;
import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.cleanup.CleanupAssistant;
import dev.ponte.core.cleanup.CleanupResult;
import dev.ponte.core.cleanup.CleanupScan;
import dev.ponte.core.cleanup.Leftover;
import dev.ponte.core.cleanup.Origin;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.LocalConnections;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.testsupport.FakePorts;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What upstream's {@code gefyra uninstall} leaves, made the way it makes it on the mock API server with the operator
 * double — a CLI client {@code default} with a mount and a bridge, their finalizers stripped and all three deleted, then
 * namespace {@code gefyra} deleted (shared/gefyra-protocol.md 8, 13): the shadow Deployment and Service, the pods still
 * running Carrier2, the client's ClusterRoleBinding and ClusterRole {@code gefyra-client} stay. The cleanup assistant,
 * on Ponte's real cluster adapter, finds each of them and ends with none left.
 */
class CleanupOnMockClusterTest {
    @TempDir
    Path dir;
    private GefyraRig rig;
    private KubernetesClient k;

    @BeforeEach
    void start() throws Exception {
        rig = new GefyraRig().installed();
        k = rig.cluster.client();
        BridgeTargets.twoPods(k, true, BridgeTargets.httpProbe());
        rig.client("default", "172.20.0.0/16");
        rig.gefyra.createMount(new MountRequest("api-shop-cli01", NS, "deployment", "api", "web", null));
        rig.gefyra.awaitMountActive("api-shop-cli01", WAIT, Progress.NONE, new CancellationToken());
        rig.gefyra.createBridge(new BridgeRequest("default-api", "api-shop-cli01", "default", "my-app", "172.20.0.3",
                List.of(new BridgeRequest.PortMapping(8080, 8000)), new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-gefyra", "peer", MatchRules.Type.EXACT)))))));
        rig.gefyra.awaitBridgeActive("default-api", WAIT, Progress.NONE, new CancellationToken());
        // upstream's uninstall: finalizers set to null, then DELETE, for mounts, bridges, clients; then the namespace.
        // Its point is that the delete handlers never run. The double, like Kopf, puts its finalizer back when it sees
        // the patch before the DELETE and would then restore the workload (a race the real uninstall has too): its
        // delete handlers are held, and a finalizer put back is stripped again until the object is gone.
        for (GefyraOperatorDouble.Stage stage : List.of(GefyraOperatorDouble.Stage.MOUNT_TERMINATE,
                GefyraOperatorDouble.Stage.BRIDGE_TERMINATE, GefyraOperatorDouble.Stage.CLIENT_TERMINATE)) {
            rig.operator.fault(stage, GefyraOperatorDouble.Fault.HOLD);
        }
        for (GefyraResources.Kind kind : List.of(GefyraResources.Kind.MOUNT, GefyraResources.Kind.BRIDGE, GefyraResources.Kind.CLIENT)) {
            for (var r : kind.in(k).list().getItems()) {
                stripFinalizers(kind, r.getMetadata().getName());
                kind.in(k).withName(r.getMetadata().getName()).delete();
            }
            dev.ponte.core.task.Poll.until(kind + " objects to go", () -> {
                var left = kind.in(k).list().getItems();
                left.forEach(r -> stripFinalizers(kind, r.getMetadata().getName()));
                return left.isEmpty() ? Boolean.TRUE : null;
            }, Duration.ofSeconds(10), Duration.ofMillis(100), new CancellationToken());
        }
        k.namespaces().withName("gefyra").delete();
        dev.ponte.core.task.Poll.until("namespace gefyra to go", () -> k.apps().deployments().inNamespace("gefyra").list()
                .getItems().isEmpty() ? Boolean.TRUE : null, Duration.ofSeconds(10), Duration.ofMillis(100), new CancellationToken());
    }

    /** Upstream's {@code finalizers: null} patch; an object gone since it was listed is what the caller waits for. */
    private void stripFinalizers(GefyraResources.Kind kind, String name) {
        try {
            kind.in(k).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void whatUpstreamsUninstallLeavesIsFoundAndRemoved() throws Exception {
        FakePorts ports = new FakePorts(dir, "mock");
        Journal journal = Journal.inMemory(Clock.systemUTC());
        Clusters clusters = new Clusters() {
            @Override
            public ClusterSession open(String context) {
                return DiagnosticsOnMockClusterTest.session(rig.ponteClient, rig.gefyra);
            }

            @Override
            public String kubeconfigOf(String context) {
                return null;
            }
        };
        CleanupAssistant assistant = new CleanupAssistant(ports.engines, clusters,
                () -> List.of(new KubeContext("mock", "mock", "mock", "default", rig.cluster.url(), null)),
                () -> ConnectionsSnapshot.EMPTY, new LocalConnections(ports.engines, clusters, ports.settings, journal,
                Clock.systemUTC(), Duration.ofSeconds(5)), Clock.systemUTC(), Duration.ofSeconds(5));

        CleanupScan scan = assistant.scan().run(Progress.NONE, new CancellationToken());
        Set<String> found = scan.items().stream().map(Leftover::what).collect(Collectors.toSet());
        assertEquals(Set.of("shadow Deployment shop/api-gefyra", "shadow Service shop/api-web-gefyra-svc",
                "pod still running Carrier2 shop/api-7d9c5-aaaaa", "pod still running Carrier2 shop/api-7d9c5-bbbbb",
                "ClusterRoleBinding/gefyra-rolebinding-gefyra-client-default", "ClusterRole/gefyra-client"), found);
        assertTrue(scan.items().stream().allMatch(i -> i.origin() == Origin.OPERATOR), scan.items().toString());
        assertEquals(List.of(), scan.notChecked());

        CleanupResult result = assistant.remove(scan.items(), Set.of()).run(Progress.NONE, new CancellationToken());
        assertEquals(List.of(), result.failures());
        assertTrue(result.clean(), "left: " + result.remaining());
        assertEquals(List.of(), result.after().items());
        assertTrue(k.apps().deployments().inNamespace(NS).withName("api-gefyra").get() == null);
        assertTrue(k.rbac().clusterRoles().withName("gefyra-client").get() == null);
        assertTrue(k.apps().deployments().inNamespace(NS).withName("api").get() != null, "the workload itself stays");
        assertTrue(k.services().inNamespace(NS).list().getItems().stream().noneMatch(s -> s.getMetadata().getName().endsWith("-gefyra-svc")));
    }
}
