package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.FaultWorld.APP;
import static dev.ponte.kube.gefyra.FaultWorld.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.kube.gefyra.FaultWorld.Fault;
import dev.ponte.kube.gefyra.FaultWorld.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault matrix: for every step of Connect, Run, Bridge, Unbridge and Disconnect, each fault that step can meet —
 * API 500, 429 with Retry-After, a request that times out, a reset connection, 403 (when the step talks to the API),
 * an engine error and the engine going away (when it talks to the engine) — injected while the step runs, through
 * the paths the window takes ({@link FaultWorld}). Each case checks the message the user sees (kind, title and
 * advice, never "something went wrong"), that the rollback ran (or, for a delete, that the retry the message offers
 * finishes it) and that nothing is left in the API, the engine, ~/.gefyra or the journal; after each case
 * Disconnect and uninstall must leave nothing at all. Steps and what they touch are found by a clean run first, so
 * new steps join the matrix by themselves. Prints {@code FIGURE fault matrix: N cases, leftovers: L}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {
    private static final Logger LOG = LoggerFactory.getLogger(FaultMatrixTest.class);

    enum Op { UP, RUN, BRIDGE, UNBRIDGE, DOWN }

    /** One step of an operation, and whether it talked to the API and the engine in the clean run. */
    record StepInfo(String name, boolean api, boolean engine) {
    }

    private FaultWorld world;
    private Path root;
    private final Map<Op, List<StepInfo>> steps = new LinkedHashMap<>();
    private final List<String> table = new CopyOnWriteArrayList<>();
    private final AtomicInteger cases = new AtomicInteger();
    private final AtomicInteger failedCases = new AtomicInteger();
    private final AtomicInteger tolerated = new AtomicInteger();
    private final List<String> leftovers = new CopyOnWriteArrayList<>();
    private int machines;

    @BeforeAll
    void world() throws Exception {
        root = Files.createTempDirectory("ponte-fault-matrix");
        world = new FaultWorld(root);
        // The clean run: which steps each operation has and what each talks to.
        try (Machine m = world.machine("clean")) {
            for (Op op : Op.values()) {
                prepare(m, op);
                Tap tap = new Tap(null, null);
                Outcome o = perform(m, op, tap);
                if (o.problem != null) {
                    throw new AssertionError(op + " fails without a fault: " + o.problem + "\n" + o.error);
                }
                steps.put(op, tap.seen());
                if (op == Op.DOWN) {
                    world.scrub();
                } else {
                    m.disconnect(true);
                }
            }
        }
        LOG.info("Steps: {}", steps);
    }

    @AfterAll
    void summary() throws IOException {
        String figure = "FIGURE fault matrix: " + cases.get() + " cases (" + failedCases.get() + " failed with a message, "
                + tolerated.get() + " tolerated the fault), leftovers: " + leftovers.size() + (leftovers.isEmpty() ? "" : " " + leftovers);
        LOG.info(figure);
        table.forEach(LOG::info);
        System.out.println(figure);
        world.close();
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyStepEveryFault() {
        List<DynamicTest> tests = new ArrayList<>();
        String only = System.getProperty("ponte.faults.only", ""); // e.g. "DOWN · Remove" to look at a few cases
        for (var e : steps.entrySet()) {
            for (StepInfo s : e.getValue()) {
                for (Fault f : Fault.values()) {
                    String name = e.getKey() + " · " + s.name() + " · " + f.words;
                    if ((f.api() ? s.api() : s.engine()) && name.contains(only)) {
                        tests.add(DynamicTest.dynamicTest(name, () -> runCase(e.getKey(), s.name(), f)));
                    }
                }
            }
        }
        return tests.stream();
    }

    // --- one case --------------------------------------------------------------------------------------------------

    private void runCase(Op op, String step, Fault fault) {
        world.armed = null;
        cases.incrementAndGet();
        String label = op + " · " + step + " · " + fault.words;
        try (Machine m = world.machine("case-" + ++machines)) {
            prepare(m, op);
            world.injected.set(0);
            Tap tap = new Tap(step, fault);
            Outcome o = perform(m, op, tap);
            world.armed = null;
            assertTrue(tap.fired, label + ": the step ran");
            assertTrue(world.injected.get() > 0, label + ": the fault was met");
            if (o.problem == null) {
                tolerated.incrementAndGet();
                table.add(label + " → tolerated (Ponte went on)");
            } else {
                failedCases.incrementAndGet();
                table.add(label + " → " + o.problem.kind() + ": " + o.problem.title() + " | " + o.problem.advice());
                assertMessage(label, fault, o.problem);
            }
            List<String> left = afterwards(m, op, o, label);
            if (!left.isEmpty()) {
                leftovers.add(label + ": " + left);
            }
            assertEquals(List.of(), left, label + ": left after the rollback");
            List<String> atEnd = teardown(m, op);
            if (!atEnd.isEmpty()) {
                leftovers.add(label + " (after Disconnect and uninstall): " + atEnd);
            }
            assertEquals(List.of(), atEnd, label + ": left after Disconnect and uninstall");
        } finally {
            world.armed = null;
            world.scrub();
        }
    }

    /**
     * The user's message for each fault: a title that names what happened, the fault's own words in it (the status,
     * the server's wait, "reset", the engine's message), advice; never "something went wrong". A Disconnect that could
     * not remove everything says so ("Some things could not be removed", with why, and "Press Disconnect again");
     * every other failure has the fault's kind.
     */
    private static void assertMessage(String label, Fault fault, Problem p) {
        assertNotNull(p.title(), label);
        assertFalse(p.title().isBlank() || p.advice().isBlank(), label + ": " + p);
        assertFalse(p.title().startsWith("Something went wrong"), label + ": " + p);
        String all = p.title() + " " + p.detail() + " " + p.advice();
        boolean words = switch (fault) {
            case API_500 -> all.contains("500");
            // The server's wait is said when its Status reaches Ponte (fabric8 drops the body of a refused watch upgrade).
            case API_429 -> all.contains("429") && (all.contains("wait " + FaultWorld.RETRY_AFTER + " s")
                    || p.advice().startsWith("Wait a moment"));
            case API_TIMEOUT -> all.contains("timed out") || all.contains("in time") || all.contains("504");
            case API_RESET -> all.contains("reset");
            case API_403 -> all.contains("403");
            case ENGINE_ERROR -> all.contains("iptables failed");
            case ENGINE_GONE -> all.contains("nothing answers");
        };
        assertTrue(words, label + ": the message names the fault: " + p);
        if (p.title().equals("Some things could not be removed")) {
            assertTrue(p.advice().startsWith("Press Disconnect again"), label + ": " + p);
            return;
        }
        Set<Problem.Kind> expected = switch (fault) {
            case API_500, API_429, ENGINE_ERROR -> EnumSet.of(Problem.Kind.SERVER_ERROR);
            case API_TIMEOUT -> EnumSet.of(Problem.Kind.TIMEOUT);
            case API_RESET, ENGINE_GONE -> EnumSet.of(Problem.Kind.UNREACHABLE);
            case API_403 -> EnumSet.of(Problem.Kind.FORBIDDEN);
        };
        assertTrue(expected.contains(p.kind()), label + ": expected " + expected + ", got " + p);
    }

    // --- operations as the window runs them ------------------------------------------------------------------------

    private record Outcome(Problem problem, Throwable error) {
    }

    /** Brings the machine to where {@code op} starts (clean operations, no faults). */
    private void prepare(Machine m, Op op) {
        world.armed = null;
        if (op == Op.UP) {
            return;
        }
        m.connect();
        assertTrue(m.snapshot().state().isUp(), "prepared connection: " + m.snapshot().headline() + " " + m.snapshot().problem());
        if (op == Op.RUN) {
            return;
        }
        try {
            m.runs.run(m.runRequest(), e -> { }).run(Progress.NONE, new CancellationToken());
            if (op == Op.BRIDGE) {
                return;
            }
            m.bridge(Progress.NONE);
        } catch (Exception e) {
            throw new AssertionError("preparing " + op + " failed", e);
        }
    }

    private Outcome perform(Machine m, Op op, Tap tap) {
        return switch (op) {
            case UP -> viaService(m, tap, () -> m.service.connect(CONTEXT));
            case DOWN -> viaService(m, tap, () -> m.service.disconnect(CONTEXT, false));
            case RUN -> viaGateway(tap, dev.ponte.ui.run.RunDialogViewModel::explain,
                    () -> m.runs.run(m.runRequest(), tap::event).run(tap.progress(), new CancellationToken()));
            case BRIDGE -> viaGateway(tap, dev.ponte.ui.bridge.BridgeWizardViewModel::explain, () -> m.bridge(tap.progress()));
            case UNBRIDGE -> viaGateway(tap, dev.ponte.core.run.LocalService::explainUnbridge, () -> {
                Bridge b = m.bridgesInCluster().getFirst();
                return m.runs.unbridge(m.connection(), b.name(), b.mount(), true).run(tap.progress(), new CancellationToken());
            });
        };
    }

    /** Connect and Disconnect: the connection service's command, its steps seen in its snapshots, its problem shown. */
    private Outcome viaService(Machine m, Tap tap, Runnable command) {
        ConnectionSnapshot before = m.service.snapshot().of(CONTEXT).orElse(null);
        Subscription s = m.service.subscribe(all -> all.of(CONTEXT).ifPresent(c -> tap.snapshot(c.steps())));
        try {
            command.run();
            m.settle();
        } finally {
            s.close();
            tap.end();
        }
        ConnectionSnapshot after = m.snapshot();
        Problem shown = after.problem() != null && (before == null || after.problem() != before.problem()) ? after.problem() : null;
        return new Outcome(shown, null);
    }

    private interface Call {
        Object run() throws Exception;
    }

    /** Run, Bridge and Unbridge: the gateway's operation as the dialog, wizard and list run it, explained by their own words. */
    private Outcome viaGateway(Tap tap, java.util.function.Function<Throwable, Problem> shown, Call call) {
        try {
            call.run();
            return new Outcome(null, null);
        } catch (Exception e) {
            return new Outcome(shown.apply(e), e);
        } finally {
            tap.end();
        }
    }

    // --- after the fault: what the rollback (or the retry offered) leaves -------------------------------------------

    private List<String> afterwards(Machine m, Op op, Outcome o, String label) {
        return switch (op) {
            case UP -> {
                if (o.problem != null) {
                    ConnectionSnapshot c = m.snapshot();
                    assertTrue(c.state() == ConnectionState.FAILED || c.state() == ConnectionState.NOT_CONNECTED,
                            label + ": " + c.state());
                    assertTrue(c.problem().advice().startsWith("Ponte removed what this attempt created")
                                    || !c.problem().retryable(), label + ": the advice says what the rollback did: " + c.problem());
                    assertTrue(c.can(Action.CONNECT), label + ": Connect is on offer again");
                    yield m.awaitNothingLeft(true);
                }
                yield List.of();
            }
            case RUN -> {
                if (o.problem != null) {
                    yield opLeftovers(m, EnumSet.of(Journal.Kind.CONTAINER), true, false);
                }
                yield List.of();
            }
            case BRIDGE -> {
                if (o.problem != null) {
                    yield opLeftovers(m, EnumSet.of(Journal.Kind.MOUNT, Journal.Kind.BRIDGE), false, true);
                }
                yield List.of();
            }
            case UNBRIDGE -> {
                if (o.problem != null) {
                    // Nothing to roll back in a delete: the user presses Unbridge again and it finishes.
                    List<Bridge> left = m.bridgesInCluster();
                    if (!left.isEmpty()) {
                        try {
                            m.runs.unbridge(m.connection(), left.getFirst().name(), left.getFirst().mount(), true)
                                    .run(Progress.NONE, new CancellationToken());
                        } catch (Exception e) {
                            throw new AssertionError(label + ": Unbridge again failed", e);
                        }
                    } else if (!world.admin.mounts().isEmpty()) {
                        // the bridge went, its mount did not: the next Unbridge of it is not possible, Disconnect removes it
                        yield List.of();
                    }
                }
                yield opLeftovers(m, EnumSet.of(Journal.Kind.MOUNT, Journal.Kind.BRIDGE), false, true);
            }
            case DOWN -> {
                ConnectionSnapshot c = m.snapshot();
                if (o.problem != null) {
                    assertTrue(c.can(Action.DISCONNECT), label + ": Disconnect stays on offer: " + c.state());
                    m.disconnect(false); // what the message says: press Disconnect again
                    c = m.snapshot();
                }
                assertEquals(ConnectionState.NOT_CONNECTED, c.state(), label + ": " + c.problem());
                yield connectionLeftovers(m);
            }
        };
    }

    /** What one operation makes, still there: its journal entries, its container, its bridges and mounts. */
    private List<String> opLeftovers(Machine m, Set<Journal.Kind> kinds, boolean container, boolean bridges) {
        try {
            dev.ponte.core.task.Poll.until("the operation's parts to go", () -> opLeft(m, kinds, container, bridges).isEmpty()
                    ? Boolean.TRUE : null, java.time.Duration.ofSeconds(20), java.time.Duration.ofMillis(100), new CancellationToken());
        } catch (Exception e) {
            // listed below
        }
        return opLeft(m, kinds, container, bridges);
    }

    private List<String> opLeft(Machine m, Set<Journal.Kind> kinds, boolean container, boolean bridges) {
        List<String> left = new ArrayList<>();
        m.journal.entries().stream().filter(e -> kinds.contains(e.kind())).forEach(e -> left.add("journal: " + e.describe()));
        m.journal.running().forEach(r -> left.add("journal: running " + r.operation()));
        if (container) {
            synchronized (m.engine) {
                if (m.engine.containers.containsKey(APP)) {
                    left.add("engine: container " + APP);
                }
            }
        }
        if (bridges) {
            world.admin.bridges(Map.of()).forEach(b -> left.add("cluster: GefyraBridge " + b.name()));
            world.admin.mounts().forEach(b -> left.add("cluster: GefyraBridgeMount " + b.name()));
            var pods = world.cluster.client().pods().inNamespace("shop").list().getItems();
            pods.stream().filter(p -> p.getMetadata().getName().startsWith("api-7d9c5"))
                    .filter(p -> !p.getSpec().getContainers().getFirst().getImage().equals(BridgeTargets.IMAGE))
                    .forEach(p -> left.add("cluster: pod " + p.getMetadata().getName() + " not restored"));
        }
        return left;
    }

    /** A disconnected connection's parts: all but Gefyra's installation, which stays (as upstream's down leaves it). */
    private List<String> connectionLeftovers(Machine m) {
        List<String> all = m.awaitNothingLeftButInstall();
        return all;
    }

    /** Disconnect and uninstall (as the user would), then nothing may be left anywhere. */
    private List<String> teardown(Machine m, Op op) {
        ConnectionSnapshot c = m.snapshot();
        List<String> left;
        if (c.can(Action.UNINSTALL)) {
            m.disconnect(true);
            left = m.awaitNothingLeft(true);
        } else {
            // Disconnected already (Gefyra stays installed after a plain Disconnect, as upstream's down leaves it).
            left = new ArrayList<>(m.awaitNothingLeftButInstall());
            world.scrub();
            left.addAll(m.awaitNothingLeft(true));
        }
        world.scrub(); // waits until the namespace is gone, for the next case
        return left;
    }

    // --- watching an operation's steps and arming the fault ----------------------------------------------------------

    /** Follows the steps of one operation; arms the fault while the target step runs; counts what each step touched. */
    private final class Tap {
        private final String target;
        private final Fault fault;
        volatile boolean fired;
        private String current;
        private int api0;
        private int engine0;
        private final List<StepInfo> seen = new ArrayList<>();
        private final Map<String, StepEvent.State> states = new LinkedHashMap<>();

        Tap(String target, Fault fault) {
            this.target = target;
            this.fault = fault;
        }

        synchronized void started(String name) {
            if (name.equals(current)) {
                return;
            }
            ended();
            current = name;
            world.opThread = Thread.currentThread();
            api0 = world.apiCalls.get();
            engine0 = world.engineCalls.get();
            if (name.equals(target) && !fired) {
                fired = true;
                world.armed = fault;
            }
        }

        synchronized void ended() {
            if (current == null) {
                return;
            }
            seen.add(new StepInfo(current, world.apiCalls.get() > api0, world.engineCalls.get() > engine0));
            if (current.equals(target)) {
                world.armed = null;
            }
            current = null;
        }

        void event(StepEvent e) {
            if (e.state() == StepEvent.State.RUNNING) {
                started(e.name());
            } else if (e.state() != StepEvent.State.PENDING && e.name().equals(current)) {
                ended();
            }
        }

        synchronized void snapshot(List<StepEvent> events) {
            for (StepEvent e : events) {
                if (states.put(e.name(), e.state()) != e.state()) {
                    event(e);
                }
            }
        }

        /** For operations that report steps through Progress only: a new step ends the last; undoing ends it too. */
        Progress progress() {
            return new Progress() {
                @Override
                public void step(String name, int index, int total) {
                    started(name);
                }

                @Override
                public void message(String text) {
                }

                @Override
                public void undoing(int remaining, String what) {
                    ended();
                }
            };
        }

        synchronized void end() {
            ended();
            world.armed = null;
        }

        synchronized List<StepInfo> seen() {
            return List.copyOf(seen);
        }
    }
}
