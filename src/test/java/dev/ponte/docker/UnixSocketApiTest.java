package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UnixSocketApi} against a fake engine on a unix socket: each test scripts what the engine writes back. */
class UnixSocketApiTest {
    private static final String DOCKER_VERSION = "{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Components\":"
            + "[{\"Name\":\"Engine\",\"Version\":\"28.3.3\"},{\"Name\":\"containerd\"}],\"Version\":\"28.3.3\","
            + "\"ApiVersion\":\"1.51\",\"MinAPIVersion\":\"1.24\",\"Os\":\"linux\",\"Arch\":\"amd64\"}";
    private static final String PODMAN_VERSION = "{\"Platform\":{\"Name\":\"linux/amd64/ubuntu-24.04\"},\"Components\":"
            + "[{\"Name\":\"Podman Engine\",\"Version\":\"4.9.3\"}],\"Version\":\"4.9.3\",\"ApiVersion\":\"1.41\","
            + "\"Os\":\"linux\",\"Arch\":\"amd64\"}";

    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private final CountDownLatch release = new CountDownLatch(1);
    /** The request the fake engine read. */
    private final CompletableFuture<String> request = new CompletableFuture<>();

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    /** A fake engine that answers one request with {@code answer} (in {@code parts}), then closes unless told to hang. */
    private String engine(boolean closeAfter, String... parts) throws IOException {
        Path socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().start(() -> {
            try (SocketChannel c = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                StringBuilder got = new StringBuilder();
                while (!got.toString().contains("\r\n\r\n") && c.read(in) > 0) {
                    got.append(StandardCharsets.US_ASCII.decode(in.flip()));
                    in.clear();
                }
                request.complete(got.toString());
                for (String part : parts) {
                    c.write(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
                }
                if (!closeAfter) {
                    release.await(30, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException e) {
                request.completeExceptionally(e);
            }
        });
        return "unix://" + socket;
    }

    private static ContainerEngine.Info ping(String endpoint) {
        return UnixSocketApi.ping(endpoint, Duration.ofMillis(500), Duration.ofMillis(800));
    }

    @Test
    void readsDockersVersionWithContentLengthAndAsksForVersion() throws Exception {
        String endpoint = engine(false, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + DOCKER_VERSION.length() + "\r\n\r\n", DOCKER_VERSION);
        ContainerEngine.Info info = ping(endpoint);
        assertEquals(new ContainerEngine.Info(endpoint, EngineModels.DOCKER, "28.3.3", "1.51", "linux", "amd64"), info);
        String sent = request.get(5, TimeUnit.SECONDS);
        assertTrue(sent.startsWith("GET /version HTTP/1.1\r\n"), sent);
        assertTrue(sent.contains("\r\nHost: "), sent);
    }

    @Test
    void readsPodmansChunkedVersion() throws Exception {
        String first = PODMAN_VERSION.substring(0, 40);
        String rest = PODMAN_VERSION.substring(40);
        String endpoint = engine(false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                Integer.toHexString(first.length()) + "\r\n" + first + "\r\n",
                Integer.toHexString(rest.length()) + ";ext=1\r\n" + rest + "\r\n0\r\n\r\n");
        ContainerEngine.Info info = ping(endpoint);
        assertEquals(EngineModels.PODMAN, info.product());
        assertEquals("4.9.3", info.version());
        assertEquals("1.41", info.apiVersion());
    }

    @Test
    void readsABodyThatEndsWithTheConnection() throws Exception {
        String endpoint = engine(true, "HTTP/1.0 200 OK\r\n\r\n" + DOCKER_VERSION);
        assertEquals("28.3.3", ping(endpoint).version());
    }

    @Test
    void anErrorStatusIsTheEnginesOwnWords() throws Exception {
        String body = "{\"message\":\"the daemon is shutting down\"}";
        String endpoint = engine(true, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);
        PonteException e = assertThrows(PonteException.class, () -> ping(endpoint));
        assertEquals(Problem.Kind.SERVER_ERROR, e.problem().kind());
        assertTrue(e.problem().detail().contains("answered 500: the daemon is shutting down"), e.problem().detail());
    }

    @Test
    void anEngineThatAcceptsButNeverAnswersTimesOut() throws Exception {
        String endpoint = engine(false);
        long start = System.nanoTime();
        PonteException e = assertThrows(PonteException.class, () -> ping(endpoint));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Problem.Kind.TIMEOUT, e.problem().kind());
        assertTrue(ms >= 700 && ms < 5_000, "took " + ms + " ms");
    }

    @Test
    void anAnswerCutShortIsNotAVersion() throws Exception {
        String endpoint = engine(true, "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"Version\":");
        PonteException e = assertThrows(PonteException.class, () -> ping(endpoint));
        assertTrue(e.problem().detail().contains("ended after 11 of 500 bytes"), e.problem().detail());
    }

    @Test
    void somethingThatIsNotAnEngineSaysSo() throws Exception {
        String endpoint = engine(true, "SSH-2.0-OpenSSH_9.6\r\n\r\n");
        PonteException e = assertThrows(PonteException.class, () -> ping(endpoint));
        assertEquals(Problem.Kind.UNKNOWN, e.problem().kind()); // it answers, so it is not "not running"
        assertTrue(e.problem().detail().contains("not an HTTP answer: SSH-2.0-OpenSSH_9.6"), e.problem().detail());
    }

    @Test
    void noSocketIsAnEngineThatIsNotRunning() {
        String endpoint = "unix://" + dir.resolve("podman/podman.sock");
        PonteException e = assertThrows(PonteException.class, () -> ping(endpoint));
        assertEquals(Problem.Kind.UNREACHABLE, e.problem().kind());
        assertEquals("Podman is not running", e.problem().title());
    }

    @Test
    void aSocketNobodyListensOnIsNotRunningEither() throws Exception {
        Path stale = dir.resolve("docker.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        PonteException e = assertThrows(PonteException.class, () -> ping("unix://" + stale));
        assertEquals(Problem.Kind.UNREACHABLE, e.problem().kind());
        assertFalse(e.problem().detail().isBlank());
    }

    @Test
    void listsContainersByLabelWithTheirAddresses() throws Exception {
        String list = "[{\"Id\":\"c1\",\"Names\":[\"/gefyra-cargo-dev\"],\"Image\":\"cargo:2.5\",\"State\":\"running\","
                + "\"Labels\":{\"created-by\":\"ponte\",\"empty\":null},\"NetworkSettings\":{\"Networks\":"
                + "{\"gefyra-dev\":{\"IPAddress\":\"192.168.40.149\"},\"bridge\":{\"IPAddress\":\"\"}}}},"
                + "{\"Id\":\"c2\",\"Names\":[],\"Image\":\"app\",\"State\":\"created\",\"Labels\":null}]";
        String endpoint = engine(true, "HTTP/1.1 200 OK\r\nContent-Length: " + list.length() + "\r\n\r\n" + list);
        var found = UnixSocketApi.containers(endpoint, java.util.Map.of("gefyra.dev/role", "cargo"),
                Duration.ofMillis(500), Duration.ofMillis(800));
        assertEquals(java.util.List.of(
                new ContainerEngine.Container("c1", "gefyra-cargo-dev", "cargo:2.5", "running",
                        java.util.Map.of("created-by", "ponte"), java.util.Map.of("gefyra-dev", "192.168.40.149")),
                new ContainerEngine.Container("c2", "c2", "app", "created", java.util.Map.of(), java.util.Map.of())), found);
        String sent = request.get(5, TimeUnit.SECONDS);
        String target = sent.lines().findFirst().orElseThrow();
        assertEquals("GET /containers/json?all=1&filters="
                + java.net.URLEncoder.encode("{\"label\":[\"gefyra.dev/role=cargo\"]}", StandardCharsets.UTF_8)
                + " HTTP/1.1", target);
    }

    @Test
    void listsNetworksWithTheirSubnets() throws Exception {
        String list = "[{\"Name\":\"gefyra-dev\",\"Id\":\"n1\",\"IPAM\":{\"Config\":[{\"Subnet\":\"192.168.40.0/24\","
                + "\"Gateway\":\"192.168.40.1\"},{\"Gateway\":\"fe80::1\"}]},\"Labels\":{\"created-by\":\"ponte\"}},"
                + "{\"Name\":\"none\",\"Id\":\"n2\",\"IPAM\":{\"Config\":null},\"Labels\":{}}]";
        String endpoint = engine(true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(list.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + list + "\r\n0\r\n\r\n");
        var found = UnixSocketApi.networks(endpoint, Duration.ofMillis(500), Duration.ofMillis(800));
        assertEquals(java.util.List.of(
                new ContainerEngine.Network("n1", "gefyra-dev", java.util.List.of("192.168.40.0/24"),
                        java.util.Map.of("created-by", "ponte")),
                new ContainerEngine.Network("n2", "none", java.util.List.of(), java.util.Map.of())), found);
        assertTrue(request.get(5, TimeUnit.SECONDS).startsWith("GET /networks HTTP/1.1\r\n"));
    }

    @Test
    void aListThatIsNotAListIsAnError() throws Exception {
        String endpoint = engine(true, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        PonteException e = assertThrows(PonteException.class,
                () -> UnixSocketApi.networks(endpoint, Duration.ofMillis(500), Duration.ofMillis(800)));
        assertEquals("The container engine failed", e.problem().title());
        assertTrue(e.problem().detail().contains("Could not list networks: the engine's answer is not a list"),
                e.problem().detail());
    }

    @Test
    void onlyUnixSocketsAreForThePing() {
        assertTrue(UnixSocketApi.handles("unix:///var/run/docker.sock"));
        assertFalse(UnixSocketApi.handles("tcp://10.0.0.5:2376"));
        assertFalse(UnixSocketApi.handles("npipe:////./pipe/docker_engine"));
    }
}
