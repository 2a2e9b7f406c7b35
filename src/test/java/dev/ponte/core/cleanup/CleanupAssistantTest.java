package dev.ponte.core.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournalFile;
import dev.ponte.core.connections.LocalConnections;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.lifecycle.FakeGefyraCluster;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cleanup assistant on a fixture of leftovers of every kind — this machine's connection parts (a client without
 * Cargo, a Cargo without a client, a network and container of a gone connection, a probe network, files), the gefyra
 * CLI's connection as the CLI labels it, bridges and mounts of a client that is gone, a shadow workload and a Carrier2
 * pod whose mount is gone, the client RBAC upstream's uninstall leaves, another machine's live client — next to a live
 * connection that must not be touched: the scan groups them by connection and by who made them, removing refuses
 * another machine's live client until its warning is confirmed, and then nothing is left.
 */
class CleanupAssistantTest {
    @TempDir
    Path dir;
    private FakePorts p;

    @Test
    void aFixtureOfEveryKindEndsWithNothingLeftAndTheLiveConnectionUntouched() throws Exception {
        p = new FakePorts(dir, "kind-dev", "staging", "live");
        Journal journal = new Journal(new JournalFile(dir.resolve("journal.json")), Clock.systemUTC());
        ConnectionService service = p.service(journal, new DirectTaskRunner(), Runnable::run, new ManualScheduler(), Clock.systemUTC());
        service.reconcile();
        service.connect("live");
        assertEquals(ConnectionState.CONNECTED, service.snapshot().of("live").orElseThrow().state());
        var live = service.snapshot().of("live").orElseThrow();
        // a container of the live connection that the user stopped: no address on the network, but not a leftover
        p.engine.create(new ContainerEngine.RunSpec("live-app", "app:dev", List.of(), Map.of(), Map.of(CargoLabels.CREATED_BY, "true",
                RunLabels.MANAGED_BY, "ponte", RunLabels.CONNECTION, live.name()), List.of(), live.connection().networkName(),
                List.of(), List.of(), List.of(), false, 0, 0));
        p.engine.start("live-app");
        p.engine.stop("live-app", Duration.ofSeconds(1));

        FakeGefyraCluster dev = p.cluster("kind-dev");
        dev.installed = true;
        // this machine: a client whose Cargo is gone
        journal.adopt(new Journal.Identity("kind-dev", "kind-dev", "ponte11111aaaaa"));
        dev.createClient("ponte11111aaaaa");
        // this machine: a Cargo whose client is gone (staging), its network, a container on it and its key file
        p.engine.createNetwork("gefyra-network-staging", "172.30.0.0/16", Map.of(CargoLabels.CREATED_BY, "true",
                CargoLabels.MANAGED_BY, "ponte", CargoLabels.CONTEXT, "staging", CargoLabels.CONNECTION, "staging"));
        p.engine.create(cargo("staging", "staging", "ponte22222bbbbb", true));
        p.engine.connect("gefyra-network-staging", "gefyra-cargo-staging", "172.30.0.149");
        p.engine.start("gefyra-cargo-staging");
        app("staging-app", "gefyra-network-staging", true);
        Files.createDirectories(p.gefyraDir);
        Files.writeString(p.gefyraDir.resolve("staging.conf"), "[Interface]\n");
        // the gefyra CLI's connection "default" of context kind-dev, as the CLI labels it, with its files
        p.engine.createNetwork("gefyra-network-default", "172.31.0.0/16", Map.of(CargoLabels.CREATED_BY, "true"));
        p.engine.create(cargo("default", "kind-dev", "default", false));
        p.engine.connect("gefyra-network-default", "gefyra-cargo-default", "172.31.0.149");
        Files.writeString(p.gefyraDir.resolve("default.conf"), "[Interface]\n");
        Files.writeString(p.gefyraDir.resolve("default.yaml"), "apiVersion: v1\n");
        // a network and a container of a connection that is gone altogether
        p.engine.createNetwork("gefyra-network-old", "172.32.0.0/16", Map.of(CargoLabels.CREATED_BY, "true",
                CargoLabels.MANAGED_BY, "ponte", CargoLabels.CONTEXT, "kind-dev", CargoLabels.CONNECTION, "old"));
        app("old-app", "gefyra-network-old", true);
        // a probe network of an interrupted subnet search
        p.engine.createNetwork("gefyra-network-zzz-probe-3", null, Map.of(CargoLabels.CREATED_BY, "true",
                CargoLabels.MANAGED_BY, "ponte", CargoLabels.PROBE, "true"));
        // a bridge and a mount of a client that is gone
        dev.mounts.put("api-shop-gh0st", new BridgeMount("api-shop-gh0st", "shop", "deployment/api", "web", "ACTIVE", null,
                Instant.EPOCH, "ghost"));
        dev.bridges.put("ghost-api", new Bridge("ghost-api", "api-shop-gh0st", "ghost", "ghost-app", "172.40.0.2",
                List.of("8000:8080"), new MatchRules(List.of()), Map.of(), "ACTIVE", null, Instant.EPOCH));
        // what the operator made for a mount that is gone, and the RBAC upstream leaves
        dev.mountArtifacts.add(new GefyraCluster.MountArtifact("Deployment", "shop", "cart-gefyra", null, "shadow Deployment"));
        dev.mountArtifacts.add(new GefyraCluster.MountArtifact("Pod", "shop", "cart-5d8-xk2", null, "pod still running Carrier2"));
        dev.clientRbac.add("ClusterRoleBinding/gefyra-rolebinding-gefyra-client-ghost");
        p.cluster("staging").clientRbac.add("ClusterRole/gefyra-client"); // Gefyra is gone from staging, the role stayed
        // another machine's Ponte: a live client with a bridge; the gefyra CLI's idle client somewhere
        dev.createClient("ponte0123456789");
        dev.setSubnet("ponte0123456789", "172.50.0.0/16");
        dev.mounts.put("api-shop-cli01", new BridgeMount("api-shop-cli01", "shop", "deployment/api", "api", "ACTIVE", null,
                Instant.EPOCH, null)); // a mount the gefyra CLI made (no creator label): shared, never a leftover by itself
        dev.bridges.put("other-api", new Bridge("other-api", "api-shop-cli01", "ponte0123456789", "bob-app", "172.50.0.2",
                List.of("8000:8080"), new MatchRules(List.of()), Map.of(), "ACTIVE", null, Instant.EPOCH));
        dev.createClient("6f1e2d3c4b5a69788796a5b4c3d2e1f0");

        LocalConnections local = new LocalConnections(p.engines, p.clusterPorts, p.settings, journal, Clock.systemUTC(),
                Duration.ofSeconds(5));
        CleanupAssistant assistant = new CleanupAssistant(p.engines, p.clusterPorts, () -> List.of(context("kind-dev"),
                context("staging"), context("live")), service::snapshot, local, Clock.systemUTC(), Duration.ofSeconds(5));

        CleanupScan scan = assistant.scan().run(Progress.NONE, new CancellationToken());
        Map<String, List<String>> groups = new HashMap<>();
        scan.byGroup().forEach((g, items) -> groups.put(g, items.stream().map(Leftover::what).toList()));
        assertTrue(groups.get("connection kind-dev").contains("GefyraClient ponte11111aaaaa"), groups.toString());
        assertTrue(groups.get("connection staging").containsAll(List.of("Cargo container gefyra-cargo-staging",
                "network gefyra-network-staging", "container staging-app")), groups.toString());
        assertTrue(groups.get("connection staging").stream().anyMatch(w -> w.endsWith("staging.conf")), groups.toString());
        assertTrue(groups.get("connection default").containsAll(List.of("Cargo container gefyra-cargo-default",
                "network gefyra-network-default")), groups.toString());
        assertTrue(groups.get("connection old").containsAll(List.of("network gefyra-network-old", "container old-app")), groups.toString());
        assertEquals(List.of("network gefyra-network-zzz-probe-3"), groups.get("connection zzz"));
        assertEquals(Set.of("GefyraBridge ghost-api → ghost-app", "GefyraBridgeMount api-shop-gh0st on shop/deployment/api"),
                Set.copyOf(groups.get("client ghost (gone)")));
        assertEquals(Set.of("shadow Deployment shop/cart-gefyra", "pod still running Carrier2 shop/cart-5d8-xk2"),
                Set.copyOf(groups.get("workloads in shop")));
        assertEquals(Set.of("ClusterRoleBinding/gefyra-rolebinding-gefyra-client-ghost", "ClusterRole/gefyra-client"),
                Set.copyOf(groups.get("Gefyra's client RBAC")));
        Map<Origin, Set<String>> byOrigin = scan.byOrigin().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(Leftover::what).collect(Collectors.toSet())));
        assertTrue(byOrigin.get(Origin.GEFYRA_CLI).containsAll(Set.of("Cargo container gefyra-cargo-default",
                "GefyraClient 6f1e2d3c4b5a69788796a5b4c3d2e1f0 (WAITING)")), byOrigin.toString());
        assertTrue(byOrigin.get(Origin.OTHER_MACHINE).contains("GefyraClient ponte0123456789 (ACTIVE)"), byOrigin.toString());
        assertTrue(byOrigin.get(Origin.THIS_MACHINE).contains("Cargo container gefyra-cargo-staging"), byOrigin.toString());
        List<Leftover> warned = scan.items().stream().filter(i -> i.warning() != null).toList();
        assertEquals(Set.of("GefyraClient ponte0123456789 (ACTIVE)", "GefyraBridge other-api → bob-app"),
                warned.stream().map(Leftover::what).collect(Collectors.toSet()));
        assertTrue(warned.getFirst().warning().contains("ponte0123456789"), "the warning names it");
        // nothing of the live connection
        assertTrue(scan.items().stream().noneMatch(i -> i.what().contains(live.name()) || i.what().contains(live.clientId())),
                scan.items().toString());

        PonteException refused = assertThrows(PonteException.class, () -> assistant.remove(scan.items(), Set.of())
                .run(Progress.NONE, new CancellationToken()));
        assertTrue(refused.problem().detail().contains("ponte0123456789"), refused.problem().detail());
        assertTrue(dev.clients.containsKey("ponte0123456789"), "nothing was removed");

        Set<String> confirmed = warned.stream().map(Leftover::id).collect(Collectors.toSet());
        CleanupResult result = assistant.remove(scan.items(), confirmed).run(Progress.NONE, new CancellationToken());
        assertEquals(List.of(), result.failures());
        assertTrue(result.clean(), "left: " + result.remaining());
        assertEquals(List.of(), result.after().items(), "the check after the removal finds nothing");
        // the live connection is as it was
        assertEquals(ConnectionState.CONNECTED, service.snapshot().of("live").orElseThrow().state());
        assertTrue(p.engine.containers.containsKey(live.connection().cargoName()));
        assertTrue(p.engine.containers.containsKey("live-app"), "the live connection's stopped container stays");
        assertTrue(p.cluster("live").clients.containsKey(live.clientId()));
        assertTrue(Files.notExists(p.gefyraDir.resolve("staging.conf")) && Files.notExists(p.gefyraDir.resolve("default.yaml")));
    }

    private static KubeContext context(String name) {
        return new KubeContext(name, name + "-cluster", name + "-user", "default", "https://" + name + ".example:6443", null);
    }

    private static ContainerEngine.ContainerSpec cargo(String connection, String context, String client, boolean ponte) {
        Map<String, String> labels = new HashMap<>(Map.of(CargoLabels.CREATED_BY, "true", CargoLabels.ROLE, CargoLabels.ROLE_CARGO,
                CargoLabels.CONNECTION, connection, CargoLabels.CONTEXT, context, CargoLabels.CLIENT, client,
                CargoLabels.VERSION, "2.5.4", CargoLabels.ENDPOINT, "172.17.0.1:31820"));
        if (ponte) {
            labels.put(CargoLabels.MANAGED_BY, "ponte");
        }
        return new ContainerEngine.ContainerSpec("gefyra-cargo-" + connection, "quay.io/gefyra/cargo:2.5.4", labels, List.of(),
                true, List.of(), true, List.of(), List.of(), null, Map.of(), List.of());
    }

    /** An app container as Run makes it, started so it has an address on its network. */
    private void app(String name, String network, boolean ponte) {
        Map<String, String> labels = new HashMap<>(Map.of(CargoLabels.CREATED_BY, "true", RunLabels.BRIDGE_ID, name));
        if (ponte) {
            labels.put(RunLabels.MANAGED_BY, "ponte");
        }
        p.engine.create(new ContainerEngine.RunSpec(name, "app:dev", List.of(), Map.of(), labels, List.of(), network,
                List.of("192.168.99.1"), List.of(), List.of(), false, 0, 0));
        p.engine.start(name);
    }
}
