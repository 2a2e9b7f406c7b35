package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.app.AppPaths;
import dev.ponte.app.CliCore;
import dev.ponte.app.SettingsStore;
import dev.ponte.cli.Cli;
import dev.ponte.cli.Interrupts;
import dev.ponte.cli.Terminal;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.wireguard.Cmd;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end rig driven from the command line only, as a user's script would: {@code ponte up}, {@code ponte run},
 * {@code ponte bridge create}, a request from the cluster side through the bridge to the local container,
 * {@code ponte down} — then nothing of it is left. Prints {@code ponte up}'s time split into Ponte's own work and
 * the waits (on the operator and on the tunnel), from the same step times the window shows.
 */
@Tag("rig")
class CliOnRigTest {
    private static final Logger LOG = LoggerFactory.getLogger(CliOnRigTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXEC = Duration.ofSeconds(10);
    @TempDir
    Path home;
    private final Map<String, String> env = new LinkedHashMap<>();

    private record Result(int code, String out, String err) {
    }

    private Result ponte(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, Terminal.of(out, err, false), CliCore.factory(env, home, Clock.systemUTC(),
                ConnectionService.Options.defaults(), null), new Interrupts(), "rig");
        Result r = new Result(code, out.toString(), err.toString());
        LOG.info("ponte {} -> {}\n{}{}", String.join(" ", args), code, r.out(), r.err());
        return r;
    }

    private Result ok(String... args) {
        Result r = ponte(args);
        assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out() + r.err());
        return r;
    }

    @Test
    void upRunBridgeARequestThroughTheBridgeAndDownFromTheCommandLine() throws Exception {
        RigRequirements.check();
        try (Rig rig = Rig.start()) {
            env.put("KUBECONFIG", rig.kubeconfig.toString());
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            UiSettings settings = new UiSettings();
            settings.cargoImage = rig.cargoImage();
            settings.cargoEndpoint = rig.cargoEndpoint();
            settings.engineEndpoint = Rig.ENGINE;
            new SettingsStore(AppPaths.forHome(env, home).settingsFile()).save(settings);

            long t0 = System.nanoTime();
            Result up = ok("up", "--context", Rig.CONTEXT);
            long upMs = (System.nanoTime() - t0) / 1_000_000;
            long operator = step(up.err(), "Install Gefyra in the cluster") + step(up.err(), "Register this machine")
                    + step(up.err(), "Wait for the tunnel configuration");
            long tunnel = step(up.err(), "Wait for the WireGuard handshake") + step(up.err(), "Reach the cluster through the tunnel");
            long steps = 0;
            Matcher m = Pattern.compile("\\((\\d+(?:\\.\\d)?) s\\)").matcher(up.err());
            while (m.find()) {
                steps += Math.round(Double.parseDouble(m.group(1)) * 1000);
            }
            System.out.printf("FIGURE ponte up on the rig: %d ms wall (process start of the command excluded); steps %d ms: "
                    + "Ponte's own %d ms, waits on the operator %d ms, on the tunnel %d ms; outside the steps (reconcile, "
                    + "opening the engine and the cluster) %d ms%n", upMs, steps, steps - operator - tunnel, operator, tunnel,
                    upMs - steps);
            JsonNode status = JSON.readTree(ok("status", "-o", "json").out());
            assertEquals("connected", status.get("connections").get(0).get("health").get("state").asText(), status.toString());

            Result run = ok("run", "-i", rig.appImage(), "-N", "rig-cli-app", "-n", "default");
            assertTrue(run.out().startsWith("Running rig-cli-app at "), run.out());
            Result bridge = ok("bridge", "create", "--local", "rig-cli-app", "--target", "deployment/api/api", "-n", "default",
                    "-p", "8080:" + RigImages.APP_PORT, "--match-header-exact", "x-user:alice");
            assertTrue(bridge.out().contains("is active"), bridge.out());
            JsonNode b = JSON.readTree(ok("bridge", "list", "-o", "json").out()).get("bridges").get(0);
            String endpoint = b.get("clusterEndpoints").get("8080").asText();
            String body = null;
            long r0 = System.nanoTime();
            while (body == null && System.nanoTime() - r0 < Duration.ofSeconds(20).toNanos()) {
                Cmd.Result r = requestFromCluster(rig, endpoint); // each try takes up to 5 s: the wait is the request's
                body = r.ok() ? r.out() : null;
            }
            assertEquals(RigImages.APP_BODY, body, "the local container answered a request from the cluster through the bridge");

            Result down = ok("down");
            assertTrue(down.out().startsWith("Nothing left"), down.out());
            assertTrue(ok("status").out().startsWith("Not connected."));
            assertEquals("Nothing left over.\n", ok("clean").out());
            try (var files = Files.list(home.resolve(".gefyra"))) {
                assertEquals(0, files.count(), "no connection files left");
            }
        }
    }

    /** A step's time in ms from the step lines ("done: [3/8] Register this machine (0.6 s) — …"). */
    private static long step(String err, String name) {
        Matcher m = Pattern.compile("\\] " + Pattern.quote(name) + " \\((\\d+(?:\\.\\d)?) s\\)").matcher(err);
        return m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1000) : 0;
    }

    /** A request from inside the cluster to the bridge's Stowaway proxy endpoint, with the rule's header. */
    private static Cmd.Result requestFromCluster(Rig rig, String endpoint) {
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        Cmd.Result lookup = rig.side.exec(EXEC, "busybox", "nslookup", host, "192.168.99.1");
        String ip = null;
        boolean answer = false;
        for (String line : lookup.out().split("\n")) {
            if (line.startsWith("Name:")) {
                answer = true;
            } else if (answer && line.startsWith("Address")) {
                ip = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        if (ip == null) {
            return new Cmd.Result(1, "", "no DNS answer for " + host + ": " + lookup.out());
        }
        return rig.side.exec(EXEC, "curl", "-sS", "--max-time", "5", "-H", "x-user: alice",
                "--resolve", host + ":" + port + ":" + ip, "http://" + host + ":" + port + "/");
    }
}
