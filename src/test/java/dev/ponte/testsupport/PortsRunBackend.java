package dev.ponte.testsupport;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.UnbridgeOperation;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.LocalContainers;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.run.RunService;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.run.RunBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The run backend as the app wires it ({@code app.GefyraRunBackend}), on ports a test hands in (in-memory fakes,
 * the mock API server's adapter, a real engine) instead of a session and an engine opened per call.
 */
public class PortsRunBackend implements RunBackend {
    private final ContainerEngine engine;
    private final GefyraCluster cluster;
    private final WorkloadInspector inspector;
    private final RunService service;
    private final Duration deleteTimeout;

    public PortsRunBackend(ContainerEngine engine, GefyraCluster cluster, WorkloadInspector inspector, Duration deleteTimeout) {
        this.engine = engine;
        this.cluster = cluster;
        this.inspector = inspector;
        this.deleteTimeout = deleteTimeout;
        this.service = new RunService(engine, cluster, inspector, Clock.systemUTC());
    }

    @Override
    public List<LocalContainer> localContainers(Connection connection) {
        return LocalContainers.of(engine, connection);
    }

    @Override
    public Subscription watchEngine(Runnable onChange, Consumer<Throwable> onError) {
        return engine.events(e -> onChange.run(), onError);
    }

    @Override
    public List<ContainerEngine.Image> images() {
        return engine.images();
    }

    @Override
    public WorkloadInspector.WorkloadDetail describe(Connection connection, String namespace, WorkloadKind kind, String name) {
        return inspector.describe(namespace, kind, name);
    }

    @Override
    public Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps) {
        return service.run(request, steps);
    }

    @Override
    public void stop(String container, Duration grace) {
        engine.stop(container, grace);
    }

    @Override
    public List<String> restart(Connection connection, String container, Duration grace) {
        return service.restart(connection, container, grace);
    }

    @Override
    public Operation<List<String>> remove(Connection connection, String container) {
        return service.remove(connection, container);
    }

    @Override
    public Operation<List<String>> unbridge(Connection connection, String bridge, String mount, boolean removeMount) {
        return new UnbridgeOperation(cluster, bridge, mount, removeMount, deleteTimeout);
    }

    @Override
    public Subscription watchBridges(Connection connection, StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts) {
        return cluster.watchBridges(bridges, mounts);
    }
}
