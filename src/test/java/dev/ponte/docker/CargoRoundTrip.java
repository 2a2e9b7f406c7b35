package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.CargoSpec;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.ContainerSpec;
import dev.ponte.core.task.PonteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cargo as Gefyra 2.5.4 makes it, on a real engine, from the busybox stand-in: a network on a negotiated
 * subnet, the container on the default bridge, connected at {@code .149}, started, inspected back, removed
 * without a trace (shared/gefyra-protocol.md 5.1, 5.2).
 */
final class CargoRoundTrip {
    private static final Duration EXEC = Duration.ofSeconds(20);
    private static final int NET_ADMIN_BIT = 12;
    private static final int SYS_ADMIN_BIT = 21;

    private final DockerEngine engine;
    private final EngineTestSupport.Engine which;
    final String connection = EngineTestSupport.uniqueName("conn");
    final String network = Gefyra.NETWORK_PREFIX + connection;
    final String cargo = Gefyra.CARGO_PREFIX + connection;
    private final String socket;

    CargoRoundTrip(DockerEngine engine, EngineTestSupport.Engine which) {
        this.engine = engine;
        this.which = which;
        this.socket = which.endpoint.substring("unix://".length());
    }

    /** Creates, connects and starts Cargo in {@code privileged} (upstream) or unprivileged mode, then checks it. */
    void startsAndIsRemovedWithoutATrace(boolean privileged, Path tempDir) throws IOException {
        Path conf = EngineTestSupport.wireGuardConfig(tempDir);
        try {
            String subnet = createNetwork();
            engine.create(spec(privileged, conf));
            String ip = Gefyra.cargoIp(subnet);
            engine.connect(network, cargo, ip);
            engine.start(cargo);

            ContainerEngine.Container c = engine.container(cargo).orElseThrow();
            assertTrue(c.running(), "Cargo runs: " + c.state());
            assertEquals(ip, c.ips().get(network), "Cargo sits at .149 on " + network + ": " + c.ips());
            assertEquals(2, c.ips().size(), "also on the default bridge, as upstream: " + c.ips());
            assertTrue(ip.endsWith(".149"));
            assertUpstreamSettings(engine.client().inspectContainerCmd(cargo).exec(), privileged, conf);

            assertEquals(Files.readString(conf), engine.exec(cargo, EXEC, "cat", CargoSpec.CONFIG_IN_CONTAINER).output());
            assertEquals(0, engine.exec(cargo, EXEC, "test", "-S", CargoSpec.UPSTREAM_SOCKET).exitCode(),
                    "the engine socket is mounted at /var/run/docker.sock");
            assertEquals(Files.readString(Path.of("/proc/1/comm")), engine.exec(cargo, EXEC, "cat", "/proc/1/comm").output(),
                    "pid host: Cargo sees the host's PID 1");
            long capEff = Long.parseUnsignedLong(engine.exec(cargo, EXEC, "sh", "-c",
                    "sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status").output().trim(), 16);
            assertTrue((capEff & (1L << NET_ADMIN_BIT)) != 0, "NET_ADMIN is effective in Cargo");
            assertTrue((capEff & (1L << SYS_ADMIN_BIT)) != 0, "SYS_ADMIN is effective in Cargo");
            ContainerEngine.ExecResult preUp = engine.exec(cargo, EXEC, "sysctl", "-w", "net.ipv4.ip_forward=1");
            assertEquals(0, preUp.exitCode(), "wg-quick's PreUp works (systempaths unconfined): " + preUp.output());
            assertEquals(0, engine.exec(cargo, EXEC, "test", "-c", CargoSpec.TUN_DEVICE).exitCode(), "/dev/net/tun is there");
        } finally {
            EngineTestSupport.removeQuietly(engine, cargo, network);
        }
        assertNoTrace();
    }

    /** Docker on a host without CAP_SYS_RESOURCE: creating works, starting fails with runc's caps error. */
    void privilegedStartIsRefused(Path tempDir) throws IOException {
        Path conf = EngineTestSupport.wireGuardConfig(tempDir);
        try {
            String subnet = createNetwork();
            engine.create(spec(true, conf));
            engine.connect(network, cargo, Gefyra.cargoIp(subnet));
            PonteException e = assertThrows(PonteException.class, () -> engine.start(cargo));
            assertTrue(CargoSpec.privilegeRefused(e), "the refusal is recognised: " + e.problem().detail());
            assertTrue(e.problem().detail().contains("unable to apply caps"), e.problem().detail());
            assertFalse(engine.container(cargo).orElseThrow().running());
        } finally {
            EngineTestSupport.removeQuietly(engine, cargo, network);
        }
        assertNoTrace();
    }

    private String createNetwork() {
        String subnet = SubnetPicker.forThisHost().propose(engine, network, List.of(), EngineTestSupport.TEST_LABELS, 16);
        Map<String, String> labels = new HashMap<>(EngineTestSupport.TEST_LABELS);
        labels.put(CargoLabels.CREATED_BY, "true");
        assertEquals(List.of(subnet), engine.createNetwork(network, subnet, labels).subnets());
        return subnet;
    }

    private ContainerSpec spec(boolean privileged, Path conf) {
        ContainerSpec gefyra = privileged
                ? CargoSpec.upstream(connection, EngineTestSupport.BUSYBOX_IMAGE, conf, socket, "/tmp/kubeconfig.yaml",
                "ctx-test", "10.199.0.1:31820", "client1")
                : CargoSpec.unprivileged(connection, EngineTestSupport.BUSYBOX_IMAGE, conf, socket, "/tmp/kubeconfig.yaml",
                "ctx-test", "10.199.0.1:31820", "client1");
        Map<String, String> labels = new HashMap<>(gefyra.labels());
        labels.putAll(EngineTestSupport.TEST_LABELS); // so a killed test run's leftovers can be found
        return new ContainerSpec(gefyra.name(), gefyra.image(), labels, gefyra.mounts(), gefyra.privileged(),
                gefyra.capAdd(), gefyra.pidHost(), gefyra.securityOpts(), gefyra.devices(), gefyra.network(),
                gefyra.env(), gefyra.command());
    }

    private void assertUpstreamSettings(InspectContainerResponse inspected, boolean privileged, Path conf) {
        Map<String, String> labels = inspected.getConfig().getLabels();
        Map<String, String> expected = CargoSpec.labels(connection, "/tmp/kubeconfig.yaml", "ctx-test",
                "10.199.0.1:31820", "client1");
        expected.forEach((k, v) -> assertEquals(v, labels.get(k), "label " + k));
        assertEquals(Gefyra.VERSION, labels.get("version.gefyra.dev"));
        assertEquals("cargo", labels.get("gefyra.dev/role"));

        HostConfig hc = inspected.getHostConfig();
        assertEquals(privileged, Boolean.TRUE.equals(hc.getPrivileged()), "privileged");
        assertEquals("host", hc.getPidMode(), "pid host");
        List<Capability> caps = hc.getCapAdd() == null ? List.of() : Arrays.asList(hc.getCapAdd());
        if (!(privileged && which == EngineTestSupport.Engine.PODMAN)) { // Podman reports no CapAdd when privileged
            assertTrue(caps.contains(Capability.NET_ADMIN), "NET_ADMIN: " + caps);
        }
        if (!privileged) {
            assertTrue(caps.contains(Capability.SYS_ADMIN), "SYS_ADMIN: " + caps);
            assertNotNull(hc.getDevices());
            assertTrue(Arrays.stream(hc.getDevices()).anyMatch(d -> CargoSpec.TUN_DEVICE.equals(d.getPathOnHost())),
                    "/dev/net/tun is mapped");
        }
        assertTrue(hc.getSysctls() == null || hc.getSysctls().isEmpty(), "no sysctls, as upstream: " + hc.getSysctls());
        List<String> binds = Arrays.stream(hc.getBinds()).map(b -> b.getPath() + ":" + b.getVolume().getPath()).toList();
        assertTrue(binds.contains(socket + ":" + CargoSpec.UPSTREAM_SOCKET), "socket bind: " + binds);
        assertTrue(binds.contains(conf.toAbsolutePath() + ":" + CargoSpec.CONFIG_IN_CONTAINER), "config bind: " + binds);
        assertEquals(2, binds.size(), "exactly two binds: " + binds);
    }

    /** Neither Cargo nor the network nor a throw-away network is left. */
    private void assertNoTrace() {
        assertTrue(engine.container(cargo).isEmpty(), "no container " + cargo);
        assertTrue(engine.network(network).isEmpty(), "no network " + network);
        assertTrue(engine.containers(Map.of(CargoLabels.CONNECTION, connection)).isEmpty(), "no container labelled " + connection);
        assertTrue(engine.networks().stream().noneMatch(n -> n.name().startsWith(network)), "no throw-away network");
    }
}
