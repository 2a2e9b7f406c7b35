package dev.ponte.core.connections;

import dev.ponte.core.connections.Leftovers.Part;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes what an interrupted Run, Bridge or Unbridge left inside a connection that still stands — exactly those
 * parts: bridges first, then a mount only when this connection's client made it and no bridge uses it any more
 * (the operator restores the workload), then containers. Then checks that none of them is left.
 */
final class PartsCleanup implements Operation<List<String>> {
    static final String REMOVE = "Remove what was left";
    static final String VERIFY = "Check that nothing is left";

    private final Leftovers leftovers;
    private final ContainerEngine engine;
    private final GefyraCluster cluster;
    private final String clientId;
    private final Duration timeout;
    private final Consumer<StepEvent> steps;
    private final Clock clock;

    PartsCleanup(Leftovers leftovers, ContainerEngine engine, GefyraCluster cluster, String clientId, Duration timeout,
                 Consumer<StepEvent> steps, Clock clock) {
        this.leftovers = leftovers;
        this.engine = engine;
        this.cluster = cluster;
        this.clientId = clientId;
        this.timeout = timeout;
        this.steps = steps;
        this.clock = clock;
    }

    @Override
    public List<String> run(Progress progress, CancellationToken cancel) throws Exception {
        Steps s = new Steps(List.of(REMOVE, VERIFY), steps, progress, cancel, clock);
        List<String> removed = new ArrayList<>();
        s.run(REMOVE, step -> {
            for (Part p : of(Journal.Kind.BRIDGE)) {
                step.detail("deleting GefyraBridge " + p.name());
                cluster().deleteBridge(p.name(), timeout, cancel);
                removed.add(p.describe());
            }
            for (Part p : of(Journal.Kind.MOUNT)) {
                BridgeMount m = cluster().mount(p.name()).orElse(null);
                if (m != null && clientId != null && clientId.equals(m.createdBy())
                        && cluster().bridges(Map.of(RunLabels.BRIDGE_MOUNT, p.name())).isEmpty()) {
                    step.detail("deleting GefyraBridgeMount " + p.name() + "; the operator restores the workload");
                    cluster().deleteMount(p.name(), timeout, cancel);
                    removed.add(p.describe());
                }
            }
            for (Part p : of(Journal.Kind.CONTAINER)) {
                engine.remove(p.name());
                removed.add(p.describe());
            }
            for (Part p : of(Journal.Kind.FILE)) {
                Files.deleteIfExists(Path.of(p.where()).resolve(p.name()));
                removed.add(p.describe());
            }
            return removed.isEmpty() ? "nothing to remove" : removed.size() + " removed";
        });
        s.run(VERIFY, step -> {
            List<String> left = new ArrayList<>();
            for (Part p : of(Journal.Kind.BRIDGE)) {
                if (cluster().bridges(Map.of()).stream().anyMatch(b -> b.name().equals(p.name()))) {
                    left.add(p.describe());
                }
            }
            for (Part p : of(Journal.Kind.CONTAINER)) {
                if (engine.container(p.name()).isPresent()) {
                    left.add(p.describe());
                }
            }
            if (!left.isEmpty()) {
                throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "Some things could not be removed",
                        "Still there: " + String.join(", ", left) + ".", "Press Clean up again."));
            }
            return "nothing left";
        });
        return removed;
    }

    private List<Part> of(Journal.Kind kind) {
        return leftovers.parts().stream().filter(p -> p.kind() == kind).toList();
    }

    private GefyraCluster cluster() {
        if (cluster == null) {
            throw new PonteException(new Problem(Problem.Kind.UNREACHABLE, "The cluster cannot be reached",
                    "The leftovers include cluster objects, and the context's API server cannot be opened now.",
                    "Try Clean up again once the cluster answers."));
        }
        return cluster;
    }
}
