package dev.ponte.kube.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.diagnostics.DiagnosticsService;
import dev.ponte.core.diagnostics.ThisHost;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.support.SupportBundle;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.Snapshots;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The support bundle of a run with known secrets in every part it copies — the client's real WireGuard keys and
 * service-account token in the cluster (from the operator double), a bearer token in an operator event, secrets in the
 * settings, in Ponte's log and in Cargo's log — holds none of them, and still holds everything else.
 */
class SupportBundleSecretScanTest {
    private static final String CTX = "mock";
    private static final String CLIENT = "laptop1";
    @TempDir
    Path dir;
    private GefyraRig rig;
    private FakePorts ports;

    @BeforeEach
    void start() throws Exception {
        rig = new GefyraRig().installed();
        rig.client(CLIENT, "172.20.0.0/16");
        ports = new FakePorts(dir, CTX);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theBundleHoldsNoneOfTheSecretsOfTheRun() throws Exception {
        var cr = GefyraResources.Kind.CLIENT.in(rig.cluster.client()).withName(CLIENT).get();
        @SuppressWarnings("unchecked")
        Map<String, Object> pc = (Map<String, Object>) cr.getAdditionalProperties().get("providerConfig");
        @SuppressWarnings("unchecked")
        Map<String, Object> sa = (Map<String, Object>) cr.getAdditionalProperties().get("serviceAccountData");
        String privateKey = pc.get("Interface.PrivateKey").toString();
        String psk = pc.get("Peer.PresharedKey").toString();
        String tokenB64 = sa.get("token").toString();
        String token = new String(Base64.getDecoder().decode(tokenB64), StandardCharsets.UTF_8);
        String bearer = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.s1gnatureS1gnatureS1gnature";
        String dbPassword = "Tr0ub4dor&3-db";
        String awsKey = "AKIAIOSFODNN7EXAMPLE";
        String proxyPassword = "hunter2-proxy";
        List<String> secrets = List.of(privateKey, psk, tokenB64, token, bearer, dbPassword, awsKey, proxyPassword);

        rig.cluster.client().v1().events().inNamespace("gefyra").resource(new EventBuilder().withNewMetadata()
                .withName(CLIENT + ".secret").withNamespace("gefyra").endMetadata().withType("Warning").withReason("Failed")
                .withNewInvolvedObject().withKind("gefyraclient").withName(CLIENT).withNamespace("gefyra").endInvolvedObject()
                .withMessage("retrying with Authorization: Bearer " + bearer).withLastTimestamp("2026-12-01T10:00:00Z").build()).create();
        Path log = dir.resolve("ponte.log");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2_500; i++) {
            lines.append("2026-12-01 10:00:00 INFO line ").append(i).append('\n');
        }
        lines.append("2026-12-01 10:00:01 WARN env DB_PASSWORD=").append(dbPassword).append(" AWS ").append(awsKey).append('\n');
        lines.append("2026-12-01 10:00:02 WARN wrote [Interface] PrivateKey = ").append(privateKey).append('\n');
        Files.writeString(log, lines);
        String settings = "{\"cargoEndpoint\":\"10.0.0.5:31820\",\"gefyraRegistry\":\"https://bob:" + proxyPassword
                + "@registry.example/gefyra\",\"apiToken\":\"" + token + "\"}";
        ports.engine.create(new ContainerEngine.ContainerSpec("gefyra-cargo-laptop", "cargo", Map.of(), List.of(), false, List.of(),
                false, List.of(), List.of(), null, Map.of(), List.of()));
        ports.engine.logs.put("gefyra-cargo-laptop", "[#] wg setconf wg0 /dev/fd/63\nPresharedKey = " + psk
                + "\nPrivateKey = " + privateKey + "\n[#] ip link set mtu 1420 up dev wg0\n");
        Connection conn = new Connection("laptop", CTX, CLIENT, "gefyra-cargo-laptop", "172.20.0.149", "gefyra-network-laptop",
                "127.0.0.1:31820", null, "2.5.4", true, true);
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
        var snapshot = Snapshots.one(conn, ConnectionState.CONNECTED, "");
        Journal journal = Journal.inMemory(Clock.systemUTC());
        journal.adopt(new Journal.Identity(CTX, "laptop", CLIENT));
        DiagnosticsService diagnostics = new DiagnosticsService(ports.engines, clusters, () -> snapshot, ports.settings,
                new ThisHost(), Clock.systemUTC());
        SupportBundle bundle = new SupportBundle(ports.engines, clusters, () -> snapshot, journal, diagnostics,
                new SupportBundle.Sources("0.1.0", () -> settings, log), Clock.systemUTC());

        assertEquals(10, bundle.contents(CTX).size(), "the dialog lists every file");
        Path zip = dir.resolve("bundle.zip");
        SupportBundle.Written written = bundle.write(CTX, zip).run(Progress.NONE, new CancellationToken());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
        Map<String, String> entries = unzip(Files.readAllBytes(zip));
        assertEquals(written.entries().size(), entries.size());
        List<String> leaks = new ArrayList<>();
        entries.forEach((name, text) -> secrets.stream().filter(text::contains).forEach(s -> leaks.add(name + " holds "
                + s.substring(0, 6) + "…")));
        assertEquals(List.of(), leaks, "no secret of the run is in the bundle");

        String objects = entries.get("ponte-support/objects.yaml");
        assertTrue(objects.contains(CLIENT) && objects.contains("Interface.PrivateKey"), "the client is there, its keys masked:\n" + objects);
        assertTrue(entries.get("ponte-support/operator-events.txt").contains("retrying with Authorization: Bearer ***"),
                entries.get("ponte-support/operator-events.txt"));
        String tail = entries.get("ponte-support/ponte.log");
        assertEquals(SupportBundle.LOG_LINES, tail.split("\n").length, "the last 2,000 lines");
        assertFalse(tail.contains("INFO line 499\n"), "older lines are not there");
        assertTrue(tail.contains("DB_PASSWORD=***"), tail.substring(tail.length() - 300));
        assertTrue(entries.get("ponte-support/cargo.log").contains("PrivateKey = ***"), entries.get("ponte-support/cargo.log"));
        assertTrue(entries.get("ponte-support/diagnostics.txt").contains("Ponte diagnostics for context mock"));
        assertTrue(entries.get("ponte-support/journal.txt").contains("mock -> laptop, laptop1"));
        assertTrue(entries.get("ponte-support/ponte.txt").contains("Java " + System.getProperty("java.version")));
        assertTrue(entries.get("ponte-support/settings.json").contains("10.0.0.5:31820"));
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
