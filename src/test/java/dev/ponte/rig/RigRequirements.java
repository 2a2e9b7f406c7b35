package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.docker.DockerEngine;
import dev.ponte.wireguard.Cmd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the rig needs on this machine. Missing pieces skip the rig tests with the reason, unless
 * {@code PONTE_EXPECT_RIG=1} (set by .ci/services.d/50-rig.sh once every piece is there): then they fail.
 */
final class RigRequirements {
    static final String EXPECT = "PONTE_EXPECT_RIG";
    private static final List<String> TOOLS = List.of("wireguard-go", "wg", "wg-quick", "ip", "busybox", "dnsmasq",
            "socat", "curl", "podman", "ldd");
    private static final List<String> FILES = List.of("/dev/net/tun", "/usr/sbin/xtables-nft-multi",
            "/usr/lib/x86_64-linux-gnu/xtables", "/bin/bash");

    private RigRequirements() {
    }

    /** Everything that is missing, in words. */
    static List<String> missing() {
        return missing(Rig.ENGINE);
    }

    /** Everything that is missing when the rig is to use Podman at {@code engine} (a {@code unix://} URI). */
    static List<String> missing(String engine) {
        List<String> problems = new ArrayList<>(Cmd.missing(TOOLS.toArray(String[]::new)));
        FILES.stream().filter(f -> !Files.exists(Path.of(f))).forEach(problems::add);
        if (!"0".equals(Cmd.run("id", "-u").out().strip())) {
            problems.add("root (network namespaces, routes)");
        }
        try (DockerEngine docker = DockerEngine.open(engine, Duration.ofSeconds(3), Duration.ofSeconds(10))) {
            String product = docker.info().product();
            if (!"Podman".equals(product)) {
                problems.add("Podman at " + engine + " (it answers as " + product + ")");
            }
        } catch (RuntimeException e) {
            problems.add("Podman's Docker-compatible socket at " + engine + " (" + e.getMessage() + ")");
        }
        return problems;
    }

    /** Skips (or, with {@value #EXPECT}=1, fails) when something is missing. */
    static void check() {
        List<String> problems = missing();
        String reason = "the end-to-end rig needs " + String.join(", ", problems) + " (.ci/packages.d/rig.txt and "
                + "engines.txt list the packages; .ci/services.d/20-podman.sh starts Podman's socket)";
        if ("1".equals(System.getenv(EXPECT))) {
            assertEquals(List.of(), problems, reason + "; " + EXPECT + "=1 says it is all there");
        }
        Assumptions.assumeTrue(problems.isEmpty(), reason);
    }
}
