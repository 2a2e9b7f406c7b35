package dev.ponte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ponte logs} on the log sources the window's viewer uses: a workload's pods merged and tagged, one pod, --grep. */
class CliLogsTest {
    @TempDir
    Path home;
    private CliRig rig;

    @BeforeEach
    void start() {
        rig = new CliRig(home);
        rig.gefyra.bridgeTarget(); // Deployment api in shop with pods api-7d9c5-a and -b
        // The pods' logs (the mock API server has no kubelet); this test needs no operator, whose hook it replaces.
        rig.gefyra.cluster.setRequestHook(request -> {
            String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
            if (path.contains("/pods/api-7d9c5-a/log")) {
                return new MockResponse().setResponseCode(200).setBody("""
                        2026-05-01T10:00:01.000000000Z INFO a started
                        2026-05-01T10:00:03.500000000Z \u001b[31mERROR\u001b[0m a db timeout
                        """);
            }
            if (path.contains("/pods/api-7d9c5-b/log")) {
                return new MockResponse().setResponseCode(200).setBody("""
                        2026-05-01T10:00:02.000000000Z {"level":"warn","msg":"b slow"}
                        2026-05-01T10:00:04.000000000Z ERROR b refused
                        """);
            }
            return null;
        });
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aWorkloadsPodsAreTaggedAndGrepKeepsTheMatchingLines() {
        CliRig.Result r = rig.run("logs", "deployment/api", "-n", "shop", "--context", "kind-dev", "--grep", "error");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals(java.util.List.of("[api-7d9c5-a] ERROR a db timeout", "[api-7d9c5-b] ERROR b refused"),
                r.out().lines().sorted().toList(), "each pod's matching lines, tagged, the colour codes drawn out: " + r);
    }

    @Test
    void onePodWithTimestamps() {
        CliRig.Result r = rig.run("logs", "pod/api-7d9c5-b", "-n", "shop", "--context", "kind-dev", "--timestamps");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals("""
                2026-05-01T10:00:02Z {"level":"warn","msg":"b slow"}
                2026-05-01T10:00:04Z ERROR b refused
                """, r.out());
    }

    @Test
    void aWorkloadThatIsNotThereIsNotFound() {
        CliRig.Result r = rig.run("logs", "deployment/nosuch", "-n", "shop", "--context", "kind-dev");
        assertEquals(ExitCode.NOT_FOUND, r.code(), r.toString());
        assertEquals("Error: No Deployment nosuch in namespace shop.\n  Check the name and the namespace (-n).\n", r.err());
    }
}
