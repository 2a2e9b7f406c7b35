package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.CargoSpec;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine.ContainerSpec;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cargo's gateway step as upstream's {@code gefyra run} takes it (shared/gefyra-protocol.md 6, step 6; upstream
 * {@code client/gefyra/api/run.py} execs {@code bash patchContainerGateway.sh <container> <cargo-ip>} in Cargo),
 * on a real engine: the Cargo stand-in ({@link CargoStandin}) with Cargo's container spec at {@code .149}, an app
 * container from a {@link RunSpec}, the step through {@code ContainerEngine.exec} as Ponte runs it, and the
 * app's default route read from inside the app.
 */
final class GatewayRoundTrip {
    private static final Duration EXEC = Duration.ofSeconds(20);

    private final DockerEngine engine;
    private final EngineTestSupport.Engine which;
    private final String connection = EngineTestSupport.uniqueName("gw");
    private final String network = Gefyra.NETWORK_PREFIX + connection;
    private final String cargo = Gefyra.CARGO_PREFIX + connection;
    private final String app = EngineTestSupport.uniqueName("app");

    GatewayRoundTrip(DockerEngine engine, EngineTestSupport.Engine which) {
        this.engine = engine;
        this.which = which;
    }

    /** @param privileged upstream's Cargo spec, or Ponte's unprivileged one where the engine refuses it */
    void appIsRoutedThroughCargo(boolean privileged, Path dir) throws IOException {
        String image = CargoStandin.ensure(engine, which);
        Path conf = EngineTestSupport.wireGuardConfig(dir);
        try {
            Map<String, String> netLabels = new HashMap<>(EngineTestSupport.TEST_LABELS);
            netLabels.put(CargoLabels.CREATED_BY, "true");
            String subnet = SubnetPicker.forThisHost().propose(engine, network, List.of(), EngineTestSupport.TEST_LABELS, 16);
            engine.createNetwork(network, subnet, netLabels);
            String cargoIp = Gefyra.cargoIp(subnet);
            engine.create(cargoSpec(privileged, image, conf));
            engine.connect(network, cargo, cargoIp);
            engine.start(cargo);

            engine.create(new RunSpec(app, EngineTestSupport.BUSYBOX_IMAGE, List.of(), Map.of(), RunContractTest.labels(app),
                    List.of(), network, List.of(Gefyra.STOWAWAY_IP), RunContractTest.SEARCH, List.of(), false, 0, 0));
            engine.start(app);
            String appIp = engine.inspect(app).orElseThrow().ips().get(network);
            String before = defaultRoutes();
            assertTrue(before.contains("default via "), before);
            assertTrue(!before.contains(cargoIp), "not via Cargo yet: " + before);

            ExecResult patch = engine.exec(cargo, EXEC, "bash", "patchContainerGateway.sh", app, cargoIp);
            assertEquals(0, patch.exitCode(), patch.output());

            List<String> after = defaultRoutes().lines().toList();
            assertEquals(1, after.size(), "exactly one default route: " + after);
            assertTrue(after.getFirst().startsWith("default via " + cargoIp + " "), after.getFirst());
            assertEquals(appIp, engine.inspect(app).orElseThrow().ips().get(network), "the app keeps its address");
            ExecResult reachable = engine.exec(app, EXEC, "ping", "-c", "1", "-W", "5", cargoIp);
            if (which == EngineTestSupport.Engine.DOCKER) { // Podman containers need NET_RAW to ping (shared/testing.md)
                assertEquals(0, reachable.exitCode(), "the app reaches its new gateway: " + reachable.output());
            }

            ExecResult absent = engine.exec(cargo, EXEC, "bash", "patchContainerGateway.sh", "ponte-test-absent-0", cargoIp);
            assertNotEquals(0, absent.exitCode(), "a container the engine does not know fails the step");
            assertTrue(absent.output().contains("did not return ponte-test-absent-0"), absent.output());
            engine.stop(app, Duration.ofSeconds(1));
            ExecResult stopped = engine.exec(cargo, EXEC, "bash", "patchContainerGateway.sh", app, cargoIp);
            assertNotEquals(0, stopped.exitCode());
            assertTrue(stopped.output().contains(app + " is not running"), stopped.output());
        } finally {
            EngineTestSupport.removeQuietly(engine, app, null);
            EngineTestSupport.removeQuietly(engine, cargo, network);
        }
        assertTrue(engine.inspect(app).isEmpty() && engine.inspect(cargo).isEmpty() && engine.network(network).isEmpty(),
                "nothing is left");
    }

    /** The app's default routes, one a line (busybox's {@code ip route} lists every route, so they are picked here). */
    private String defaultRoutes() {
        ExecResult r = engine.exec(app, EXEC, "ip", "route");
        assertEquals(0, r.exitCode(), r.output());
        return String.join("\n", r.output().lines().filter(l -> l.startsWith("default")).toList());
    }

    private ContainerSpec cargoSpec(boolean privileged, String image, Path conf) {
        String socket = which.endpoint.substring("unix://".length());
        ContainerSpec gefyra = privileged
                ? CargoSpec.upstream(connection, image, conf, socket, "/tmp/kubeconfig.yaml", "ctx-test", "10.199.0.1:31820", "client1")
                : CargoSpec.unprivileged(connection, image, conf, socket, "/tmp/kubeconfig.yaml", "ctx-test", "10.199.0.1:31820",
                "client1");
        Map<String, String> labels = new HashMap<>(gefyra.labels());
        labels.putAll(EngineTestSupport.TEST_LABELS);
        return new ContainerSpec(gefyra.name(), gefyra.image(), labels, gefyra.mounts(), gefyra.privileged(), gefyra.capAdd(),
                gefyra.pidHost(), gefyra.securityOpts(), gefyra.devices(), gefyra.network(), gefyra.env(), gefyra.command());
    }
}
