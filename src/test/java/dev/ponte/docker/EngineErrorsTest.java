package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error translation, with no engine needed (sockets are made and left unanswered here). */
class EngineErrorsTest {
    private static final String EP = "unix:///var/run/docker.sock";

    @Test
    void missingSocketSaysTheEngineIsNotRunningAndKeepsTheJdkCause(@TempDir Path dir) {
        String endpoint = "unix://" + dir.resolve("docker.sock");
        try (DockerEngine engine = DockerEngine.open(endpoint, Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            PonteException e = assertThrows(PonteException.class, engine::info);
            assertEquals(Problem.Kind.UNREACHABLE, e.problem().kind());
            assertEquals("Docker is not running", e.problem().title());
            assertTrue(e.problem().detail().contains(dir.resolve("docker.sock").toString()), e.problem().detail());
            assertTrue(e.problem().advice().contains("systemctl start docker"), e.problem().advice());
            assertTrue(hasCause(e, IOException.class), "the JDK's IOException stays in the chain");
            assertSame(e.problem(), ErrorAdvice.explain(e, "the container engine"), "ErrorAdvice uses it as is");
        }
    }

    @Test
    void socketNobodyListensOnIsConnectionRefused(@TempDir Path dir) throws IOException {
        Path sock = dir.resolve("podman.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
        } // closed: the file stays, nothing listens
        try (DockerEngine engine = DockerEngine.open("unix://" + sock, Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            PonteException e = assertThrows(PonteException.class, engine::networks);
            assertEquals("Podman is not running", e.problem().title());
            assertTrue(e.problem().detail().toLowerCase().contains("refused"), e.problem().detail());
            assertTrue(e.problem().advice().contains("podman"), e.problem().advice());
            assertTrue(hasCause(e, java.net.SocketException.class));
        }
    }

    @Test
    void socketThatAcceptsButNeverAnswersTimesOut(@TempDir Path dir) throws IOException {
        Path sock = dir.resolve("stuck.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock)); // the kernel accepts into the backlog; nobody reads
            try (DockerEngine engine = DockerEngine.open("unix://" + sock, Duration.ofSeconds(1), Duration.ofMillis(500))) {
                PonteException e = assertThrows(PonteException.class, engine::info);
                assertEquals(Problem.Kind.TIMEOUT, e.problem().kind());
                assertTrue(hasCause(e, SocketTimeoutException.class));
                assertFalse(Thread.currentThread().isInterrupted(), "the deadline's interrupt does not leak to the caller");
            }
        }
    }

    @Test
    void aCallerThatIsInterruptedGetsCancelledNotEngineDown(@TempDir Path dir) throws IOException {
        Path sock = dir.resolve("stuck.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            try (DockerEngine engine = DockerEngine.open("unix://" + sock, Duration.ofSeconds(1), Duration.ofSeconds(30))) {
                Thread.currentThread().interrupt(); // the task layer cancelled this work
                PonteException e = assertThrows(PonteException.class, engine::info);
                assertEquals(Problem.Kind.CANCELLED, e.problem().kind(), e.problem().detail());
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void engineStatusesKeepTheEnginesOwnWords() {
        PonteException conflict = EngineErrors.translate(new ConflictException(
                "Status 409: {\"message\":\"network with name gefyra-network-default already exists\"}\n"), EP, "create the network");
        assertEquals(Problem.Kind.UNKNOWN, conflict.problem().kind());
        assertTrue(conflict.problem().detail().endsWith("answered 409: network with name gefyra-network-default already exists"),
                conflict.problem().detail());

        PonteException caps = EngineErrors.translate(new InternalServerErrorException("Status 500: {\"message\":\"failed to create"
                + " shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply"
                + " caps: operation not permitted: unknown\"}"), EP, "start the container gefyra-cargo-default");
        assertEquals(Problem.Kind.SERVER_ERROR, caps.problem().kind());
        assertTrue(caps.problem().detail().contains("unable to apply caps"));
        assertTrue(dev.ponte.core.gefyra.CargoSpec.privilegeRefused(caps));

        assertEquals(Problem.Kind.NOT_FOUND,
                EngineErrors.translate(new NotFoundException("Status 404: {\"message\":\"No such image\"}"), EP, "x").problem().kind());
    }

    @Test
    void permissionDeniedAdvisesTheDockerGroup() {
        PonteException e = EngineErrors.translate(new RuntimeException(new java.net.SocketException("Permission denied")), EP, "list");
        assertEquals(Problem.Kind.FORBIDDEN, e.problem().kind());
        assertTrue(e.problem().advice().contains("usermod -aG docker"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            unix:///run/podman/podman.sock,                                   Podman
            unix:///run/user/1000/podman/podman.sock,                         Podman
            unix:///Users/me/.colima/default/docker.sock,                     Colima
            unix:///Users/me/.rd/docker.sock,                                 Rancher Desktop
            unix:///Users/me/.docker/run/docker.sock,                         Docker Desktop
            npipe:////./pipe/docker_engine,                                   Docker Desktop
            unix:///var/run/docker.sock,                                      Docker
            tcp://10.199.0.5:2375,                                            Docker
            """)
    void productIsGuessedFromTheEndpoint(String endpoint, String product) {
        assertEquals(product, EngineErrors.product(endpoint));
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
