package dev.ponte.core.run;

import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournaledCluster;
import dev.ponte.core.connections.JournaledEngine;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.UnbridgeOperation;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Run, the local-containers list and the bridge watch on the real ports: each call opens the engine and the
 * connection's cluster session for its own duration (watches keep theirs until closed), and every create or delete
 * goes through the {@link Journal}, with the operation recorded as running until it ends.
 */
public final class RunGateway implements RunBackend {
    /** Engine actions that may change the list. */
    static final Set<String> RELEVANT = Set.of("create", "start", "restart", "die", "stop", "kill", "destroy", "remove",
            "rename", "pause", "unpause", "connect", "disconnect");

    private final Engines engines;
    private final Clusters clusters;
    private final Journal journal;
    private final Clock clock;

    public RunGateway(Engines engines, Clusters clusters, Journal journal, Clock clock) {
        this.engines = engines;
        this.clusters = clusters;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public List<LocalContainer> localContainers(Connection connection) {
        try (ContainerEngine engine = engines.open()) {
            return LocalContainers.of(engine, connection);
        }
    }

    @Override
    public Subscription watchEngine(Runnable onChange, Consumer<Throwable> onError) {
        ContainerEngine engine = engines.open();
        Subscription events = engine.events(e -> {
            if (RELEVANT.contains(e.action())) {
                onChange.run();
            }
        }, onError);
        return () -> {
            events.close();
            engine.close();
        };
    }

    @Override
    public List<ContainerEngine.Image> images() {
        try (ContainerEngine engine = engines.open()) {
            return engine.images();
        }
    }

    @Override
    public WorkloadDetail describe(Connection connection, String namespace, WorkloadKind kind, String name) {
        try (ClusterSession session = session(connection)) {
            return session.inspector().describe(namespace, kind, name);
        }
    }

    @Override
    public Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps) {
        Connection conn = request.connection();
        return journaled(conn, "Run", (engine, session, op) ->
                (progress, cancel) -> service(engine, session, conn, op).run(request, steps).run(progress, cancel));
    }

    @Override
    public void stop(String container, Duration grace) {
        try (ContainerEngine engine = engines.open()) {
            engine.stop(container, grace);
        }
    }

    @Override
    public List<String> restart(Connection connection, String container, Duration grace) {
        try (ContainerEngine engine = engines.open(); ClusterSession session = session(connection)) {
            return new RunService(engine, session.gefyra(), session.inspector(), clock).restart(connection, container, grace);
        }
    }

    @Override
    public Operation<List<String>> remove(Connection connection, String container) {
        return journaled(connection, "Remove", (engine, session, op) ->
                (progress, cancel) -> service(engine, session, connection, op).remove(connection, container).run(progress, cancel));
    }

    @Override
    public Operation<List<String>> unbridge(Connection connection, String bridge, String mount, boolean removeMount) {
        return journaled(connection, "Unbridge", (engine, session, op) -> new UnbridgeOperation(
                new JournaledCluster(session.gefyra(), journal, connection.name(), connection.context(), op), bridge, mount,
                removeMount, RunService.DELETE_TIMEOUT));
    }

    @Override
    public Subscription watchBridges(Connection connection, StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts) {
        ClusterSession session = session(connection);
        try {
            Subscription watch = session.gefyra().watchBridges(bridges, mounts);
            return () -> {
                watch.close();
                session.close();
            };
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private interface Body<T> {
        Operation<T> make(ContainerEngine engine, ClusterSession session, String journalId) throws Exception;
    }

    /** Opens the engine and the session, records the operation as running, and ends it whatever happens. */
    private <T> Operation<T> journaled(Connection connection, String kind, Body<T> body) {
        return (progress, cancel) -> {
            try (ClusterSession session = session(connection); ContainerEngine engine = engines.open()) {
                String op = journal.started(connection.name(), connection.context(), kind);
                try {
                    return body.make(engine, session, op).run(progress, cancel);
                } finally {
                    journal.ended(op);
                }
            }
        };
    }

    private RunService service(ContainerEngine engine, ClusterSession session, Connection connection, String op) {
        String endpoint = engine.info().endpoint();
        return new RunService(new JournaledEngine(engine, journal, connection.name(), connection.context(), endpoint, op),
                new JournaledCluster(session.gefyra(), journal, connection.name(), connection.context(), op),
                session.inspector(), clock);
    }

    /** The connection's cluster session; fails with advice for a connection that names no context. */
    ClusterSession session(Connection connection) {
        if (connection.context() == null) {
            throw new PonteException(new Problem(Problem.Kind.KUBECONFIG, "Connection without a context",
                    "Connection " + connection.name() + " was made by another tool and does not name its kube context.",
                    "Disconnect it and connect again from Ponte."));
        }
        return clusters.open(connection.context());
    }

    Engines engines() {
        return engines;
    }

    Journal journal() {
        return journal;
    }

    Clock clock() {
        return clock;
    }
}
