package dev.ponte.core.run;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Run, Restart and Remove of the connection's local containers on one engine and one
 * cluster: what the local-containers list and the Run dialog do, in one place for the app's
 * backend and the tests' backends. Blocking; called from the task layer.
 */
public final class RunService {
    /** How long a bridge or mount deletion may take (the operator restores the workload meanwhile). */
    public static final Duration DELETE_TIMEOUT = Duration.ofMinutes(2);

    private final ContainerEngine engine;
    private final GefyraCluster cluster;
    private final WorkloadInspector inspector;
    private final Clock clock;

    public RunService(ContainerEngine engine, GefyraCluster cluster, WorkloadInspector inspector, Clock clock) {
        this.engine = engine;
        this.cluster = cluster;
        this.inspector = inspector;
        this.clock = clock;
    }

    public Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps) {
        return new RunOperation(request, engine, cluster, inspector, steps, clock);
    }

    /** Restarts the container, then routes it through Cargo again and re-points its bridges ({@link Reattach}). */
    public List<String> restart(Connection connection, String container, Duration grace) {
        engine.restart(container, grace);
        return Reattach.run(engine, cluster, connection, container);
    }

    /** Upstream's {@code gefyra rm}: this client's bridges to the container (by name or address) go first, then the container. */
    public Operation<List<String>> remove(Connection connection, String container) {
        return (progress, cancel) -> {
            List<String> removed = new ArrayList<>();
            Optional<String> ip = engine.inspect(container).map(d -> d.ips().get(connection.networkName()));
            for (Bridge b : cluster.bridges(Map.of(RunLabels.BRIDGE_CLIENT, connection.clientId()))) {
                boolean byName = container.equals(b.clientContainer());
                boolean byIp = ip.isPresent() && ip.get() != null && ip.get().equals(b.destinationIp());
                if (byName || byIp) {
                    progress.message("Deleting bridge " + b.name());
                    cluster.deleteBridge(b.name(), DELETE_TIMEOUT, cancel);
                    removed.add(b.name());
                }
            }
            engine.remove(container);
            return removed;
        };
    }
}
