package dev.ponte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.app.AppPaths;
import dev.ponte.app.CoreServices;
import dev.ponte.app.JournalWatch;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.Progress;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window and the command line on one machine: the same core (built as the window builds it), the same journal
 * and labels. A connection the command line makes shows in a running window at once (its journal watch) and the other
 * way round; and the same operation through the window's core calls and through the command line leaves the same
 * objects in the engine and the cluster, compared object by object.
 */
class WindowAndCommandLineTest {
    @TempDir
    Path home;
    @TempDir
    Path otherHome;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService health = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        pool.shutdownNow();
        health.shutdownNow();
    }

    /** The window's core on the rig's cluster and engine, wired as AppContext wires it. */
    private CoreServices window(CliRig rig, Path home) {
        UiSettings settings = new UiSettings();
        Engines engines = rig.factoryEngines();
        CoreServices core = new CoreServices(rig.env, home, settings, List::of, Clock.systemUTC(), new ExecutorLauncher(pool), pool,
                health, ConnectionService.Options.defaults().withStepTimeout(Duration.ofSeconds(20))
                .withPicker(() -> new SubnetPicker(List::of)), engines);
        closing.add(core);
        core.connections.reconcile();
        await(core, ConnectionsSnapshot::reconciled, "the window's reconcile");
        return core;
    }

    /** Waits for a snapshot the service publishes (the window's view-models get the same ones). */
    private static ConnectionsSnapshot await(CoreServices core, Predicate<ConnectionsSnapshot> p, String what) {
        java.util.concurrent.CompletableFuture<ConnectionsSnapshot> seen = new java.util.concurrent.CompletableFuture<>();
        try (var ignored = core.connections.subscribe(s -> {
            if (p.test(s)) {
                seen.complete(s);
            }
        })) {
            return seen.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no " + what + " within 30 s: " + core.connections.snapshot(), e);
        }
    }

    private static boolean state(ConnectionsSnapshot s, ConnectionState state) {
        return s.of(CliRig.CONTEXT).map(c -> c.state() == state).orElse(false);
    }

    @Test
    void aConnectionTheCommandLineMakesShowsInTheRunningWindowAndTheOtherWayRound() {
        CliRig rig = new CliRig(home);
        closing.add(rig);
        CoreServices window = window(rig, home);
        JournalWatch watch = JournalWatch.start(AppPaths.forHome(rig.env, home).journalFile(), window.journal, window.connections);
        closing.add(watch);

        assertEquals(0, rig.run("up", "--context", CliRig.CONTEXT).code());
        ConnectionsSnapshot s = await(window, x -> state(x, ConnectionState.CONNECTED), "the window to show ponte up's connection");
        assertEquals("gefyra-network-kind-dev", s.of(CliRig.CONTEXT).orElseThrow().connection().networkName());

        CliRig.Result down = rig.run("down");
        assertEquals(0, down.code(), down.toString());
        ConnectionSnapshot gone = await(window, x -> state(x, ConnectionState.NOT_CONNECTED), "the window to see ponte down")
                .of(CliRig.CONTEXT).orElseThrow();
        assertTrue(gone.result().startsWith("Disconnected elsewhere"), gone.result());

        window.connections.connect(CliRig.CONTEXT); // the window's Connect button
        await(window, x -> state(x, ConnectionState.CONNECTED), "the window's Connect");
        CliRig.Result status = rig.run("status");
        assertTrue(status.out().contains("kind-dev  kind-dev    Connected"), status.out());
        window.connections.disconnect(CliRig.CONTEXT, false);
        await(window, x -> state(x, ConnectionState.NOT_CONNECTED), "the window's Disconnect");
        assertTrue(rig.run("status").out().startsWith("Not connected."));
    }

    @Test
    void theSameOperationThroughTheWindowsCoreAndTheCommandLineLeavesTheSameObjects() throws Exception {
        CliRig viaWindow = new CliRig(home);
        closing.add(viaWindow);
        CliRig viaCli = new CliRig(otherHome);
        closing.add(viaCli);

        // Connect and Run as the window does them: ConnectionService.connect (the Connect button) and
        // RunBackend.run with the Run dialog's request.
        CoreServices window = window(viaWindow, home);
        window.connections.connect(CliRig.CONTEXT);
        ConnectionSnapshot c = await(window, x -> state(x, ConnectionState.CONNECTED), "Connect").of(CliRig.CONTEXT).orElseThrow();
        window.runs.run(new RunRequest(c.connection(), "api-local", "acme/api:dev", List.of("/app/server"), "shop",
                Map.of("LOG", "debug"), null, List.of(), List.of(new ContainerEngine.PortBinding("127.0.0.1", 8000, 8000, "tcp")),
                false, 0, 0, Duration.ofSeconds(60)), e -> { }).run(Progress.NONE, new dev.ponte.core.task.CancellationToken());

        // The same through the command line, on a second rig.
        assertEquals(0, viaCli.run("up", "--context", CliRig.CONTEXT).code());
        CliRig.Result run = viaCli.run("run", "-i", "acme/api:dev", "-N", "api-local", "-n", "shop", "--env", "LOG=debug",
                "-p", "8000:8000", "-c", "/app/server");
        assertEquals(0, run.code(), run.toString());

        assertEquals(engineObjects(viaWindow.gefyra.engine, home), engineObjects(viaCli.gefyra.engine, otherHome));
        for (String kind : List.of("gefyraclients", "gefyrabridges", "gefyrabridgemounts")) {
            assertEquals(viaWindow.gefyra.names(kind), viaCli.gefyra.names(kind), kind);
        }
        assertEquals(clientSpec(viaWindow), clientSpec(viaCli));
        try (var a = Files.list(home.resolve(".gefyra")); var b = Files.list(otherHome.resolve(".gefyra"))) {
            assertEquals(a.map(p -> p.getFileName().toString()).sorted().toList(), b.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** Networks, containers and run specs as one comparable map; the home and random ids made equal. */
    private static Map<String, String> engineObjects(FakeEngine engine, Path home) {
        Map<String, String> out = new TreeMap<>();
        engine.networks.forEach((k, v) -> out.put("network " + k, v.toString()));
        engine.containers.forEach((k, v) -> out.put("container " + k, v.toString()));
        engine.specs.forEach((k, v) -> out.put("spec " + k, v.toString()));
        engine.runSpecs.forEach((k, v) -> out.put("run " + k, v.toString()));
        Map<String, String> normal = new LinkedHashMap<>();
        out.forEach((k, v) -> normal.put(k, v.replace(home.toString(), "<home>")
                .replaceAll("bridge_id\\.gefyra\\.dev=[0-9a-f]{32}", "bridge_id.gefyra.dev=<id>")));
        return normal;
    }

    /** The GefyraClient's spec as the operator double keeps it: provider and subnet (keys and timestamps differ by nature). */
    private static String clientSpec(CliRig rig) {
        var context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("gefyra.dev")
                .withVersion("v1").withPlural("gefyraclients").withNamespaced(true).build();
        var c = rig.gefyra.client().genericKubernetesResources(context).inNamespace("gefyra").list().getItems().getFirst();
        return c.getMetadata().getName() + " " + c.getMetadata().getLabels() + " provider=" + c.getAdditionalProperties().get("provider")
                + " parameter=" + c.getAdditionalProperties().get("providerParameter") + " state=" + c.getAdditionalProperties().get("state");
    }
}
