package dev.ponte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournalFile;
import dev.ponte.core.port.ContainerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command of the command line against the mock API server with the operator double and an in-memory engine:
 * golden human output, the JSON shapes, exit codes, and what each leaves in the cluster and the engine.
 */
class CliCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    private CliRig rig;

    @BeforeEach
    void start() {
        rig = new CliRig(home);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private CliRig.Result ok(String... args) {
        CliRig.Result r = rig.run(args);
        assertEquals(ExitCode.OK, r.code(), String.join(" ", args) + ": " + r);
        return r;
    }

    private String golden(String text) {
        return Golden.of(text, home);
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void statusWithNothingConnected() throws Exception {
        assertEquals("""
                Not connected.
                Engine: unix:///fake.sock
                Connect a cluster: ponte up [--context CONTEXT]
                """, ok("status").out());
        JsonNode j = JSON.readTree(ok("status", "-o", "json").out());
        assertEquals(List.of("schema", "summary", "engine", "connections", "leftovers"), keys(j));
        assertEquals("ponte.status/v1", j.get("schema").asText());
        assertEquals("Not connected", j.get("summary").asText());
        assertEquals(0, j.get("connections").size());
        assertEquals("No connections. Connect a cluster: ponte up [--context CONTEXT]\n", ok("connections", "list").out());
        assertEquals("Not connected: no containers. Connect a cluster: ponte up [--context CONTEXT]\n", ok("list").out());
    }

    @Test
    void diagnoseGivesTheWindowsChecklistBeforeAndWhileConnected() throws Exception {
        CliRig.Result before = rig.run("diagnose", "kind-dev", "-o", "json");
        JsonNode j = JSON.readTree(before.out());
        assertEquals("ponte.diagnose/v1", j.get("schema").asText(), before.toString());
        assertEquals("kind-dev", j.get("context").asText());
        assertFalse(j.get("connected").asBoolean());
        Map<String, String> states = new java.util.LinkedHashMap<>();
        j.get("checks").forEach(c -> states.put(c.get("key").asText(), c.get("state").asText()));
        assertEquals("ok", states.get("engine"), before.toString());
        assertEquals("ok", states.get("api"), before.toString());
        assertEquals("not_checked", states.get("dns"), "no tunnel yet: " + before);
        boolean failed = states.containsValue("failed");
        assertEquals(failed ? ExitCode.FAILED : ExitCode.OK, before.code(), before.toString());

        ok("up", "--context", "kind-dev");
        CliRig.Result text = rig.run("diagnose", "--context", "kind-dev");
        assertTrue(text.out().startsWith("Ponte diagnostics for context kind-dev, connection kind-dev (tunnel up)\n"), text.toString());
        assertTrue(text.out().contains("[OK] "), text.toString());

        CliRig.Result unknown = rig.run("diagnose", "nowhere");
        assertEquals(ExitCode.NOT_FOUND, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("Context nowhere is not in your kubeconfig"), unknown.toString());
        ok("down", "--context", "kind-dev");
    }

    @Test
    void upWithMtuMakesTheNetworkAndCargosTunnelWithIt() {
        ok("up", "--context", "kind-dev", "--mtu", "1280");
        assertEquals("1280", rig.gefyra.engine.networkOptions.get("gefyra-network-kind-dev").get("com.docker.network.driver.mtu"),
                rig.gefyra.engine.networkOptions.toString());
        ok("down", "--context", "kind-dev");
        ok("up", "--context", "kind-dev");
        assertEquals(null, rig.gefyra.engine.networkOptions.get("gefyra-network-kind-dev").get("com.docker.network.driver.mtu"),
                "--mtu holds for that Connect only, as gefyra up's");
        ok("down", "--context", "kind-dev");
    }

    @Test
    void upShowsTheWindowsStepsThenStatusListsTheConnectionAndDownRemovesEverything() throws Exception {
        CliRig.Result up = ok("up", "--context", "kind-dev");
        assertEquals("Connected: gefyra-network-kind-dev, Cargo at 172.18.0.149\n", up.out());
        assertEquals("""
                Connect kind-dev
                  [1/8] Check the container engine and the cluster …
                      Docker 27.1.0 at unix:///fake.sock
                  done: [1/8] Check the container engine and the cluster (N s) — Docker 27.1.0; Gefyra not installed yet (you may install it)
                  [2/8] Install Gefyra in the cluster …
                      9 objects applied; waiting for the operator
                  done: [2/8] Install Gefyra in the cluster (N s) — operator 2.5.4 ready
                  [3/8] Register this machine …
                      client <client> created; waiting for the operator
                  done: [3/8] Register this machine (N s) — client <client> is waiting for a connection
                  [4/8] Create the local network …
                  done: [4/8] Create the local network (N s) — gefyra-network-kind-dev on 172.18.0.0/16
                  [5/8] Wait for the tunnel configuration …
                  done: [5/8] Wait for the tunnel configuration (N s) — Stowaway added this machine as a WireGuard peer (192.168.99.1)
                  [6/8] Start Cargo …
                  done: [6/8] Start Cargo (N s) — gefyra-cargo-kind-dev at 172.18.0.149, endpoint 172.17.0.1:31820
                  [7/8] Wait for the WireGuard handshake …
                  done: [7/8] Wait for the WireGuard handshake (N s) — handshake at <time>
                  [8/8] Reach the cluster through the tunnel …
                      192.168.99.1 answers; resolving kubernetes.default.svc.cluster.local
                  done: [8/8] Reach the cluster through the tunnel (N s) — kubernetes.default.svc.cluster.local → 10.43.0.1
                """, golden(up.err()));
        assertEquals("Already connected: kind-dev (kind-dev, Connected)\n", ok("up", "--context", "kind-dev").out());

        assertEquals("""
                1 connected
                Engine: unix:///fake.sock

                CONTEXT   CONNECTION  STATE      CARGO IP      CONTAINERS  BRIDGES
                kind-dev  kind-dev    Connected  172.18.0.149  0           0
                """, ok("status").out());
        assertEquals("""
                NAME      CONTEXT   STATE      CARGO IP      VERSION  MADE BY
                kind-dev  kind-dev  Connected  172.18.0.149  2.5.4    Ponte
                """, ok("connections", "list").out());
        JsonNode list = JSON.readTree(ok("connections", "list", "-o", "json").out());
        assertEquals("ponte.connections/v1", list.get("schema").asText());
        JsonNode c = list.get("connections").get(0);
        assertEquals(List.of("context", "name", "client", "state", "headline", "madeBy", "network", "cargo", "cargoIp", "endpoint",
                "version", "health", "leftovers", "problem", "actions"), keys(c));
        assertEquals("connected", c.get("state").asText());
        assertEquals("gefyra-network-kind-dev", c.get("network").asText());
        assertEquals("connected", c.get("health").get("state").asText());
        assertEquals(List.of("state", "reason", "handshakeAgeSeconds", "rxBytes", "txBytes", "at", "expectedDip"), keys(c.get("health")));
        assertEquals("[\"disconnect\",\"uninstall\"]", c.get("actions").toString());
        JsonNode inspect = JSON.readTree(ok("connections", "inspect", "kind-dev", "-o", "json").out());
        assertTrue(inspect.get("operation").isNull(), "this process ran no operation on it: " + inspect);
        assertEquals("gefyra-cargo-kind-dev", inspect.get("cargo").asText());
        assertTrue(golden(ok("connections", "inspect", "kind-dev").out()).startsWith("""
                Name:           kind-dev
                Context:        kind-dev
                State:          Connected
                Made by:        Ponte
                Client:         <client>
                Network:        gefyra-network-kind-dev
                Cargo:          gefyra-cargo-kind-dev at 172.18.0.149
                """), ok("connections", "inspect", "kind-dev").out());

        CliRig.Result down = ok("down");
        assertEquals("Nothing left: removed 4 things (container gefyra-cargo-kind-dev, network gefyra-network-kind-dev, "
                + "file <home>/.gefyra/kind-dev.conf, GefyraClient <client>).\n", golden(down.out()));
        assertTrue(rig.gefyra.engine.containers.isEmpty() && rig.gefyra.engine.networks.isEmpty());
        assertEquals(List.of(), rig.gefyra.names("gefyraclients"), "the GefyraClient is gone");
        assertTrue(ok("status").out().startsWith("Not connected."));
    }

    @Test
    void exitCodesForNotConnectedNotFoundAndBusy() throws Exception {
        CliRig.Result down = rig.run("down");
        assertEquals(ExitCode.NOT_CONNECTED, down.code(), down.toString());
        assertEquals("Error: Not connected.\n  Connect a cluster first: ponte up [--context CONTEXT]\n", down.err());
        assertEquals(ExitCode.NOT_CONNECTED, rig.run("run", "-i", "busybox", "-N", "a").code());
        CliRig.Result nosuch = rig.run("up", "--context", "nosuch");
        assertEquals(ExitCode.NOT_FOUND, nosuch.code(), nosuch.toString());
        assertEquals("Error: Context nosuch is not in your kubeconfig.\n  Pass one of: kind-dev, staging.\n", nosuch.err());
        assertEquals(ExitCode.NOT_FOUND, rig.run("connections", "inspect", "nosuch").code());

        // The window (another process; here another journal on the same file) is connecting kind-dev right now.
        ok("status");
        JournalFile windowFile = new JournalFile(home.resolve(".local/state/ponte/journal.json"));
        Journal window = new Journal(windowFile, Clock.systemUTC());
        window.identity("kind-dev", "dev@laptop");
        String op = window.started("kind-dev", "kind-dev", "Connect");
        CliRig.Result busy = rig.run("up", "--context", "kind-dev");
        assertEquals(ExitCode.BUSY, busy.code(), busy.toString());
        assertTrue(busy.err().contains("Another Ponte (the window or another command) runs Connect on kind-dev right now."), busy.err());
        assertTrue(rig.gefyra.engine.networks.isEmpty(), "nothing was started");
        window.ended(op);
        windowFile.close();
    }

    @Test
    void runListBridgeMountAndTheirJsonShapes() throws Exception {
        rig.gefyra.bridgeTarget();
        ok("up", "--context", "kind-dev");
        CliRig.Result run = ok("run", "-i", "acme/api:dev", "-N", "api-local", "-n", "shop", "-p", "8000:8000",
                "--env", "LOG=debug", "--", "/app/server", "--port", "8000");
        assertEquals("Running api-local at 172.18.0.2 on gefyra-network-kind-dev (namespace shop), ports 127.0.0.1:8000->8000\n",
                run.out());
        ContainerEngine.RunSpec spec = rig.gefyra.engine.runSpecs.get("api-local");
        assertEquals(List.of("/app/server", "--port", "8000"), spec.command());
        assertEquals(Map.of("LOG", "debug"), spec.env());
        assertEquals(List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "k8s"), spec.dnsSearch());
        assertEquals("""
                NAME       IMAGE         STATE    IP          NAMESPACE  PORTS                 CONNECTION
                api-local  acme/api:dev  running  172.18.0.2  shop       127.0.0.1:8000->8000  kind-dev
                """, ok("list").out());
        JsonNode containers = JSON.readTree(ok("list", "-o", "json").out());
        assertEquals("ponte.containers/v1", containers.get("schema").asText());
        assertEquals(List.of("name", "connection", "image", "state", "ip", "namespace", "ports", "startedAt"),
                keys(containers.get("containers").get(0)));

        CliRig.Result bridge = ok("bridge", "create", "--local", "api-local", "--target", "deployment/api/web", "-n", "shop",
                "-p", "8080:8000", "--match-header-exact", "x-user:alice");
        assertTrue(golden(bridge.out()).matches("Bridge <client>-deployment-api-web-[a-z0-9]{5} is active: requests to deployment/api in "
                + "shop where x-user exact alice go to api-local \\(8080->8000\\); all others to the cluster.\n"), bridge.out());
        assertTrue(bridge.err().contains("done: [4/4] Wait until traffic flows"), bridge.err());
        JsonNode bridges = JSON.readTree(ok("bridge", "list", "-o", "json").out());
        JsonNode b = bridges.get("bridges").get(0);
        assertEquals(List.of("name", "connection", "workload", "mount", "local", "destinationIp", "ports", "rules",
                "clusterEndpoints", "state", "message", "flag"), keys(b));
        assertTrue(b.get("clusterEndpoints").get("8080").asText().startsWith("gefyra-stowaway-proxy-"), b.toString());
        assertEquals("[{\"remote\":\"8080\",\"local\":\"8000\"}]", b.get("ports").toString());
        assertEquals("[[{\"header\":\"x-user\",\"value\":\"alice\",\"type\":\"exact\"}]]", b.get("rules").toString());
        assertEquals("ACTIVE", b.get("state").asText());
        JsonNode mounts = JSON.readTree(ok("mount", "list", "-o", "json").out());
        JsonNode m = mounts.get("mounts").get(0);
        assertEquals("deployment/api", m.get("target").asText());
        assertTrue(m.get("createdByThisMachine").asBoolean());
        assertEquals("1 connected", JSON.readTree(ok("status", "-o", "json").out()).get("summary").asText());

        String name = b.get("name").asText();
        CliRig.Result unbridge = ok("bridge", "delete", name, "--remove-mount");
        assertTrue(unbridge.out().startsWith("GefyraBridge " + name + " deleted\nGefyraBridgeMount "), unbridge.out());
        assertEquals("No bridges.\n", ok("bridge", "list").out());
        assertEquals("No mounts in kind-dev.\n", ok("mount", "list").out());

        CliRig.Result mount = ok("mount", "create", "--target", "deploy/api", "-n", "shop", "--name", "api-shop");
        assertEquals("Mount api-shop is ACTIVE: deployment/api in shop, container web. Bridge it: ponte bridge create --mount "
                + "api-shop --local CONTAINER -p REMOTE:LOCAL --match-…\n", mount.out());
        CliRig.Result viaMount = ok("bridge", "create", "--local", "api-local", "--mount", "api-shop", "-p", "8080:8000",
                "--match-path-prefix", "/api");
        assertTrue(viaMount.out().contains("where path prefix /api go to api-local"), viaMount.out());
        CliRig.Result unmount = ok("mount", "delete", "api-shop");
        assertTrue(unmount.out().endsWith("Mount api-shop deleted; deployment/api in shop restarts with its original pods.\n"),
                unmount.out());
        assertEquals(List.of(), rig.gefyra.names("gefyrabridges"), "this machine's bridge on it went first");
        assertEquals(List.of(), rig.gefyra.names("gefyrabridgemounts"));
        ok("down");
        assertTrue(rig.gefyra.engine.containers.isEmpty(), rig.gefyra.engine.containers.keySet().toString());
        assertFalse(Files.exists(home.resolve(".gefyra/kind-dev.conf")));
    }
}
