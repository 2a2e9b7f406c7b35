package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.ContainerEngine.EngineEvent;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event stream's ends, against a one-connection engine double on a unix socket: the engine ending the
 * stream (what a restarting engine does) and the connection breaking are one {@code onError} each; closing
 * the subscription closes the connection and reports nothing.
 */
class EngineEventsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String START = """
            {"status":"start","id":"c1","from":"app:dev","Type":"container","Action":"start","Actor":{"ID":"c1","Attributes":{"name":"app"}},"time":1}
            """;
    private static final String EXEC = """
            {"Type":"container","Action":"exec_start: ping -c 1 192.168.99.1","Actor":{"ID":"c2","Attributes":{"name":"gefyra-cargo-default"}}}
            """;
    private static final String CONNECT = """
            {"Type":"network","Action":"connect","Actor":{"ID":"n1","Attributes":{"container":"c1","name":"gefyra-network-default"}}}
            """;

    enum Ending { END, BREAK, HOLD }

    @Test
    void eventsArriveInOrderAndTheEngineEndingTheStreamIsOneError(@TempDir Path dir) throws Exception {
        EventLog log = new EventLog();
        try (EngineDouble engine = new EngineDouble(dir, Ending.END);
             DockerEngine docker = DockerEngine.open(engine.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5));
             Subscription ignored = docker.events(log::onEvent, log::onError)) {
            Throwable error = log.awaitError(DEADLINE);
            PonteException pe = assertInstanceOf(PonteException.class, error);
            assertEquals(Problem.Kind.UNREACHABLE, pe.problem().kind());
            assertEquals("The container engine stopped sending events", pe.problem().title());
            assertEquals(java.util.List.of(
                    new EngineEvent("container", "start", "c1", "app", java.util.Map.of("name", "app")),
                    new EngineEvent("network", "connect", "n1", "gefyra-network-default",
                            java.util.Map.of("container", "c1", "name", "gefyra-network-default"))),
                    log.events(), "exec noise is dropped");
            String request = engine.request.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            String decoded = URLDecoder.decode(request, StandardCharsets.UTF_8);
            assertTrue(decoded.startsWith("GET ") && decoded.contains("/events?filters="), decoded);
            assertTrue(decoded.contains("\"type\":[\"container\",\"network\"]"), decoded);
        }
    }

    @Test
    void aBrokenConnectionIsOneError(@TempDir Path dir) throws Exception {
        EventLog log = new EventLog();
        try (EngineDouble engine = new EngineDouble(dir, Ending.BREAK);
             DockerEngine docker = DockerEngine.open(engine.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5));
             Subscription ignored = docker.events(log::onEvent, log::onError)) {
            PonteException pe = assertInstanceOf(PonteException.class, log.awaitError(DEADLINE));
            assertTrue(pe.problem().retryable(), pe.problem().toString());
            assertEquals("app", log.events().getFirst().name(), "what came before the break was delivered");
        }
    }

    @Test
    void closingTheSubscriptionClosesTheConnectionQuietly(@TempDir Path dir) throws Exception {
        EventLog log = new EventLog();
        try (EngineDouble engine = new EngineDouble(dir, Ending.HOLD);
             DockerEngine docker = DockerEngine.open(engine.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            Subscription s = docker.events(log::onEvent, log::onError);
            log.await("the first event", DEADLINE, EventLog.container("start", "app"));
            s.close();
            assertTrue(engine.clientClosed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the engine sees the connection close");
            s.close();
            assertNull(log.error(), "closing is not an error");
        }
    }

    @Test
    void anEngineThatIsNotThereIsAnErrorNotAnException(@TempDir Path dir) {
        EventLog log = new EventLog();
        try (DockerEngine docker = DockerEngine.open("unix://" + dir.resolve("absent.sock"), Duration.ofSeconds(1), Duration.ofSeconds(2));
             Subscription ignored = docker.events(log::onEvent, log::onError)) {
            PonteException pe = assertInstanceOf(PonteException.class, log.awaitError(DEADLINE));
            assertEquals(Problem.Kind.UNREACHABLE, pe.problem().kind(), pe.problem().toString());
        }
    }

    /** Answers one {@code GET /events} with three events, then ends, breaks or holds the stream. */
    private static final class EngineDouble implements AutoCloseable {
        final CompletableFuture<String> request = new CompletableFuture<>();
        final CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
        private final Path socket;
        private final ServerSocketChannel server;
        private final Thread thread;

        EngineDouble(Path dir, Ending ending) throws IOException {
            socket = dir.resolve("engine.sock");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            thread = Thread.ofPlatform().daemon().name("engine-double").start(() -> serve(ending));
        }

        String endpoint() {
            return "unix://" + socket;
        }

        private void serve(Ending ending) {
            try (SocketChannel c = server.accept()) {
                String head = readHead(c);
                request.complete(head.lines().findFirst().orElse(""));
                write(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (String event : new String[] {START, EXEC, CONNECT}) {
                    byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                    write(c, Integer.toHexString(bytes.length) + "\r\n" + event + "\r\n");
                }
                switch (ending) {
                    case END -> {
                        write(c, "0\r\n\r\n");
                        awaitClose(c);
                    }
                    case BREAK -> write(c, "40\r\n{\"Type\":\"contai"); // half a chunk, then the connection goes
                    case HOLD -> awaitClose(c);
                }
            } catch (IOException e) {
                request.completeExceptionally(e);
            }
        }

        private void awaitClose(SocketChannel c) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(256);
            while (c.read(b) >= 0) {
                b.clear();
            }
            clientClosed.complete(true);
        }

        private static String readHead(SocketChannel c) throws IOException {
            StringBuilder head = new StringBuilder();
            ByteBuffer b = ByteBuffer.allocate(1);
            while (!head.toString().endsWith("\r\n\r\n") && c.read(b) > 0) {
                head.append((char) b.get(0));
                b.clear();
            }
            return head.toString();
        }

        private static void write(SocketChannel c, String s) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                c.write(b);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
