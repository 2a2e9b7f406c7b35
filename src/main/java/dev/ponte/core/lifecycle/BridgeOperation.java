package dev.ponte.core.lifecycle;

import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeAdvice;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraNames;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.ContainerDetails;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges a workload container to a local container the way {@code gefyra mount create} and
 * {@code gefyra bridge create} do (shared/gefyra-protocol.md 7): checks first (so nothing changes
 * in the cluster for a plan that cannot work), reuses the workload's mount or creates it and waits
 * for Carrier2, then creates the bridge and waits until traffic flows. Cancel or failure removes
 * what this run created, and only that.
 */
public final class BridgeOperation implements Operation<Bridge> {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeOperation.class);

    static final String CHECK = "Check the workload and your container";
    static final String MOUNT = "Prepare the workload (Carrier2)";
    static final String BRIDGE = "Create the bridge";
    static final String ACTIVE = "Wait until traffic flows";
    static final List<String> STEPS = List.of(CHECK, MOUNT, BRIDGE, ACTIVE);

    private final BridgePlan plan;
    private final Connection connection;
    private final GefyraCluster cluster;
    private final ContainerEngine engine;
    private final WorkloadInspector inspector;
    private final Duration timeout;
    private final Consumer<StepEvent> stepListener;
    private final Clock clock;

    public BridgeOperation(BridgePlan plan, Connection connection, GefyraCluster cluster, ContainerEngine engine,
                           WorkloadInspector inspector, Duration timeout, Consumer<StepEvent> stepListener, Clock clock) {
        this.plan = plan;
        this.connection = connection;
        this.cluster = cluster;
        this.engine = engine;
        this.inspector = inspector;
        this.timeout = timeout;
        this.stepListener = stepListener;
        this.clock = clock;
    }

    /** Upstream's target kind word for a workload kind; DaemonSets cannot be mounted. */
    public static String targetKind(WorkloadKind kind) {
        return switch (kind) {
            case DEPLOYMENT -> "deployment";
            case STATEFUL_SET -> "statefulset";
            case DAEMON_SET -> throw new PonteException(new Problem(Problem.Kind.REFUSED, "DaemonSets cannot be bridged",
                    "Gefyra's Carrier2 mounts Deployments, StatefulSets and Pods only.",
                    "Bridge a Deployment or StatefulSet instead."));
        };
    }

    /** The mount that prepares this workload (any container), if there is one. Upstream allows one per workload. */
    public static Optional<BridgeMount> findMount(List<BridgeMount> mounts, String namespace, WorkloadKind kind, String name) {
        Set<String> aliases = switch (kind) {
            case DEPLOYMENT -> Set.of("deployment", "deploy", "deployments");
            case STATEFUL_SET -> Set.of("statefulset", "sts", "statefulsets");
            case DAEMON_SET -> Set.of();
        };
        return mounts.stream()
                .filter(m -> namespace.equals(m.targetNamespace()) && m.target() != null && m.target().contains("/"))
                .filter(m -> aliases.contains(m.target().substring(0, m.target().indexOf('/')).toLowerCase(Locale.ROOT)))
                .filter(m -> name.equals(m.workloadName()))
                .findFirst();
    }

    @Override
    public Bridge run(Progress progress, CancellationToken cancel) throws Exception {
        Steps steps = new Steps(STEPS, stepListener, progress, cancel, clock);
        Rollback rollback = new Rollback();
        try {
            String[] destination = new String[1];
            steps.run(CHECK, step -> {
                destination[0] = checkLocal();
                checkWorkload();
                return plan.localContainer() + " at " + destination[0];
            });
            String mountName = prepare(steps, rollback, progress, cancel);
            String name = GefyraNames.bridgeName(connection.clientId(), targetKind(plan.kind()) + "/" + plan.workload(),
                    plan.container());
            steps.run(BRIDGE, step -> {
                // Pushed before the create: a create that fails half-way (a timeout, a reset connection) may or may not
                // have made it; the undo removes it if it is there and ours, and clears the journal either way.
                rollback.push("delete GefyraBridge " + name, () -> {
                    Optional<Bridge> there = cluster.bridges(Map.of()).stream().filter(b -> b.name().equals(name)).findFirst();
                    if (there.isEmpty() || connection.clientId().equals(there.get().client())) {
                        cluster.deleteBridge(name, timeout, new CancellationToken()); // also clears its journal entry
                    }
                    if (there.isEmpty()) {
                        throw new Rollback.NothingToUndo();
                    }
                });
                cluster.createBridge(new BridgeRequest(name, mountName, connection.clientId(), plan.localContainer(),
                        destination[0], plan.ports(), plan.rules()));
                return name;
            });
            Bridge[] out = new Bridge[1];
            steps.run(ACTIVE, step -> {
                out[0] = cluster.awaitBridgeActive(name, timeout, new StepProgress(step, progress), cancel);
                return "matching requests go to " + plan.localContainer() + " (" + endpoints(out[0]) + ")";
            });
            return out[0];
        } catch (Exception e) {
            steps.skipRest(cancel.isCancelled() ? "cancelled" : "stopped after a failure");
            throw rollback.undo(e, cancel, progress, "Bridge failed and could not clean up fully",
                    "Unbridge the workload from its row to remove what is left.");
        }
    }

    private String checkLocal() {
        Optional<ContainerDetails> local = engine.inspect(plan.localContainer());
        if (local.isEmpty()) {
            throw problem("Local container not found", "There is no container named " + plan.localContainer() + ".",
                    "Run one first (Run locally…), or pick another container.");
        }
        if (!local.get().running()) {
            throw problem("Local container not running", plan.localContainer() + " is " + local.get().state() + ".",
                    "Start it (Restart in the local-containers list), then bridge again.");
        }
        String ip = local.get().ips().get(connection.networkName());
        if (ip == null || ip.isEmpty()) {
            throw problem("Local container not on the connection's network",
                    plan.localContainer() + " is not on " + connection.networkName() + ", so the cluster cannot reach it.",
                    "Run the container from Ponte (Run locally…), which puts it on that network.");
        }
        return ip;
    }

    private void checkWorkload() {
        targetKind(plan.kind());
        WorkloadDetail detail = inspector.describe(plan.namespace(), plan.kind(), plan.workload());
        ContainerDetail c = detail.containers().stream().filter(x -> x.name().equals(plan.container())).findFirst()
                .orElseThrow(() -> problem("No such container", plan.workload() + " has no container " + plan.container() + ".",
                        "Pick one of: " + detail.containers().stream().map(ContainerDetail::name).collect(Collectors.joining(", "))));
        if (!c.probesCompatible()) {
            throw problem("Probes not compatible", "Container " + c.name() + " has " + String.join("/", c.probeKinds())
                    + " probes; Carrier2 answers HTTP probes only, so the pods would never become ready.",
                    "Change its exec/tcpSocket probes to httpGet, or bridge another container.");
        }
        Set<Integer> declared = c.ports().stream().map(WorkloadInspector.Port::port).collect(Collectors.toSet());
        for (BridgeRequest.PortMapping m : plan.ports()) {
            if (!declared.contains(m.remotePort())) {
                throw problem("Port not exposed", "Container " + c.name() + " does not declare port " + m.remotePort()
                        + " (it declares " + (declared.isEmpty() ? "none" : declared) + ").",
                        "Pick a declared port; Carrier2 listens only on the container's declared ports.");
            }
        }
        if (plan.ports().isEmpty()) {
            throw problem("No port chosen", "A bridge needs at least one cluster port → local port mapping.",
                    "Pick a port of " + c.name() + ".");
        }
        if (detail.readyPods() == 0) {
            throw problem("No ready pods", plan.workload() + " has " + detail.pods() + " pod(s) and none is ready.",
                    "Wait until its pods are ready (or scale it up), then bridge again.");
        }
        if (detail.rolloutInProgress()) {
            throw problem("Rollout in progress", plan.workload() + " is rolling out: its pods belong to more than one revision.",
                    "Wait until the rollout finishes, then bridge again.");
        }
        BridgeAdvice.architecture(cluster.nodeArchitectures()).ifPresent(p -> {
            throw new PonteException(p);
        });
    }

    private String prepare(Steps steps, Rollback rollback, Progress progress, CancellationToken cancel) throws Exception {
        Optional<BridgeMount> existing = findMount(cluster.mounts(), plan.namespace(), plan.kind(), plan.workload());
        if (existing.isPresent() && !existing.get().targetContainer().equals(plan.container())) {
            throw problem("Workload prepared for another container",
                    plan.workload() + " is prepared (mount " + existing.get().name() + ") for container "
                            + existing.get().targetContainer() + "; Gefyra allows one mount per workload.",
                    "Bridge container " + existing.get().targetContainer() + ", or remove that mount when nobody uses it.");
        }
        String[] name = new String[1];
        steps.run(MOUNT, step -> {
            if (existing.isPresent()) {
                name[0] = existing.get().name();
                if (existing.get().active()) {
                    return "reusing mount " + name[0] + " (already prepared)";
                }
                step.detail("reusing mount " + name[0] + " (" + existing.get().state() + "); waiting for Carrier2");
            } else {
                name[0] = GefyraNames.mountName(plan.workload(), plan.namespace());
                // Pushed before the create, like the bridge's: removes it if it is there and ours.
                rollback.push("delete GefyraBridgeMount " + name[0], () -> {
                    Optional<BridgeMount> now = cluster.mount(name[0]);
                    if (now.isEmpty() || connection.clientId().equals(now.get().createdBy())) {
                        cluster.deleteMount(name[0], timeout, new CancellationToken()); // also clears its journal entry
                    }
                    if (now.isEmpty()) {
                        throw new Rollback.NothingToUndo();
                    }
                });
                cluster.createMount(new MountRequest(name[0], plan.namespace(), targetKind(plan.kind()), plan.workload(),
                        plan.container(), connection.clientId()));
                step.detail("mount " + name[0] + " created; waiting for Carrier2");
            }
            cluster.awaitMountActive(name[0], timeout, new StepProgress(step, progress), cancel);
            return "Carrier2 runs in " + plan.workload() + "; a shadow copy serves everyone else";
        });
        return name[0];
    }

    private static String endpoints(Bridge b) {
        return b.clusterEndpoint().isEmpty() ? b.state() : String.join(", ", b.clusterEndpoint().values());
    }

    private static PonteException problem(String title, String detail, String advice) {
        return new PonteException(new Problem(Problem.Kind.REFUSED, title, detail, advice));
    }

    /** Shows the operator's messages as the running step's detail. */
    private record StepProgress(Steps.Step step, Progress progress) implements Progress {
        @Override
        public void step(String name, int index, int total) {
            progress.step(name, index, total);
        }

        @Override
        public void message(String text) {
            step.detail(text);
        }
    }
}
