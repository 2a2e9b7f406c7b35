package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ponte.core.port.ContainerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real engines for the {@code engine} tests: Docker at {@value #DOCKER_ENDPOINT}, Podman's compat API at
 * {@value #PODMAN_ENDPOINT}. An engine that does not answer skips the test with the reason, unless CI says
 * it is there ({@code PONTE_EXPECT_DOCKER=1} / {@code PONTE_EXPECT_PODMAN=1}, set by .ci/services.d): then
 * the test fails. Tests label everything {@value #MANAGED_BY}={@value #PONTE_TEST}.
 */
final class EngineTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EngineTestSupport.class);
    static final String DOCKER_ENDPOINT = "unix:///var/run/docker.sock";
    static final String PODMAN_ENDPOINT = "unix:///run/podman/podman.sock";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String PONTE_TEST = "ponte-test";
    static final Map<String, String> TEST_LABELS = Map.of(MANAGED_BY, PONTE_TEST);
    /** The stand-in image (same name on both engines, as in shared/testing.md's rig). */
    static final String BUSYBOX_IMAGE = "localhost/ponte-test/busybox:1";
    private static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");
    private static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofMinutes(30);

    enum Engine {
        DOCKER("Docker", DOCKER_ENDPOINT, "PONTE_EXPECT_DOCKER", "dockerd (see .ci/services.d/10-docker.sh)"),
        PODMAN("Podman", PODMAN_ENDPOINT, "PONTE_EXPECT_PODMAN",
                "podman system service --time=0 unix:///run/podman/podman.sock (see .ci/services.d/20-podman.sh)");

        final String product;
        final String endpoint;
        final String expectVariable;
        final String howToStart;

        Engine(String product, String endpoint, String expectVariable, String howToStart) {
            this.product = product;
            this.endpoint = endpoint;
            this.expectVariable = expectVariable;
            this.howToStart = howToStart;
        }

        boolean expected() {
            return "1".equals(System.getenv(expectVariable));
        }

        /** Fails when CI expects this engine, otherwise skips with the reason. */
        void unavailable(String reason) {
            String msg = product + " at " + endpoint + ": " + reason;
            if (expected()) {
                fail(expectVariable + "=1 but " + msg + ". The CI service script should have started it ("
                        + howToStart + ").");
            }
            Assumptions.abort(msg + " — skipping (set " + expectVariable + "=1 to make this a failure; start it with "
                    + howToStart + ")");
        }
    }

    private EngineTestSupport() {
    }

    /** An open engine that answered, with leftovers of earlier test runs removed and the stand-in image built. */
    static DockerEngine connect(Engine which) {
        DockerEngine engine = DockerEngine.open(which.endpoint);
        ContainerEngine.Info info;
        try {
            info = engine.info();
        } catch (RuntimeException e) {
            engine.close();
            which.unavailable("does not answer (" + e.getMessage() + ")");
            throw e; // not reached
        }
        if (!which.product.equals(info.product())) {
            engine.close();
            which.unavailable("answers as " + info.product() + " " + info.version() + ", not " + which.product);
        }
        LOG.info("Engine tests on {} {} (API {}) at {}", info.product(), info.version(), info.apiVersion(), which.endpoint);
        removeLeftovers(engine);
        ensureBusybox(engine, which);
        return engine;
    }

    /** {@code ponte-test-<what>-<8 hex>}: unique per call. */
    static String uniqueName(String what) {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return "ponte-test-" + what + "-" + HexFormat.of().formatHex(b);
    }

    /**
     * Removes containers and networks labelled as ours that are older than {@link #LEFTOVER_AGE} (a test JVM
     * that was killed); younger ones may belong to a test run next to this one.
     */
    static void removeLeftovers(DockerEngine engine) {
        long cutoff = System.currentTimeMillis() - LEFTOVER_AGE.toMillis();
        for (var c : engine.client().listContainersCmd().withShowAll(true).withLabelFilter(TEST_LABELS).exec()) {
            if (c.getCreated() != null && c.getCreated() * 1000 < cutoff) {
                LOG.warn("Removing leftover test container {}", c.getId());
                engine.remove(c.getId());
            }
        }
        for (var n : engine.client().listNetworksCmd().exec()) {
            if (n.getLabels() != null && PONTE_TEST.equals(n.getLabels().get(MANAGED_BY))
                    && n.getCreated() != null && n.getCreated().getTime() < cutoff) {
                LOG.warn("Removing leftover test network {}", n.getName());
                engine.removeNetwork(n.getName());
            }
        }
    }

    /** Builds {@link #BUSYBOX_IMAGE} from src/test/resources/images/busybox unless the engine has it. */
    static void ensureBusybox(DockerEngine engine, Engine which) {
        try {
            engine.client().inspectImageCmd(BUSYBOX_IMAGE).exec();
            return;
        } catch (NotFoundException e) {
            LOG.info("Building {} on {}", BUSYBOX_IMAGE, which.product);
        }
        if (!Files.isExecutable(BUSYBOX_BINARY)) {
            which.unavailable("cannot build the test image: " + BUSYBOX_BINARY + " is missing (package busybox-static)");
        }
        Path context = null;
        try {
            context = Files.createTempDirectory("ponte-busybox-image");
            try (InputStream df = EngineTestSupport.class.getResourceAsStream("/images/busybox/Dockerfile")) {
                if (df == null) {
                    throw new IllegalStateException("test resource images/busybox/Dockerfile is missing");
                }
                Files.copy(df, context.resolve("Dockerfile"));
            }
            Files.copy(BUSYBOX_BINARY, context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            long t0 = System.nanoTime();
            engine.client().buildImageCmd(context.toFile()).withTags(Set.of(BUSYBOX_IMAGE)).withPull(false)
                    .withRemove(true).exec(new BuildImageResultCallback()).awaitImageId(2, TimeUnit.MINUTES);
            LOG.info("Built {} on {} in {} ms", BUSYBOX_IMAGE, which.product, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(context);
        }
    }

    /** A small file to bind-mount as Cargo's /config/wg0.conf (content is irrelevant to a sleeping stand-in). */
    static Path wireGuardConfig(Path dir) throws IOException {
        Path conf = dir.resolve("wg0.conf");
        Files.writeString(conf, "[Interface]\n# test stand-in, never brought up\n");
        return conf;
    }

    /**
     * Whether this process may keep CAP_SYS_RESOURCE (bit 24 of CapBnd). Without it, runc cannot apply a
     * privileged container's capabilities under Docker ("unable to apply caps"); Podman copes.
     */
    static boolean hostAllowsAllCaps() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    long bnd = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (bnd & (1L << 24)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Could not read the capability bounding set", e);
        }
        return true;
    }

    /** Removes a container and a network, whatever state they are in; for finally blocks. */
    static void removeQuietly(ContainerEngine engine, String container, String network) {
        try {
            if (container != null) {
                engine.remove(container);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remove test container {}", container, e);
        }
        try {
            if (network != null) {
                engine.removeNetwork(network);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remove test network {}", network, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}", dir, e);
        }
    }
}
