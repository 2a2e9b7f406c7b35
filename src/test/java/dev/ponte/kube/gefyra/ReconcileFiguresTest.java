package dev.ponte.kube.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.KubeconfigClusters;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.kube.Fabric8ClusterConnector;
import dev.ponte.kube.KubeconfigLoader;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up reconcile with three contexts, one of them unreachable (its API server refuses connections): two
 * standing connections on mock API servers with the operator double are watched again, the third is listed from the
 * journal as "cluster not checked". Prints the time it takes (median of five fresh starts); asserts only the outcome.
 */
class ReconcileFiguresTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileFiguresTest.class);
    @TempDir
    Path dir;

    @Test
    void threeContextsOneUnreachable() throws Exception {
        try (GefyraRig a = new GefyraRig(); GefyraRig b = new GefyraRig()) {
            FakePorts ports = new FakePorts(dir);
            Journal journal = Journal.inMemory(Clock.systemUTC());
            List<String> kubeconfigs = new ArrayList<>();
            int n = 0;
            for (GefyraRig rig : List.of(a, b)) {
                String ctx = "ctx-" + (char) ('a' + n++);
                Journal.Identity id = journal.identity(ctx, "dev@laptop");
                rig.gefyra.install(GefyraRig.OPTIONS, dev.ponte.core.task.Progress.NONE, new CancellationToken());
                rig.gefyra.awaitOperatorReady(GefyraRig.WAIT, dev.ponte.core.task.Progress.NONE, new CancellationToken());
                rig.gefyra.createClient(id.clientId());
                rig.gefyra.awaitClient(id.clientId(), c -> c.state() == ClientState.WAITING, "waiting", GefyraRig.WAIT, new CancellationToken());
                rig.gefyra.setSubnet(id.clientId(), "172.2" + n + ".0.0/16");
                rig.gefyra.awaitClient(id.clientId(), c -> c.state() == ClientState.ACTIVE, "active", GefyraRig.WAIT, new CancellationToken());
                standing(ports, id);
                kubeconfigs.add(rig.cluster.writeKubeconfigNamed(dir.resolve(ctx + ".yaml"), ctx + "-cluster", ctx + "-user", ctx).toString());
            }
            Journal.Identity c = journal.identity("ctx-c", "dev@laptop");
            standing(ports, c);
            ports.engine.containers.remove("gefyra-cargo-ctx-c"); // only its network is left: an interrupted Connect
            Path refused = dir.resolve("ctx-c.yaml");
            Files.writeString(refused, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                    users: [{name: c, user: {token: t}}]
                    contexts: [{name: ctx-c, context: {cluster: c, user: c}}]
                    current-context: ctx-c
                    """);
            kubeconfigs.add(refused.toString());
            Map<String, String> env = Map.of("KUBECONFIG", String.join(":", kubeconfigs), "PATH", "/usr/bin:/bin");
            KubeconfigLoader loader = new KubeconfigLoader(env, dir);
            KubeconfigClusters clusters = new KubeconfigClusters(loader, new Fabric8ClusterConnector(loader, List::of, env), List::of);
            ExecutorService io = Executors.newFixedThreadPool(2);
            List<Long> ms = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    ConnectionService s = new ConnectionService(ports.engines, clusters, ports.settings, journal,
                            new DirectTaskRunner(), io, new ManualScheduler(), Clock.systemUTC(),
                            ConnectionService.Options.defaults().withPicker(() -> new SubnetPicker(List::of)));
                    long t0 = System.nanoTime();
                    s.reconcile();
                    dev.ponte.core.task.Poll.until("the reconcile", () -> s.snapshot().reconciled() ? Boolean.TRUE : null,
                            Duration.ofSeconds(60), Duration.ofMillis(5), new CancellationToken());
                    ms.add((System.nanoTime() - t0) / 1_000_000);
                    assertEquals(ConnectionState.CONNECTED, s.snapshot().of("ctx-a").orElseThrow().state());
                    assertEquals(ConnectionState.CONNECTED, s.snapshot().of("ctx-b").orElseThrow().state());
                    var third = s.snapshot().of("ctx-c").orElseThrow();
                    assertEquals(ConnectionState.INTERRUPTED, third.state());
                    assertFalse(third.leftovers().clusterChecked(), "listed from the journal: its cluster does not answer");
                    s.close();
                }
            } finally {
                io.shutdownNow();
            }
            List<Long> sorted = ms.stream().sorted().toList();
            LOG.info("FIGURE reconcile with three contexts (one unreachable): median {} ms (runs {})", sorted.get(2), ms);
            System.err.printf("FIGURE reconcile with three contexts (one unreachable): median %d ms, runs %s%n", sorted.get(2), ms);
        }
    }

    /** A connection whose Cargo runs on its network, as Connect leaves it. */
    private static void standing(FakePorts ports, Journal.Identity id) {
        String network = "gefyra-network-" + id.connection();
        ports.engine.networks.put(network, new ContainerEngine.Network("n-" + id.connection(), network, List.of("172.30.0.0/16"),
                Map.of(CargoLabels.CREATED_BY, "true", CargoLabels.CONTEXT, id.context())));
        ports.engine.containers.put("gefyra-cargo-" + id.connection(), new ContainerEngine.Container("c-" + id.connection(),
                "gefyra-cargo-" + id.connection(), "cargo", "running", Map.of(CargoLabels.ROLE, CargoLabels.ROLE_CARGO,
                CargoLabels.CONTEXT, id.context(), CargoLabels.CONNECTION, id.connection(), CargoLabels.CLIENT, id.clientId(),
                CargoLabels.MANAGED_BY, CargoLabels.PONTE, CargoLabels.CREATED_BY, "true"), Map.of(network, "172.30.0.149")));
    }
}
