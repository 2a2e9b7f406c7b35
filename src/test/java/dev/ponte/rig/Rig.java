package dev.ponte.rig;

import dev.ponte.devtools.MockCluster;
import dev.ponte.kube.gefyra.GefyraOperatorDouble;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole rig of issue 8: a mock API server seeded with the demo workloads and Services
 * ({@link MockCluster#seedDemo()}), the operator double handing out the real Stowaway key and endpoint, the
 * {@link ClusterSide} kept in step with both by {@link ClusterSync}, and the locally built images
 * ({@link RigImages}). Only the Kubernetes API and the operator are simulated; tunnel, DNS and traffic are real.
 * Ponte is pointed at it with: Cargo image {@link #cargoImage()}, {@code cargoEndpoint} {@link #cargoEndpoint()},
 * the engine {@link #ENGINE} and the kubeconfig {@link #kubeconfig}.
 */
final class Rig implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rig.class);
    static final String CONTEXT = "ponte-rig";
    /** Cargo's privileged spec runs on Podman's Docker-compatible API (shared/testing.md). */
    static final String ENGINE = "unix:///run/podman/podman.sock";

    final RigImages.Built images;
    final ClusterSide side;
    final MockCluster cluster;
    final GefyraOperatorDouble operator;
    final ClusterSync sync;
    final Path kubeconfig;
    final Duration setUp;
    private Duration tearDown;

    private Rig(RigImages.Built images, ClusterSide side, MockCluster cluster, GefyraOperatorDouble operator,
                ClusterSync sync, Path kubeconfig, Duration setUp) {
        this.images = images;
        this.side = side;
        this.cluster = cluster;
        this.operator = operator;
        this.sync = sync;
        this.kubeconfig = kubeconfig;
        this.setUp = setUp;
    }

    /** Builds (or finds) the images and starts everything; on a failure removes what it started and throws. */
    static Rig start() throws IOException {
        return start(CONTEXT);
    }

    /** A rig whose kubeconfig names its context (and its cluster and user) {@code context}: two rigs merge into one kubeconfig. */
    static Rig start(String context) throws IOException {
        long t0 = System.nanoTime();
        RigImages.Built images = RigImages.ensure();
        ClusterSide side = new ClusterSide();
        MockCluster cluster = null;
        GefyraOperatorDouble operator = null;
        ClusterSync sync = null;
        try {
            side.start();
            cluster = MockCluster.start();
            cluster.seedDemo();
            // The mock server has no authorizer: this user may do everything, as a cluster admin may.
            cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                    .andReturn(201, new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(true).endStatus()
                            .build()).always();
            operator = new GefyraOperatorDouble(cluster, GefyraOperatorDouble.Options.defaults()
                    .withStowaway(side.keys, side.endpoint())).start();
            sync = new ClusterSync(cluster.client(), side).start();
            Path kubeconfig = context.equals(CONTEXT) ? cluster.writeKubeconfig(side.dir.resolve("kubeconfig"), CONTEXT)
                    : cluster.writeKubeconfigNamed(side.dir.resolve("kubeconfig"), context + "-cluster", context + "-user", context);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            LOG.info("rig: set up in {} ms (images {} ms, {}); Stowaway at {}, namespace {}", took.toMillis(),
                    images.took().toMillis(), images.cached() ? "cached" : "built", side.endpoint(), side.namespace);
            return new Rig(images, side, cluster, operator, sync, kubeconfig, took);
        } catch (RuntimeException | IOException e) {
            closeAll(sync, operator, cluster, side);
            throw e;
        }
    }

    String cargoImage() {
        return images.cargo();
    }

    String appImage() {
        return images.app();
    }

    String cargoEndpoint() {
        return side.endpoint();
    }

    Duration tearDown() {
        return tearDown;
    }

    /** What the rig itself left behind (the images stay: they are the cache). */
    List<String> leftovers() {
        return side.leftovers();
    }

    @Override
    public void close() {
        if (tearDown != null) {
            return;
        }
        long t0 = System.nanoTime();
        closeAll(sync, operator, cluster, side);
        tearDown = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("rig: torn down in {} ms", tearDown.toMillis());
    }

    private static void closeAll(AutoCloseable... parts) {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable p : parts) {
            if (p != null) {
                try {
                    p.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("rig: tear-down failed: " + failures);
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
