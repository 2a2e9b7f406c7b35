package dev.ponte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during up, run and bridge: the operation is cancelled as the window's Cancel cancels it, undoes what it made,
 * the command says what was undone and exits 130, and nothing of it is left in the cluster, the engine or the journal.
 * (The real process gets Ctrl-C through its shutdown hook, which calls {@link Interrupts#fire} as these tests do.)
 */
class CliInterruptTest {
    @TempDir
    Path home;
    private CliRig rig;

    @BeforeEach
    void start() {
        rig = new CliRig(home);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private static void waitFor(String what, BooleanSupplier condition, CliRig.Running running) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end || running.code().isDone()) {
                throw new AssertionError("no " + what + "; so far:\n" + running.err() + running.out());
            }
            Thread.sleep(20); // polls output another thread writes; the condition, not the sleep, decides
        }
    }

    @Test
    void ctrlCDuringUpUndoesTheConnectAndLeavesNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        rig.gefyra.engine.beforeCall = call -> {
            if (call.equals("create")) { // Cargo's creation, in step 6 (step 1 already makes throw-away networks)
                await(release);
            }
        };
        Interrupts ctrlC = new Interrupts();
        CliRig.Running up = rig.start(ctrlC, "up", "--context", "kind-dev");
        waitFor("step 6", () -> up.err().toString().contains("[6/8] Start Cargo …"), up);
        ctrlC.fire();
        release.countDown();
        CliRig.Result r = up.await();
        rig.gefyra.engine.beforeCall = call -> { };
        assertEquals(ExitCode.INTERRUPTED, r.code(), r.toString());
        assertTrue(r.err().contains("Cancelling — undoing what this attempt made"), r.err());
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("Cancelled. Undone: ") && last.contains("GefyraClient") && last.contains("network"), r.err());
        assertNothingLeft();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void ctrlCDuringRunRemovesTheContainer() throws Exception {
        assertEquals(0, rig.run("up", "--context", "kind-dev").code());
        CountDownLatch release = new CountDownLatch(1);
        rig.gefyra.engine.beforeCall = call -> {
            if (call.equals("start")) {
                await(release);
            }
        };
        Interrupts ctrlC = new Interrupts();
        CliRig.Running run = rig.start(ctrlC, "run", "-i", "busybox", "-N", "api-local");
        waitFor("the container's start", () -> run.err().toString().contains("[3/6] Start the container …"), run);
        ctrlC.fire();
        release.countDown();
        CliRig.Result r = run.await();
        rig.gefyra.engine.beforeCall = call -> { };
        assertEquals(ExitCode.INTERRUPTED, r.code(), r.toString());
        assertTrue(r.err().contains("Cancelled. Undone: container api-local."), r.err());
        assertTrue(rig.gefyra.engine.containers.keySet().stream().noneMatch(n -> n.equals("api-local")));
        assertEquals(0, rig.run("down").code());
        assertNothingLeft();
    }

    @Test
    void ctrlCDuringBridgeRemovesTheBridgeAndTheMountItMade() throws Exception {
        rig.gefyra.bridgeTarget();
        assertEquals(0, rig.run("up", "--context", "kind-dev").code());
        assertEquals(0, rig.run("run", "-i", "acme/api:dev", "-N", "api-local", "-n", "shop").code());
        rig.gefyra.operator.delayRequests("POST", ".*/gefyrabridges.*", Duration.ofSeconds(3), 1);
        Interrupts ctrlC = new Interrupts();
        CliRig.Running bridge = rig.start(ctrlC, "bridge", "create", "-l", "api-local", "-t", "deployment/api/web", "-n", "shop",
                "-p", "8080:8000", "--match-header-exact", "x-user:alice");
        waitFor("the bridge's creation", () -> bridge.err().toString().contains("[3/4] Create the bridge …"), bridge);
        ctrlC.fire();
        CliRig.Result r = bridge.await();
        assertEquals(ExitCode.INTERRUPTED, r.code(), r.toString());
        // The delayed create answered 504 (no bridge was made); the mount this attempt made is deleted again.
        assertTrue(r.err().contains("Cancelled. Undone: delete GefyraBridgeMount api-shop-"), r.err());
        assertEquals(List.of(), rig.gefyra.names("gefyrabridges"));
        assertEquals(List.of(), rig.gefyra.names("gefyrabridgemounts"));
        assertEquals(0, rig.run("down").code());
        assertNothingLeft();
    }

    private void assertNothingLeft() throws Exception {
        assertTrue(rig.gefyra.engine.containers.isEmpty(), "containers: " + rig.gefyra.engine.containers.keySet());
        assertTrue(rig.gefyra.engine.networks.isEmpty(), "networks: " + rig.gefyra.engine.networks.keySet());
        assertEquals(List.of(), rig.gefyra.names("gefyraclients"));
        if (Files.isDirectory(home.resolve(".gefyra"))) {
            try (var files = Files.list(home.resolve(".gefyra"))) {
                assertEquals(List.of(), files.toList());
            }
        }
        CliRig.Result clean = rig.run("clean");
        assertEquals("Nothing left over.\n", clean.out(), clean.toString());
    }
}
