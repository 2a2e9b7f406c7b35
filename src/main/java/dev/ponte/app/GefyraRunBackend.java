package dev.ponte.app;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.LocalContainers;
import dev.ponte.core.run.RunService;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.StepEvent;
import dev.ponte.ui.run.RunBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Run, the local-containers list and the bridge watch on the real adapters. Each call opens the
 * engine and the connection's cluster session for its own duration; watches keep theirs until closed.
 */
final class GefyraRunBackend implements RunBackend {

    private final ClusterConnector connector;
    private final Function<String, KubeContext> contexts;
    private final Supplier<ContainerEngine> engines;
    private final Supplier<Connection> current;
    private final Clock clock;

    /**
     * @param contexts finds a kube context by name (fails with advice when it is gone)
     * @param current  the connection of the selected context, or null
     */
    GefyraRunBackend(ClusterConnector connector, Function<String, KubeContext> contexts, Supplier<ContainerEngine> engines,
                     Supplier<Connection> current, Clock clock) {
        this.connector = connector;
        this.contexts = contexts;
        this.engines = engines;
        this.current = current;
        this.clock = clock;
    }

    @Override
    public List<LocalContainer> localContainers(Connection connection) {
        try (ContainerEngine engine = engines.get()) {
            return LocalContainers.of(engine, connection);
        }
    }

    @Override
    public Subscription watchEngine(Runnable onChange, Consumer<Throwable> onError) {
        ContainerEngine engine = engines.get();
        Set<String> relevant = Set.of("create", "start", "restart", "die", "stop", "kill", "destroy", "rename", "pause",
                "unpause", "connect", "disconnect");
        Subscription events = engine.events(e -> {
            if (relevant.contains(e.action())) {
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
        try (ContainerEngine engine = engines.get()) {
            return engine.images();
        }
    }

    @Override
    public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        try (ClusterSession session = session(required())) {
            return session.inspector().describe(namespace, kind, name);
        }
    }

    @Override
    public Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps) {
        return (progress, cancel) -> {
            try (ClusterSession session = session(request.connection()); ContainerEngine engine = engines.get()) {
                return service(engine, session).run(request, steps).run(progress, cancel);
            }
        };
    }

    @Override
    public void stop(String container, Duration grace) {
        try (ContainerEngine engine = engines.get()) {
            engine.stop(container, grace);
        }
    }

    @Override
    public List<String> restart(Connection connection, String container, Duration grace) {
        try (ContainerEngine engine = engines.get(); ClusterSession session = session(connection)) {
            return service(engine, session).restart(connection, container, grace);
        }
    }

    @Override
    public Operation<List<String>> remove(Connection connection, String container) {
        return (progress, cancel) -> {
            try (ClusterSession session = session(connection); ContainerEngine engine = engines.get()) {
                return service(engine, session).remove(connection, container).run(progress, cancel);
            }
        };
    }

    @Override
    public Operation<List<String>> unbridge(Connection connection, String bridge, String mount, boolean removeMount) {
        return (progress, cancel) -> {
            try (ClusterSession session = session(connection)) {
                return new dev.ponte.core.lifecycle.UnbridgeOperation(session.gefyra(), bridge, mount, removeMount,
                        RunService.DELETE_TIMEOUT).run(progress, cancel);
            }
        };
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

    private RunService service(ContainerEngine engine, ClusterSession session) {
        return new RunService(engine, session.gefyra(), session.inspector(), clock);
    }

    ClusterSession session(Connection connection) {
        if (connection.context() == null) {
            throw new PonteException(new Problem(Problem.Kind.KUBECONFIG, "Connection without a context",
                    "Connection " + connection.name() + " was made by another tool and does not name its kube context.",
                    "Disconnect it and connect again from Ponte."));
        }
        return connector.open(contexts.apply(connection.context()));
    }

    Connection required() {
        Connection c = current.get();
        if (c == null) {
            throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "Not connected",
                    "Run and Bridge need a connection to the selected cluster.", "Press Connect first."));
        }
        return c;
    }

    /** Gives the engine to callers that run core operations on it. */
    ContainerEngine engine() {
        return engines.get();
    }

    Clock clock() {
        return clock;
    }

}
