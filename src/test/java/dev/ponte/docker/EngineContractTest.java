package dev.ponte.docker;

import static dev.ponte.docker.EngineTestSupport.BUSYBOX_IMAGE;
import static dev.ponte.docker.EngineTestSupport.TEST_LABELS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.ContainerSpec;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link DockerEngine} against a real engine; the subclasses name the engine. */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineContractTest {
    DockerEngine engine;
    private final List<String> containers = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

    abstract EngineTestSupport.Engine which();

    @BeforeAll
    void connect() {
        engine = EngineTestSupport.connect(which());
    }

    @AfterEach
    void removeWhatTheTestMade() {
        containers.forEach(c -> EngineTestSupport.removeQuietly(engine, c, null));
        networks.forEach(n -> EngineTestSupport.removeQuietly(engine, null, n));
        containers.clear();
        networks.clear();
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void infoNamesTheProduct() {
        ContainerEngine.Info info = engine.info();
        assertEquals(which().product, info.product());
        assertEquals(which().endpoint, info.endpoint());
        assertFalse(info.version().isBlank());
        assertEquals("linux", info.os());
    }

    @Test
    void theSocketApiSaysWhatDockerJavaSays() {
        ContainerEngine.Info light = UnixSocketApi.ping(which().endpoint, Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertEquals(EngineModels.info(which().endpoint, engine.client().versionCmd().exec()), light);

        String net = track(networks, EngineTestSupport.uniqueName("net"));
        engine.createNetwork(net, null, TEST_LABELS);
        String name = track(containers, EngineTestSupport.uniqueName("listed"));
        Map<String, String> labels = new HashMap<>(TEST_LABELS);
        labels.put("ponte.test/name", name);
        engine.create(new ContainerSpec(name, BUSYBOX_IMAGE, labels, List.of(), false, List.of(), false, List.of(),
                List.of(), net, Map.of(), List.of("sleep", "30")));
        engine.start(name);
        Map<String, String> filter = Map.of("ponte.test/name", name);
        List<ContainerEngine.Container> viaSocket = engine.containers(filter);
        List<ContainerEngine.Container> viaDockerJava = engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(filter).exec().stream().map(EngineModels::container).toList();
        assertEquals(1, viaSocket.size());
        assertEquals(viaDockerJava, viaSocket);
        assertFalse(viaSocket.getFirst().ips().isEmpty(), viaSocket::toString);
        // Podman adds the image's labels (io.buildah.version) to the container's
        assertTrue(viaSocket.getFirst().labels().entrySet().containsAll(labels.entrySet()), viaSocket::toString);

        ContainerEngine.Network listed = engine.networks().stream().filter(n -> n.name().equals(net)).findFirst().orElseThrow();
        assertEquals(engine.client().listNetworksCmd().exec().stream().map(EngineModels::network)
                .filter(n -> n.name().equals(net)).findFirst().orElseThrow(), listed);
        assertFalse(listed.subnets().isEmpty());
        assertTrue(engine.containers(Map.of("ponte.test/name", name + "-none")).isEmpty());
    }

    @Test
    void networkOnANegotiatedSubnetIsCreatedFoundAndRemoved() {
        String name = track(networks, EngineTestSupport.uniqueName("net"));
        SubnetPicker picker = SubnetPicker.forThisHost();
        String first = picker.propose(engine, name, List.of(), TEST_LABELS, 8);
        String second = picker.propose(engine, name, List.of(first), TEST_LABELS, 8);
        assertNotEquals(first, second, "a banned subnet is not proposed again");
        assertFalse(SubnetPicker.Cidr.parse(first).overlaps(SubnetPicker.Cidr.parse(second)));
        assertTrue(engine.networks().stream().noneMatch(n -> n.name().startsWith(name)), "throw-away networks are gone");

        Map<String, String> labels = new HashMap<>(TEST_LABELS);
        labels.put("created_by.gefyra.dev", "true");
        ContainerEngine.Network created = engine.createNetwork(name, second, labels);
        assertEquals(List.of(second), created.subnets());
        ContainerEngine.Network found = engine.network(name).orElseThrow();
        assertEquals(created.id(), found.id());
        assertEquals("true", found.labels().get("created_by.gefyra.dev"));
        assertTrue(engine.networks().stream().anyMatch(n -> n.name().equals(name) && n.subnets().contains(second)));

        engine.removeNetwork(name);
        engine.removeNetwork(name); // absent is fine
        assertTrue(engine.network(name).isEmpty());
    }

    @Test
    void networkWithoutSubnetGetsOneFromTheEngine() {
        String name = track(networks, EngineTestSupport.uniqueName("auto"));
        ContainerEngine.Network n = engine.createNetwork(name, null, TEST_LABELS);
        assertEquals(1, n.subnets().size());
        SubnetPicker.Cidr.parse(n.subnets().getFirst());
    }

    @Test
    void creatingANetworkTwiceIsAConflictWithTheEnginesWords() {
        String name = track(networks, EngineTestSupport.uniqueName("dup"));
        engine.createNetwork(name, null, TEST_LABELS);
        PonteException e = assertThrows(PonteException.class, () -> engine.createNetwork(name, null, TEST_LABELS));
        assertTrue(e.problem().detail().contains(name), e.problem().detail());
    }

    @Test
    void absentThingsAreEmptyAndRemovingThemIsFine() {
        String name = EngineTestSupport.uniqueName("absent");
        assertTrue(engine.container(name).isEmpty());
        assertTrue(engine.network(name).isEmpty());
        engine.remove(name);
        engine.removeNetwork(name);
    }

    @Test
    void containersByLabelIncludeStoppedOnes() {
        String name = track(containers, EngineTestSupport.uniqueName("created"));
        Map<String, String> labels = new HashMap<>(TEST_LABELS);
        labels.put("ponte.test/name", name);
        String id = engine.create(spec(name, labels, Map.of("GREETING", "hello"), List.of("sleep", "30")));

        List<ContainerEngine.Container> found = engine.containers(Map.of("ponte.test/name", name));
        assertEquals(1, found.size());
        assertEquals(id, found.getFirst().id());
        assertEquals(name, found.getFirst().name());
        assertEquals("created", found.getFirst().state());
        assertFalse(found.getFirst().running());
        assertEquals(name, engine.container(name).orElseThrow().name());
        var env = List.of(engine.client().inspectContainerCmd(id).exec().getConfig().getEnv());
        assertTrue(env.contains("GREETING=hello"), env::toString);
    }

    @Test
    void execReportsExitCodeAndCombinedOutput() {
        String name = startedBusybox();
        ContainerEngine.ExecResult ok = engine.exec(name, Duration.ofSeconds(20), "echo", "hello");
        assertEquals(0, ok.exitCode());
        assertEquals("hello\n", ok.output());

        ContainerEngine.ExecResult failed = engine.exec(name, Duration.ofSeconds(20), "sh", "-c", "echo out; echo err >&2; exit 7");
        assertEquals(7, failed.exitCode());
        assertTrue(failed.output().contains("out") && failed.output().contains("err"), failed.output());
    }

    @Test
    void execThatRunsTooLongTimesOut() {
        String name = startedBusybox();
        PonteException e = assertThrows(PonteException.class,
                () -> engine.exec(name, Duration.ofMillis(300), "sleep", "5"));
        assertEquals(Problem.Kind.TIMEOUT, e.problem().kind());
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void execInAStoppedContainerIsAnEngineError() {
        String name = track(containers, EngineTestSupport.uniqueName("stopped"));
        engine.create(spec(name, TEST_LABELS, Map.of(), List.of()));
        PonteException e = assertThrows(PonteException.class, () -> engine.exec(name, Duration.ofSeconds(5), "true"));
        assertTrue(e.problem().detail().contains("answered"), e.problem().detail());
    }

    @Test
    void startingTwiceAndRemovingARunningContainerWork() {
        String name = startedBusybox();
        engine.start(name);
        assertTrue(engine.container(name).orElseThrow().running());
        engine.remove(name);
        assertTrue(engine.container(name).isEmpty());
    }

    @Test
    void aNetworkKeepsItsMtuOptionAndAContainerOnItGetsThatMtu() {
        String net = track(networks, EngineTestSupport.uniqueName("mtu"));
        String subnet = SubnetPicker.forThisHost().propose(engine, net, List.of(), TEST_LABELS, 8);
        engine.createNetwork(net, subnet, TEST_LABELS, Map.of("com.docker.network.driver.mtu", "1280"));
        assertEquals("1280", engine.networkOptions(net).get("com.docker.network.driver.mtu"));
        String name = track(containers, EngineTestSupport.uniqueName("mtu"));
        engine.create(new ContainerSpec(name, BUSYBOX_IMAGE, TEST_LABELS, List.of(), false, List.of(), false, List.of(),
                List.of(), net, Map.of(), List.of("sleep", "300")));
        engine.start(name);
        String eth = engine.exec(name, Duration.ofSeconds(10), "sh", "-c", "cat /sys/class/net/eth0/mtu").output().strip();
        assertEquals("1280", eth, "the container's interface on the network has the network's MTU");
        engine.disconnect(net, name);
        assertFalse(engine.container(name).orElseThrow().ips().containsKey(net), "disconnected");
        engine.disconnect(net, name); // not connected any more: fine
        assertEquals(Map.of(), engine.networkOptions(EngineTestSupport.uniqueName("absent")));
    }

    @Test
    void theLogTailHasTheLastLines() throws Exception {
        String name = track(containers, EngineTestSupport.uniqueName("logs"));
        engine.create(spec(name, TEST_LABELS, Map.of(), List.of("sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done; sleep 300")));
        engine.start(name);
        String tail = dev.ponte.core.task.Poll.until("the fifth line in the log", () -> {
            String t = engine.logs(name, 2);
            return t.contains("line5") ? t : null;
        }, Duration.ofSeconds(10), Duration.ofMillis(100), new dev.ponte.core.task.CancellationToken());
        assertEquals("line4\nline5\n", tail);
    }

    private String startedBusybox() {
        String name = track(containers, EngineTestSupport.uniqueName("run"));
        engine.create(spec(name, TEST_LABELS, Map.of(), List.of()));
        engine.start(name);
        return name;
    }

    static ContainerSpec spec(String name, Map<String, String> labels, Map<String, String> env, List<String> command) {
        return new ContainerSpec(name, BUSYBOX_IMAGE, labels, List.of(), false, List.of(), false, List.of(), List.of(),
                null, env, command);
    }

    private static String track(List<String> list, String name) {
        list.add(name);
        return name;
    }
}
