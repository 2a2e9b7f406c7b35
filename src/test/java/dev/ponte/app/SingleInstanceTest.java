package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class SingleInstanceTest {
    @TempDir
    Path tmp;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<List<String>> requests = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private Path state() {
        return tmp.resolve("state");
    }

    private Path priv() {
        return tmp.resolve("private");
    }

    private SingleInstance primary() throws Exception {
        SingleInstance i = SingleInstance.start(state(), priv(), List.of());
        open.add(i);
        return i;
    }

    private List<String> next() throws InterruptedException {
        List<String> got = requests.poll(10, TimeUnit.SECONDS);
        assertNotNull(got, "no request arrived");
        return got;
    }

    @Test
    void aSecondStartHandsItsArgumentsToTheFirstAndMakesFilesAbsolute() throws Exception {
        primary().onRequest(requests::add);
        SingleInstance.HandedOver done = assertThrows(SingleInstance.HandedOver.class,
                () -> SingleInstance.start(state(), priv(), List.of("kube/extra.yaml", "/abs/other.yaml", "--verbose")));
        assertTrue(done.getMessage().startsWith("Ponte is already running (process " + ProcessHandle.current().pid() + ")"),
                done.getMessage());
        assertEquals(List.of(Path.of("kube/extra.yaml").toAbsolutePath().toString(), "/abs/other.yaml", "--verbose"), next());
        assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of()));
        assertEquals(List.of(), next(), "a plain second start still brings the window to the front");
    }

    @Test
    void requestsBeforeTheWindowIsReadyAreKeptInOrder() throws Exception {
        SingleInstance first = primary();
        assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of("/a.yaml")));
        assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of("/b.yaml")));
        first.onRequest(requests::add);
        assertEquals(List.of("/a.yaml"), next());
        assertEquals(List.of("/b.yaml"), next());
    }

    @Test
    void theLockFileIsOwnerOnlyAndTheSocketIsInAPrivateFolder() throws Exception {
        primary();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state().resolve("instance.lock"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv())));
        assertTrue(Files.exists(priv().resolve("instance.sock")));
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(state().resolve("instance.lock")));
    }

    @Test
    void afterTheFirstClosesTheNextStartIsTheOneInstance() throws Exception {
        SingleInstance first = SingleInstance.start(state(), priv(), List.of());
        first.close();
        assertFalse(Files.exists(priv().resolve("instance.sock")));
        SingleInstance second = primary();
        second.onRequest(requests::add);
        assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of("/x.yaml")));
        assertEquals(List.of("/x.yaml"), next());
    }

    @Test
    void aSocketLeftByAKilledPonteIsReplaced() throws Exception {
        Files.createDirectories(priv());
        Files.setPosixFilePermissions(priv(), PosixFilePermissions.fromString("rwx------"));
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(priv().resolve("instance.sock")));
        } // closed, the file stays: nobody listens
        assertTrue(Files.exists(priv().resolve("instance.sock")));
        primary().onRequest(requests::add);
        assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of("/y.yaml")));
        assertEquals(List.of("/y.yaml"), next());
    }

    @Test
    void aRunningPonteThatDoesNotAnswerIsNamedAfterTheWait() throws Exception {
        Files.createDirectories(state());
        try (FileChannel held = FileChannel.open(state().resolve("instance.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var lock = held.lock()) {
            held.write(java.nio.ByteBuffer.wrap("4242\n".getBytes(StandardCharsets.US_ASCII)), 0);
            IOException e = assertThrows(IOException.class,
                    () -> SingleInstance.start(state(), priv(), List.of(), Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("Ponte is already running (process 4242) but did not answer"), e.getMessage());
            assertTrue(e.getMessage().contains("Close it (or end that process), then start Ponte again."), e.getMessage());
        }
    }

    @Test
    void whatIsNotARequestIsIgnoredAndTheInstanceKeepsServing() throws Exception {
        primary().onRequest(requests::add);
        Path socket = priv().resolve("instance.sock");
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            c.write(java.nio.ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
            out.writeUTF(InstanceRequests.MAGIC);
            out.writeInt(1_000_000);
            out.flush();
        }
        assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of("/z.yaml")));
        assertEquals(List.of("/z.yaml"), next());
        assertTrue(requests.isEmpty(), "nothing from the bad requests: " + requests);
    }

    @Test
    void anotherProcessHandsItsArgumentsOverAndTakesOverWhenTheFirstIsKilled() throws Exception {
        primary().onRequest(requests::add);
        Process child = probe("hand-over", "relative/extra.yaml").start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the second process exited");
        assertEquals(0, child.exitValue(), new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(tmp.resolve("relative/extra.yaml").toString()), next(), "absolute against the child's folder");
    }

    @Test
    void aProcessHoldingTheLockGetsThisStartsArgumentsAndItsDeathFreesTheLock() throws Exception {
        Process first = probe("primary").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("READY", out.readLine());
            assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of("/from/test.yaml")));
            assertEquals("GOT\t/from/test.yaml", out.readLine());
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(priv().resolve("instance.sock")), "a killed process leaves its socket behind");
        primary().onRequest(requests::add); // the operating system released the lock
        assertThrows(SingleInstance.HandedOver.class, () -> SingleInstance.start(state(), priv(), List.of("/after.yaml")));
        assertEquals(List.of("/after.yaml"), next());
    }

    private ProcessBuilder probe(String mode, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), SingleInstanceProbe.class.getName(), mode,
                state().toString(), priv().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(tmp.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    }
}
