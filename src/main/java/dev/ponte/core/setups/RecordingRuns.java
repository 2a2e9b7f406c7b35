package dev.ponte.core.setups;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine.Image;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link RunBackend} that tells {@code onRun} of every Run that succeeded, with the request it ran. */
final class RecordingRuns implements RunBackend {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRuns.class);
    private final RunBackend delegate;
    private final BiConsumer<Connection, RunRequest> onRun;

    RecordingRuns(RunBackend delegate, BiConsumer<Connection, RunRequest> onRun) {
        this.delegate = delegate;
        this.onRun = onRun;
    }

    @Override
    public Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps) {
        Operation<RunResult> op = delegate.run(request, steps);
        return (progress, cancel) -> {
            RunResult r = op.run(progress, cancel);
            try {
                onRun.accept(request.connection(), request);
            } catch (RuntimeException e) {
                LOG.warn("The run spec of {} was not kept for Save as setup…: {}", request.name(), e.getMessage());
            }
            return r;
        };
    }

    @Override
    public List<LocalContainer> localContainers(Connection connection) {
        return delegate.localContainers(connection);
    }

    @Override
    public Subscription watchEngine(Runnable onChange, Consumer<Throwable> onError) {
        return delegate.watchEngine(onChange, onError);
    }

    @Override
    public List<Image> images() {
        return delegate.images();
    }

    @Override
    public WorkloadDetail describe(Connection connection, String namespace, WorkloadKind kind, String name) {
        return delegate.describe(connection, namespace, kind, name);
    }

    @Override
    public void stop(String container, Duration grace) {
        delegate.stop(container, grace);
    }

    @Override
    public List<String> restart(Connection connection, String container, Duration grace) {
        return delegate.restart(connection, container, grace);
    }

    @Override
    public Operation<List<String>> remove(Connection connection, String container) {
        return delegate.remove(connection, container);
    }

    @Override
    public Operation<List<String>> unbridge(Connection connection, String bridge, String mount, boolean removeMount) {
        return delegate.unbridge(connection, bridge, mount, removeMount);
    }

    @Override
    public Subscription watchBridges(Connection connection, StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts) {
        return delegate.watchBridges(connection, bridges, mounts);
    }
}
