package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.GefyraNames;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Prepares a workload for bridging without bridging it yet, as {@code gefyra mount create} does
 * (shared/gefyra-protocol.md 7.1, 7.2): checks the workload and its container, creates the GefyraBridgeMount (marked
 * as this client's) and waits until Carrier2 runs. Cancel or a failure deletes the mount it created. The bridge
 * operation does the same as its first half when the workload has no mount yet.
 *
 * @param name the mount's name, or null for upstream's default ({@code <workload>-<namespace>-<random>})
 */
public record MountOperation(GefyraCluster cluster, WorkloadInspector inspector, String namespace, WorkloadKind kind,
                             String workload, String container, String name, String clientId, Duration timeout,
                             Consumer<StepEvent> stepListener, Clock clock) implements Operation<BridgeMount> {
    static final String CHECK = "Check the workload";
    static final String MOUNT = "Prepare the workload (Carrier2)";

    @Override
    public BridgeMount run(Progress progress, CancellationToken cancel) throws Exception {
        Steps steps = new Steps(List.of(CHECK, MOUNT), stepListener, progress, cancel, clock);
        Rollback rollback = new Rollback();
        String mountName = name == null ? GefyraNames.mountName(workload, namespace) : name;
        try {
            steps.run(CHECK, step -> {
                String kindWord = BridgeOperation.targetKind(kind);
                WorkloadDetail detail = inspector.describe(namespace, kind, workload);
                ContainerDetail c = detail.containers().stream().filter(x -> x.name().equals(container)).findFirst()
                        .orElseThrow(() -> refused("No such container", workload + " has no container " + container + ".",
                                "Pick one of: " + detail.containers().stream().map(ContainerDetail::name).collect(Collectors.joining(", "))));
                if (!c.probesCompatible()) {
                    throw refused("Probes not compatible", "Container " + c.name() + " has " + String.join("/", c.probeKinds())
                            + " probes; Carrier2 answers HTTP probes only, so the pods would never become ready.",
                            "Change its exec/tcpSocket probes to httpGet, or mount another container.");
                }
                Optional<BridgeMount> existing = BridgeOperation.findMount(cluster.mounts(), namespace, kind, workload);
                if (existing.isPresent()) {
                    throw refused("Already prepared", kindWord + "/" + workload + " in " + namespace + " has mount "
                            + existing.get().name() + " (container " + existing.get().targetContainer()
                            + "); Gefyra allows one mount per workload.",
                            "Bridge with --mount " + existing.get().name() + ", or delete that mount first.");
                }
                return kindWord + "/" + workload + ", container " + container;
            });
            steps.run(MOUNT, step -> {
                cluster.createMount(new MountRequest(mountName, namespace, BridgeOperation.targetKind(kind), workload, container,
                        clientId));
                rollback.push("delete GefyraBridgeMount " + mountName,
                        () -> cluster.deleteMount(mountName, timeout, new CancellationToken()));
                step.detail("mount " + mountName + " created; waiting for Carrier2");
                cluster.awaitMountActive(mountName, timeout, new Progress() {
                    @Override
                    public void step(String n, int index, int total) {
                        progress.step(n, index, total);
                    }

                    @Override
                    public void message(String text) {
                        step.detail(text);
                    }
                }, cancel);
                return "Carrier2 runs in " + workload + " (mount " + mountName + ")";
            });
            cancel.throwIfCancelled(); // a Cancel during the last step still undoes it
            return cluster.mount(mountName).orElseThrow(() -> refused("The mount is gone",
                    "Mount " + mountName + " was deleted while Ponte waited for it.", "Create it again."));
        } catch (Exception e) {
            steps.skipRest(cancel.isCancelled() ? "cancelled" : "stopped after a failure");
            throw rollback.undo(e, cancel, progress, "Preparing the workload failed and could not clean up fully",
                    "Delete the mount: ponte mount delete " + mountName);
        }
    }

    private static PonteException refused(String title, String detail, String advice) {
        return new PonteException(new Problem(Problem.Kind.REFUSED, title, detail, advice));
    }
}
