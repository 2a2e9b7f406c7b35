package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import java.util.List;
import java.util.Optional;

/**
 * What the bridge wizard needs for one connection: {@link BridgeGateway} on the real ports, fakes in tests.
 * Every method blocks (cluster or engine I/O): the wizard calls them through the
 * task layer, never on the UI thread. Failures are thrown as they come
 * ({@link dev.ponte.core.task.PonteException} with its {@link dev.ponte.core.task.Problem} where
 * the cause is known); the wizard explains them with {@link dev.ponte.core.task.ErrorAdvice}.
 */
public interface BridgeBackend {
    /** The workload's pod template (containers, ports, probes) and how many of its pods are ready. */
    WorkloadDetail describe(String namespace, WorkloadKind kind, String name);

    /**
     * The active connection's local containers, running or not. One that is not on the
     * connection's network (or stopped) has a null {@link LocalContainer#ip()}.
     */
    List<LocalContainer> localContainers();

    /** The GefyraBridgeMount that already prepares this container of this workload, if any (any user's). */
    Optional<BridgeMount> existingMount(String namespace, WorkloadKind kind, String name, String container);

    /** How many GefyraBridges use the mount (label {@code gefyra.dev/bridge-mount=<mount>}), of every user. */
    int bridgeCount(String mount);

    /**
     * Services in the workload's namespace that select its pods, with the Service port that reaches each
     * container port: the wizard's test request goes to {@code <service>.<namespace>.svc.cluster.local:<port>}.
     * May return an empty list (then the request names a {@code <service>} placeholder).
     */
    default List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
        return List.of();
    }

    /**
     * Creates the mount when the container has none (reusing an existing one), then the bridge, and
     * returns once the bridge is ACTIVE. Reports the operator's progress messages through
     * {@code progress}; stops when {@code cancel} fires (removing what it created, as far as it can).
     */
    Bridge bridge(BridgePlan plan, Progress progress, CancellationToken cancel);

    /** Every GefyraBridge on the mount (any client's): the wizard warns when the new rules overlap one of them. */
    default List<Bridge> bridgesOnMount(String mount) {
        return List.of();
    }

    /**
     * "Send test request": the request each rule set matches and one that matches none, from inside the connection's
     * network to the workload's Service, and who answered ({@link TestRequestSender}).
     */
    default List<TestRequestSender.Shot> sendTestRequests(dev.ponte.core.gefyra.MatchRules rules, String namespace,
                                                          WorkloadKind kind, String workload, int remotePort,
                                                          String localContainer, int localPort, boolean bridged,
                                                          CancellationToken cancel) {
        throw new UnsupportedOperationException("this backend cannot send test requests");
    }

    /**
     * @param port       the Service's port
     * @param targetPort the container port it forwards to (a named targetPort resolved to its number)
     */
    record ServicePort(String service, int port, int targetPort) {
    }
}
