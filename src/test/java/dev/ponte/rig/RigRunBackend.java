package dev.ponte.rig;

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
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import dev.ponte.ui.run.RunBackend;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local-containers view's backend on the rig: the real engine (its event stream included) and the real fabric8
 * adapter's bridge watch, as the app wires them; the operations the rig tests run themselves are not offered here.
 */
final class RigRunBackend implements RunBackend {
    private final ContainerEngine engine;
    private final GefyraCluster gefyra;
    private final WorkloadInspector inspector;

    RigRunBackend(ContainerEngine engine, GefyraCluster gefyra, WorkloadInspector inspector) {
        this.engine = engine;
        this.gefyra = gefyra;
        this.inspector = inspector;
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
    public WorkloadInspector.WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        return inspector.describe(namespace, kind, name);
    }

    @Override
    public Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps) {
        throw new UnsupportedOperationException("the rig test runs RunOperation itself");
    }

    @Override
    public void stop(String container, Duration grace) {
        engine.stop(container, grace);
    }

    @Override
    public List<String> restart(Connection connection, String container, Duration grace) {
        throw new UnsupportedOperationException("the rig tests do not restart containers");
    }

    @Override
    public Operation<List<String>> remove(Connection connection, String container) {
        throw new UnsupportedOperationException("the rig test removes the container through the engine");
    }

    @Override
    public Operation<List<String>> unbridge(Connection connection, String bridge, String mount, boolean removeMount) {
        return new UnbridgeOperation(gefyra, bridge, mount, removeMount, Duration.ofSeconds(30));
    }

    @Override
    public Subscription watchBridges(Connection connection, StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts) {
        return gefyra.watchBridges(bridges, mounts);
    }
}
