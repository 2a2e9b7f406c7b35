package dev.ponte.core.setups;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Start setup": Connect the setup's context when it is not connected, Run its container (env-from read again now,
 * the values asked for at start added), then Bridge each workload to it — one step each, in a step list like
 * Connect's. When a step fails or the user cancels, what this start created is undone newest first (bridges, then
 * the container; a mount only when this start created it); the connection stays (Disconnect removes it).
 */
final class StartSetup implements Operation<String> {
    private static final Logger LOG = LoggerFactory.getLogger(StartSetup.class);
    static final Duration CONNECT_WAIT = Duration.ofMinutes(10);
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private final Setup setup;
    private final Map<String, String> asked;
    private final ConnectionService connections;
    private final RunBackend runs;
    private final Function<Connection, BridgeBackend> bridges;
    private final Consumer<StepEvent> listener;
    private final Clock clock;

    StartSetup(Setup setup, Map<String, String> asked, ConnectionService connections, RunBackend runs,
               Function<Connection, BridgeBackend> bridges, Consumer<StepEvent> listener, Clock clock) {
        this.setup = setup;
        this.asked = Map.copyOf(asked);
        this.connections = connections;
        this.runs = runs;
        this.bridges = bridges;
        this.listener = listener;
        this.clock = clock;
    }

    /** The step names, in order. */
    static List<String> stepNames(Setup s) {
        List<String> names = new ArrayList<>();
        names.add("Connect " + s.context());
        names.add("Run " + s.run().container());
        for (Setup.BridgeSpec b : s.bridges()) {
            names.add("Bridge " + b.title() + " → " + s.run().container());
        }
        return names;
    }

    private record Undo(String what, UndoAction action) {
    }

    @FunctionalInterface
    private interface UndoAction {
        void run() throws Exception;
    }

    @Override
    public String run(Progress progress, CancellationToken cancel) throws Exception {
        List<String> missing = setup.run().askAtStart().stream().filter(k -> !asked.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new PonteException(new Problem(Problem.Kind.REFUSED, "Values missing for " + setup.name(),
                    "The setup needs " + String.join(", ", missing) + ", which Ponte does not store (they look like secrets).",
                    "Type them in the Start setup dialog."));
        }
        List<String> names = stepNames(setup);
        Steps steps = new Steps(names, listener, progress, cancel, clock);
        Deque<Undo> undo = new ArrayDeque<>();
        try {
            Connection[] conn = new Connection[1];
            steps.run(names.get(0), step -> {
                ConnectionSnapshot c = connected(step, cancel);
                conn[0] = c.connection();
                return c.state() == ConnectionState.CONNECTED ? "connected as " + c.name() : c.headline();
            });
            steps.run(names.get(1), step -> {
                RunResult r = runs.run(request(conn[0]), e -> step.detail(e.name() + (e.detail().isEmpty() ? "" : ": " + e.detail())))
                        .run(progress, cancel);
                String name = r.container().name();
                undo.push(new Undo("remove container " + name, () -> runs.remove(conn[0], name).run(Progress.NONE, new CancellationToken())));
                return name + " runs at " + r.container().ip()
                        + (r.envProblems().isEmpty() ? "" : "; not copied: " + String.join("; ", r.envProblems()));
            });
            BridgeBackend backend = setup.bridges().isEmpty() ? null : bridges.apply(conn[0]);
            for (int i = 0; i < setup.bridges().size(); i++) {
                Setup.BridgeSpec b = setup.bridges().get(i);
                steps.run(names.get(2 + i), step -> {
                    boolean hadMount = backend.existingMount(b.namespace(), b.kind(), b.workload(), b.container()).isPresent();
                    Bridge made = backend.bridge(new BridgePlan(b.namespace(), b.kind(), b.workload(), b.container(), b.ports(),
                            setup.run().container(), b.rules()), new Progress() {
                        @Override
                        public void step(String name, int index, int total) {
                            step.detail(name);
                        }

                        @Override
                        public void message(String text) {
                            step.detail(text);
                        }
                    }, cancel);
                    undo.push(new Undo("remove bridge " + made.name() + (hadMount ? "" : " and its mount"),
                            () -> runs.unbridge(conn[0], made.name(), made.mount(), !hadMount).run(Progress.NONE, new CancellationToken())));
                    return made.name() + " active";
                });
            }
            cancel.throwIfCancelled(); // Cancel pressed while the last step finished anyway: undo, as asked
            return "Started " + setup.name() + ": " + setup.run().container() + " with "
                    + setup.bridges().size() + (setup.bridges().size() == 1 ? " bridge" : " bridges");
        } catch (Exception e) {
            steps.skipRest(cancel.isCancelled() ? "cancelled" : "not started: an earlier step failed");
            List<String> undone = new ArrayList<>();
            List<String> left = new ArrayList<>();
            int remaining = undo.size();
            while (!undo.isEmpty()) {
                Undo u = undo.pop();
                progress.undoing(remaining--, u.what());
                try {
                    u.action().run();
                    undone.add(u.what());
                } catch (Exception ex) {
                    left.add(u.what() + ": " + ErrorAdvice.explain(ex, "the cluster").detail());
                    LOG.warn("Undoing '{}' of setup {} failed", u.what(), setup.name(), ex);
                }
            }
            progress.undoing(0, "");
            if (cancel.isCancelled() || e instanceof CancellationException) {
                throw new OperationCancelledException(undone, left);
            }
            if (!left.isEmpty()) {
                throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "Start setup " + setup.name() + " failed",
                        ErrorAdvice.explain(e, "the cluster").detail() + " Could not undo: " + String.join("; ", left),
                        "Remove what is left from the local containers list (Remove, Unbridge)."), e);
            }
            throw e;
        }
    }

    /** The setup's context connected: as it is, or after a Connect this start asks for (and waits on). */
    private ConnectionSnapshot connected(Steps.Step step, CancellationToken cancel) throws Exception {
        String ctx = setup.context();
        ConnectionSnapshot now = connections.snapshot().of(ctx).orElse(null);
        if (now != null && now.state().isUp() && now.connection() != null) {
            return now;
        }
        CompletableFuture<ConnectionSnapshot> done = new CompletableFuture<>();
        boolean[] started = {false};
        Subscription sub = connections.subscribe(s -> s.of(ctx).ifPresent(c -> {
            if (c.state().isUp() && c.connection() != null) {
                done.complete(c);
            } else if (started[0] && (c.state() == ConnectionState.FAILED || c.state() == ConnectionState.NOT_CONNECTED)) {
                done.completeExceptionally(c.problem() != null ? new PonteException(c.problem())
                        : new PonteException(new Problem(Problem.Kind.UNKNOWN, "Connect " + ctx + " did not finish",
                        c.headline(), "Connect it from its panel, then start the setup again.")));
            } else if (c.state().isBusy()) {
                step.detail(c.headline());
            }
        }));
        try {
            connections.show(ctx);
            step.detail("connecting " + ctx);
            started[0] = true;
            connections.connect(ctx);
            // Registered after Connect started: a Cancel that came earlier (even before this step's body ran) runs
            // now and cancels that Connect, instead of finding nothing to cancel and leaving a Connect running.
            cancel.onCancel(() -> {
                if (!done.isDone()) { // only the Connect this start is waiting for
                    connections.cancel(ctx);
                    done.completeExceptionally(new CancellationException("cancelled"));
                }
            });
            // The subscription completes it; a Connect that ran inline has already. One that did not start says why.
            ConnectionSnapshot after = connections.snapshot().of(ctx).orElse(null);
            if (after != null && after.state().isUp() && after.connection() != null) {
                done.complete(after);
            } else if (after == null || (!after.state().isBusy() && !done.isDone())) {
                throw new PonteException(new Problem(Problem.Kind.REFUSED, "Connect " + ctx + " could not start",
                        "The connection is " + (after == null ? "unknown" : after.headline()) + ".",
                        after != null && after.can(ConnectionSnapshot.Action.CLEAN_UP)
                                ? "Resume or clean up what is left in its panel, then start the setup again."
                                : "Wait until Ponte has looked at the context, then start the setup again."));
            }
            return done.get(CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new PonteException(new Problem(Problem.Kind.TIMEOUT, "Connect " + ctx + " took too long",
                    "It did not finish within " + CONNECT_WAIT.toMinutes() + " minutes.", "Look at the connection panel."), e);
        } finally {
            sub.close();
        }
    }

    private RunRequest request(Connection conn) {
        Setup.Run r = setup.run();
        Map<String, String> env = new LinkedHashMap<>(r.env());
        r.askAtStart().forEach(k -> env.put(k, asked.get(k)));
        return new RunRequest(conn, r.container(), r.image(), r.command(), r.namespace(), env,
                r.envFrom() == null ? null : new RunRequest.EnvFrom(r.envFrom().namespace(), r.envFrom().kind(),
                        r.envFrom().workload(), r.envFrom().container()),
                r.volumes().stream().map(v -> new ContainerEngine.Mount(v.source(), v.target(), v.readOnly())).toList(),
                r.ports().stream().map(p -> new ContainerEngine.PortBinding(p.hostIp(), p.hostPort(), p.containerPort(),
                        p.protocol())).toList(), r.autoRemove(), r.nanoCpus(), r.memoryBytes(), RUN_TIMEOUT);
    }
}
