package dev.ponte.core.bridge;

import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournaledCluster;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.BridgeOperation;
import dev.ponte.core.lifecycle.MountOperation;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.LocalContainers;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The bridge wizard's backend for one connection, on the real ports: the mount and the bridge are created through
 * the {@link Journal}, and the operation is recorded as running until it ends. The cluster session stays open until
 * the operation and its rollback are done: cancelling never closes what the rollback needs.
 */
public final class BridgeGateway implements BridgeBackend {
    /** Carrier2 replaces the container and the pods restart: longer than a plain API wait. */
    public static final Duration BRIDGE_TIMEOUT = Duration.ofMinutes(4);

    private final Engines engines;
    private final Clusters clusters;
    private final Journal journal;
    private final Clock clock;
    private final Connection connection;

    public BridgeGateway(Engines engines, Clusters clusters, Journal journal, Clock clock, Connection connection) {
        this.engines = engines;
        this.clusters = clusters;
        this.journal = journal;
        this.clock = clock;
        this.connection = connection;
    }

    @Override
    public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        try (ClusterSession session = clusters.open(connection.context())) {
            return session.inspector().describe(namespace, kind, name);
        }
    }

    @Override
    public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
        try (ClusterSession session = clusters.open(connection.context())) {
            return session.inspector().services(namespace, kind, name).stream()
                    .map(p -> new ServicePort(p.service(), p.port(), p.targetPort())).toList();
        }
    }

    @Override
    public List<LocalContainer> localContainers() {
        try (ContainerEngine engine = engines.open()) {
            return LocalContainers.of(engine, connection);
        }
    }

    @Override
    public Optional<BridgeMount> existingMount(String namespace, WorkloadKind kind, String name, String container) {
        try (ClusterSession session = clusters.open(connection.context())) {
            return BridgeOperation.findMount(session.gefyra().mounts(), namespace, kind, name)
                    .filter(m -> container.equals(m.targetContainer()));
        }
    }

    @Override
    public int bridgeCount(String mount) {
        try (ClusterSession session = clusters.open(connection.context())) {
            return session.gefyra().bridges(Map.of(RunLabels.BRIDGE_MOUNT, mount)).size();
        }
    }

    @Override
    public List<Bridge> bridgesOnMount(String mount) {
        try (ClusterSession session = clusters.open(connection.context())) {
            return session.gefyra().bridges(Map.of(RunLabels.BRIDGE_MOUNT, mount));
        }
    }

    @Override
    public List<TestRequestSender.Shot> sendTestRequests(dev.ponte.core.gefyra.MatchRules rules, String namespace,
                                                         WorkloadKind kind, String workload, int remotePort,
                                                         String localContainer, int localPort, boolean bridged,
                                                         CancellationToken cancel) {
        String ip = localContainers().stream().filter(c -> c.name().equals(localContainer)).map(LocalContainer::ip)
                .filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new PonteException(new dev.ponte.core.task.Problem(dev.ponte.core.task.Problem.Kind.REFUSED,
                        "Cannot send a test request", localContainer + " is not running on the connection's network.",
                        "Start it (or Run it again), then send the test request.")));
        try {
            return new TestRequestSender(engines, clusters, connection).send(rules, namespace, kind, workload, remotePort, ip,
                    localPort, bridged).run(Progress.NONE, cancel);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PonteException(ErrorAdvice.explain(e, "the cluster"), e);
        }
    }

    @Override
    public Bridge bridge(BridgePlan plan, Progress progress, CancellationToken cancel) {
        return bridge(plan, progress, cancel, step -> { });
    }

    /** {@link #bridge(BridgePlan, Progress, CancellationToken)} that also reports each step's state (the command line's lines). */
    public Bridge bridge(BridgePlan plan, Progress progress, CancellationToken cancel, Consumer<StepEvent> steps) {
        try (ClusterSession session = clusters.open(connection.context()); ContainerEngine engine = engines.open()) {
            String op = journal.started(connection.name(), connection.context(), "Bridge");
            try {
                return new BridgeOperation(plan, connection,
                        new JournaledCluster(session.gefyra(), journal, connection.name(), connection.context(), op), engine,
                        session.inspector(), BRIDGE_TIMEOUT, steps, clock).run(progress, cancel);
            } finally {
                journal.ended(op);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PonteException(ErrorAdvice.explain(e, "the cluster"), e);
        }
    }

    /** Every GefyraBridgeMount in the connection's cluster (every user's). */
    public List<BridgeMount> mounts() {
        try (ClusterSession session = clusters.open(connection.context())) {
            return session.gefyra().mounts();
        }
    }

    /** This machine's bridges in the connection's cluster (label {@code gefyra.dev/client=<client>}). */
    public List<Bridge> bridges() {
        try (ClusterSession session = clusters.open(connection.context())) {
            return session.gefyra().bridges(Map.of(RunLabels.BRIDGE_CLIENT, connection.clientId()));
        }
    }

    /** Every bridge of a mount, of every user. */
    public List<Bridge> bridgesOf(String mount) {
        try (ClusterSession session = clusters.open(connection.context())) {
            return session.gefyra().bridges(Map.of(RunLabels.BRIDGE_MOUNT, mount));
        }
    }

    /**
     * Prepares a workload without bridging it ({@code gefyra mount create}), through the journal, as the first half of
     * {@link #bridge} does; cancel or failure deletes the mount again.
     *
     * @param name the mount's name, or null for upstream's default
     */
    public BridgeMount mount(String namespace, WorkloadKind kind, String workload, String container, String name,
                             Progress progress, CancellationToken cancel, Consumer<StepEvent> steps) {
        try (ClusterSession session = clusters.open(connection.context())) {
            String op = journal.started(connection.name(), connection.context(), "Bridge");
            try {
                return new MountOperation(new JournaledCluster(session.gefyra(), journal, connection.name(),
                        connection.context(), op), session.inspector(), namespace, kind, workload, container, name,
                        connection.clientId(), BRIDGE_TIMEOUT, steps, clock).run(progress, cancel);
            } finally {
                journal.ended(op);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PonteException(ErrorAdvice.explain(e, "the cluster"), e);
        }
    }

    /**
     * Deletes a mount ({@code gefyra mount delete}): the operator deletes its bridges, removes Carrier2 and the shadow
     * copy, and the workload restarts with its original pods. Waits until it is gone.
     */
    public void deleteMount(String name, CancellationToken cancel) {
        try (ClusterSession session = clusters.open(connection.context())) {
            String op = journal.started(connection.name(), connection.context(), "Unbridge");
            try {
                new JournaledCluster(session.gefyra(), journal, connection.name(), connection.context(), op)
                        .deleteMount(name, BRIDGE_TIMEOUT, cancel);
            } finally {
                journal.ended(op);
            }
        }
    }
}
