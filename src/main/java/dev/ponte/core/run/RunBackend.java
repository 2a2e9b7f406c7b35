package dev.ponte.core.run;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine.Image;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What Run, the local-containers list and the bridge state need from the engine and the clusters: {@link RunGateway}
 * on the real ports, in-memory fakes in tests. Blocking calls run on the task layer; subscriptions call back on
 * adapter threads.
 */
public interface RunBackend {
    /** Containers of the connection (running or not), Cargo excluded. */
    List<LocalContainer> localContainers(Connection connection);

    /** Engine events that may change the list; {@code onError} when the stream ends (engine restarted). */
    Subscription watchEngine(Runnable onChange, Consumer<Throwable> onError);

    /** Local images, newest first. */
    List<Image> images();

    /** The pod template of a workload in the connection's cluster: containers, images, ports, resources. */
    WorkloadDetail describe(Connection connection, String namespace, WorkloadKind kind, String name);

    Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps);

    void stop(String container, Duration grace);

    /** Restarts it, then routes it through Cargo again and re-points its bridges (it may have a new address). */
    List<String> restart(Connection connection, String container, Duration grace);

    /** Removes the container; this client's bridges that point at it are deleted first (upstream's {@code gefyra rm}). */
    Operation<List<String>> remove(Connection connection, String container);

    /** Deletes a bridge, and its mount too when {@code removeMount} and no other bridge uses it (the workload is restored). */
    Operation<List<String>> unbridge(Connection connection, String bridge, String mount, boolean removeMount);

    /** Mounts and bridges of the connection's cluster, live. */
    Subscription watchBridges(Connection connection, StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts);
}
