package dev.ponte.docker;

import static dev.ponte.docker.EngineTestSupport.BUSYBOX_IMAGE;
import static dev.ponte.docker.EngineTestSupport.TEST_LABELS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.ContainerDetails;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import dev.ponte.core.port.ContainerEngine.Mount;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.PonteException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The run side of {@link DockerEngine} on a real engine (shared/gefyra-protocol.md 6): an app container as
 * {@code gefyra run} starts it, its life seen through events, the engine's refusals as advice, and Cargo's
 * gateway step with the stand-in. The subclasses name the engine and what differs between engines.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunContractTest {
    static final Duration EXEC = Duration.ofSeconds(20);
    static final Duration EVENTS = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(1);
    static final List<String> SEARCH = List.of("team-a.svc.cluster.local", "svc.cluster.local", "cluster.local", "k8s");

    DockerEngine engine;
    private final List<String> containers = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    abstract EngineTestSupport.Engine which();

    /** The nameserver an app container's /etc/resolv.conf shows when the spec sets {@link Gefyra#STOWAWAY_IP}. */
    abstract String nameserverInResolvConf();

    /** Whether the engine reports network connect/disconnect events. */
    abstract boolean reportsNetworkEvents();

    @BeforeAll
    void connect() {
        engine = EngineTestSupport.connect(which());
    }

    @AfterEach
    void removeWhatTheTestMade() {
        containers.forEach(c -> EngineTestSupport.removeQuietly(engine, c, null));
        networks.forEach(n -> EngineTestSupport.removeQuietly(engine, null, n));
        images.forEach(i -> {
            try {
                engine.client().removeImageCmd(i).withForce(true).exec();
            } catch (RuntimeException e) {
                // already gone
            }
        });
        containers.clear();
        networks.clear();
        images.clear();
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void runSpecJoinsTheNetworkWithDnsSearchEnvLabelsMountsAndLimits(@TempDir Path dir) throws IOException {
        String net = network();
        String name = container("app");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("hello.txt"), "hello from the host\n");
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZED", "first in the spec");
        env.put("ALPHA", "1");
        env.put("WITH_EQUALS", "a=b c");
        Map<String, String> labels = labels(name);
        RunSpec spec = new RunSpec(name, BUSYBOX_IMAGE, List.of(), env, labels,
                List.of(new Mount(data.toString(), "/data", false), new Mount(ro.toString(), "/ro", true)), net,
                List.of(Gefyra.STOWAWAY_IP), SEARCH, List.of(), false, 500_000_000L, 64L << 20);

        String id = engine.create(spec);
        engine.start(name);

        ContainerDetails d = engine.inspect(name).orElseThrow();
        assertEquals(id, d.id());
        assertEquals(name, d.name());
        assertEquals(BUSYBOX_IMAGE, d.image());
        assertTrue(d.running(), d.state());
        assertNotNull(d.startedAt());
        assertTrue(Duration.between(d.startedAt(), Instant.now()).abs().compareTo(Duration.ofMinutes(2)) < 0, d.startedAt()::toString);
        String ip = d.ips().get(net);
        assertNotNull(ip, "an address on " + net + ": " + d.ips());
        assertTrue(SubnetPicker.Cidr.parse(engine.network(net).orElseThrow().subnets().getFirst())
                .overlaps(SubnetPicker.Cidr.parse(ip + "/32")), ip);
        assertEquals(List.of(Gefyra.STOWAWAY_IP), d.dns(), "HostConfig.Dns");
        assertEquals(SEARCH, d.dnsSearch(), "HostConfig.DnsSearch");
        labels.forEach((k, v) -> assertEquals(v, d.labels().get(k), "label " + k));
        assertFalse(d.autoRemove());
        assertEquals(List.of(), d.ports());

        var raw = engine.client().inspectContainerCmd(name).exec();
        assertEquals(List.of("sleep", "3600"), List.of(raw.getConfig().getCmd()), "empty command: the image's own");
        List<String> rawEnv = List.of(raw.getConfig().getEnv());
        int zed = rawEnv.indexOf("ZED=first in the spec");
        int alpha = rawEnv.indexOf("ALPHA=1");
        int equals = rawEnv.indexOf("WITH_EQUALS=a=b c");
        assertTrue(zed >= 0 && alpha >= 0 && equals >= 0, "every variable of the spec: " + rawEnv);
        if (which() == EngineTestSupport.Engine.DOCKER) {
            // Docker keeps the order it was given; Podman 4.3 keeps env in a Go map, so its inspect order varies per run.
            assertTrue(zed < alpha && alpha < equals, "env in the spec's order: " + rawEnv);
        }
        assertEquals(500_000_000L, raw.getHostConfig().getNanoCPUs());
        assertEquals(64L << 20, raw.getHostConfig().getMemory());
        if (which() == EngineTestSupport.Engine.DOCKER) { // Podman 4.3's compat inspect says "bridge" for any bridge network
            assertEquals(net, raw.getHostConfig().getNetworkMode());
        }

        String resolv = exec(name, "cat", "/etc/resolv.conf");
        assertTrue(resolv.lines().anyMatch(l -> l.equals("search " + String.join(" ", SEARCH))), resolv);
        assertEquals(List.of("nameserver " + nameserverInResolvConf()),
                resolv.lines().filter(l -> l.startsWith("nameserver")).toList(), resolv);
        assertEquals("a=b c\n", exec(name, "sh", "-c", "echo \"$WITH_EQUALS\""));
        assertEquals("hello from the host\n", exec(name, "cat", "/data/hello.txt"));
        exec(name, "sh", "-c", "echo from the container > /data/out.txt");
        assertEquals("from the container\n", Files.readString(data.resolve("out.txt")));
        ExecResult readOnly = engine.exec(name, EXEC, "touch", "/ro/x");
        assertNotEquals(0, readOnly.exitCode());
        assertTrue(readOnly.output().contains("Read-only file system"), readOnly.output());
        assertFalse(Files.exists(ro.resolve("x")));
    }

    @Test
    void publishedPortReachesTheContainerAndATakenPortIsNamed(@TempDir Path dir) throws IOException {
        String net = network();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "served by busybox\n");
        int port = freePort();
        PortBinding binding = new PortBinding("127.0.0.1", port, 8080, "tcp");
        String name = container("web");
        engine.create(new RunSpec(name, BUSYBOX_IMAGE, List.of("httpd", "-f", "-p", "8080", "-h", "/www"), Map.of(),
                labels(name), List.of(new Mount(www.toString(), "/www", true)), net, List.of(), List.of(), List.of(binding),
                false, 0, 0));
        engine.start(name);
        assertEquals(List.of(binding), engine.inspect(name).orElseThrow().ports());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/index.html");
        String[] body = new String[1];
        waitFor("the published port to answer", () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                body[0] = r.body();
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        assertEquals("served by busybox\n", body[0]);
        // Published on 127.0.0.1 (the Run dialog's default): this machine's other addresses do not answer.
        for (java.net.InetAddress own : ownNonLoopbackAddresses()) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(own, port), 1000);
                throw new AssertionError("port " + port + " bound to 127.0.0.1 answers on " + own.getHostAddress());
            } catch (IOException expected) {
                // refused (or timed out): not reachable from the network
            }
        }

        String second = container("web2");
        engine.create(new RunSpec(second, BUSYBOX_IMAGE, List.of(), Map.of(), labels(second), List.of(), net, List.of(),
                List.of(), List.of(binding), false, 0, 0));
        PonteException e = assertThrows(PonteException.class, () -> engine.start(second));
        assertEquals("Port " + port + " is already in use", e.problem().title(), e.problem().detail());
        assertTrue(e.problem().advice().contains("another host port"), e.problem().advice());
    }

    /** This machine's own IPv4 addresses other than loopback (docker0, eth0, ...): traffic to them stays here. */
    private static List<java.net.InetAddress> ownNonLoopbackAddresses() throws IOException {
        List<java.net.InetAddress> out = new java.util.ArrayList<>();
        for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                nif.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void stopRestartAndRemoveAreSeenAsEvents() {
        String net = network();
        String name = container("life");
        EventLog log = new EventLog();
        try (Subscription ignored = liveEvents(log)) {
            String id = engine.create(spec(name, net, false));
            assertEquals(id, log.await("create " + name, EVENTS, EventLog.container("create", name)).id());
            engine.start(name);
            log.await("start " + name, EVENTS, EventLog.container("start", name));
            if (reportsNetworkEvents()) {
                var connect = log.await("connect to " + net, EVENTS,
                        e -> "network".equals(e.type()) && "connect".equals(e.action()) && net.equals(e.name()));
                assertEquals(id, connect.attributes().get("container"));
            }
            ContainerDetails running = engine.inspect(name).orElseThrow();

            engine.stop(name, GRACE);
            log.await("die " + name, EVENTS, EventLog.container("die", name));
            ContainerDetails stopped = engine.inspect(name).orElseThrow();
            assertEquals("exited", stopped.state());
            assertEquals(137, stopped.exitCode(), "sleep as PID 1 ignores SIGTERM and is killed after the grace");
            assertFalse(stopped.ips().containsKey(net), "a stopped container has no address: " + stopped.ips());
            assertEquals(running.startedAt(), stopped.startedAt(), "startedAt stays the last start");
            engine.stop(name, GRACE); // stopped is fine
            engine.stop(EngineTestSupport.uniqueName("absent"), GRACE); // absent is fine

            engine.restart(name, GRACE);
            waitFor("a second start of " + name, () -> log.events().stream().filter(EventLog.container("start", name)).count() == 2);
            ContainerDetails restarted = engine.inspect(name).orElseThrow();
            assertTrue(restarted.running(), restarted.state());
            assertTrue(restarted.startedAt().isAfter(running.startedAt()), restarted.startedAt() + " after " + running.startedAt());
            assertNotNull(restarted.ips().get(net));

            engine.remove(name);
            log.await("destroy " + name, EVENTS, EventLog.container("destroy", name));
            assertTrue(engine.inspect(name).isEmpty());
            assertEquals(null, log.error(), "the stream is still open");
            assertTrue(log.events().stream().allMatch(e -> Set.of("container", "network").contains(e.type())), log.events()::toString);
            assertTrue(log.events().stream().noneMatch(e -> e.action().startsWith("exec")), "no exec noise");
        }
    }

    @Test
    void restartingAnAbsentContainerIsNotFound() {
        PonteException e = assertThrows(PonteException.class,
                () -> engine.restart(EngineTestSupport.uniqueName("absent"), GRACE));
        assertEquals(dev.ponte.core.task.Problem.Kind.NOT_FOUND, e.problem().kind(), e.problem().detail());
    }

    @Test
    void autoRemovedContainerIsDestroyedWhenItStops() {
        String net = network();
        String name = container("rm");
        EventLog log = new EventLog();
        try (Subscription ignored = liveEvents(log)) {
            engine.create(spec(name, net, true));
            engine.start(name);
            assertTrue(engine.inspect(name).orElseThrow().autoRemove());
            engine.stop(name, GRACE);
            log.await("destroy " + name, EVENTS, EventLog.container("destroy", name));
            assertTrue(engine.inspect(name).isEmpty(), "auto-removed");
        }
    }

    @Test
    void aClosedSubscriptionDeliversNothingMore() {
        EventLog open = new EventLog();
        EventLog closed = new EventLog();
        try (Subscription keep = liveEvents(open)) {
            Subscription gone = liveEvents(closed);
            gone.close();
            gone.close(); // twice is harmless
            int before = closed.events().size();
            String name = container("after");
            engine.create(new RunSpec(name, BUSYBOX_IMAGE, List.of(), Map.of(), labels(name), List.of(), null, List.of(),
                    List.of(), List.of(), false, 0, 0));
            open.await("create " + name, EVENTS, EventLog.container("create", name));
            assertEquals(before, closed.events().size(), "nothing after close: " + closed.events());
            assertEquals(null, closed.error(), "closing is not an error");
        }
    }

    @Test
    void imagesAreNewestFirstWithoutDanglingOnes(@TempDir Path dir) throws IOException {
        String tag = "localhost/ponte-test/generations:" + EngineTestSupport.uniqueName("g").substring("ponte-test-".length());
        String first = build(dir.resolve("one"), tag, "1");
        String second = build(dir.resolve("two"), tag, "2");
        assertNotEquals(first, second);

        List<ContainerEngine.Image> listed = engine.images();
        assertTrue(listed.stream().anyMatch(i -> i.tags().contains(BUSYBOX_IMAGE)), "the test image is listed");
        ContainerEngine.Image newest = listed.stream().filter(i -> i.tags().contains(tag)).findFirst().orElseThrow();
        assertTrue(sameImage(newest.id(), second), newest.id() + " is " + second);
        assertTrue(newest.sizeBytes() > 0);
        assertTrue(listed.stream().noneMatch(i -> sameImage(i.id(), first)), "the re-tagged first build is dangling and left out");
        assertTrue(engine.client().listImagesCmd().exec().stream().anyMatch(i -> sameImage(i.getId(), first)),
                "the engine still has the dangling image");
        assertTrue(listed.stream().flatMap(i -> i.tags().stream()).noneMatch(t -> t.startsWith("<none>")));
        for (int i = 1; i < listed.size(); i++) {
            assertFalse(listed.get(i).created().isAfter(listed.get(i - 1).created()), "newest first at " + i);
        }
    }

    @Test
    void refusalsNameTheCauseAndTheNextStep() {
        String net = network();
        String name = container("taken");
        engine.create(spec(name, net, false));
        PonteException taken = assertThrows(PonteException.class, () -> engine.create(spec(name, net, false)));
        assertEquals("A container named " + name + " exists", taken.problem().title(), taken.problem().detail());
        assertTrue(taken.problem().advice().contains("rm -f " + name), taken.problem().advice());

        String missing = "localhost/ponte-test/absent:1";
        String other = container("noimage");
        PonteException noImage = assertThrows(PonteException.class, () -> engine.create(withImage(spec(other, net, false), missing)));
        assertEquals("Image " + missing + " is not on this machine", noImage.problem().title(), noImage.problem().detail());
        assertTrue(noImage.problem().advice().contains("pull " + missing), noImage.problem().advice());
        assertTrue(noImage.problem().advice().contains("build -t " + missing), noImage.problem().advice());

        PonteException upper = assertThrows(PonteException.class,
                () -> engine.create(withImage(spec(other, net, false), "localhost/Ponte-Test/app:1")));
        assertTrue(upper.problem().detail().contains("\"Ponte-Test\""), upper.problem().detail());
        assertTrue(upper.problem().detail().contains("lowercase"), upper.problem().detail());
        PonteException space = assertThrows(PonteException.class,
                () -> engine.create(withImage(spec(other, net, false), "my app:1")));
        assertTrue(space.problem().detail().contains("space"), space.problem().detail());
        assertTrue(engine.inspect(other).isEmpty(), "nothing was created");

        String gone = EngineTestSupport.uniqueName("nonet");
        String orphan = container("orphan");
        // Docker refuses at start, Podman already at create.
        PonteException noNetwork = assertThrows(PonteException.class, () -> {
            engine.create(spec(orphan, gone, false));
            engine.start(orphan);
        });
        assertEquals("The network " + gone + " does not exist", noNetwork.problem().title(), noNetwork.problem().detail());
    }

    @Test
    void gatewayStepRoutesTheAppThroughTheCargoStandin(@TempDir Path dir) throws IOException {
        new GatewayRoundTrip(engine, which()).appIsRoutedThroughCargo(upstreamCargo(), dir);
    }

    /** Whether Cargo runs here exactly as upstream creates it (privileged), or in Ponte's unprivileged variant. */
    abstract boolean upstreamCargo();

    // --- helpers ---

    /** A subscription that is known to be live: a probe container's create has come through it. */
    private Subscription liveEvents(EventLog log) {
        Subscription s = engine.events(log::onEvent, log::onError);
        String probe = container("probe");
        engine.create(new RunSpec(probe, BUSYBOX_IMAGE, List.of(), Map.of(), labels(probe), List.of(), null, List.of(),
                List.of(), List.of(), false, 0, 0));
        log.await("the probe's create", EVENTS, EventLog.container("create", probe));
        engine.remove(probe);
        return s;
    }

    private String build(Path context, String tag, String generation) throws IOException {
        Files.createDirectories(context);
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BUSYBOX_IMAGE + "\nLABEL ponte.test/generation=" + generation + "\n");
        String id = engine.client().buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false).withRemove(true)
                .exec(new BuildImageResultCallback()).awaitImageId(2, TimeUnit.MINUTES);
        images.add(id);
        return id;
    }

    /** Build callbacks may give a short id; listings give the full one. */
    private static boolean sameImage(String listedId, String builtId) {
        return listedId.replace("sha256:", "").startsWith(builtId.replace("sha256:", ""));
    }

    private String network() {
        String name = EngineTestSupport.uniqueName("runnet");
        networks.add(name);
        String subnet = SubnetPicker.forThisHost().propose(engine, name, List.of(), TEST_LABELS, 16);
        engine.createNetwork(name, subnet, TEST_LABELS);
        return name;
    }

    private String container(String what) {
        String name = EngineTestSupport.uniqueName(what);
        containers.add(name);
        return name;
    }

    static Map<String, String> labels(String name) {
        Map<String, String> labels = new HashMap<>(TEST_LABELS);
        labels.put("created_by.gefyra.dev", "true");
        labels.put("bridge_id.gefyra.dev", name.substring(name.lastIndexOf('-') + 1));
        return labels;
    }

    static RunSpec spec(String name, String network, boolean autoRemove) {
        return new RunSpec(name, BUSYBOX_IMAGE, List.of(), Map.of(), labels(name), List.of(), network,
                List.of(Gefyra.STOWAWAY_IP), SEARCH, List.of(), autoRemove, 0, 0);
    }

    private static RunSpec withImage(RunSpec s, String image) {
        return new RunSpec(s.name(), image, s.command(), s.env(), s.labels(), s.mounts(), s.network(), s.dns(), s.dnsSearch(),
                s.ports(), s.autoRemove(), s.nanoCpus(), s.memoryBytes());
    }

    private String exec(String container, String... command) {
        ExecResult r = engine.exec(container, EXEC, command);
        assertEquals(0, r.exitCode(), Arrays.toString(command) + ": " + r.output());
        return r.output();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(EVENTS.toSeconds(), TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out after " + EVENTS.toSeconds() + " s waiting for " + what, e);
        }
    }
}
