package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes one bridge ({@code gefyra bridge delete}) and, when asked, its mount too
 * ({@code gefyra mount delete}): the operator then removes Carrier2, the shadow copy and its
 * Service, and restarts the workload's pods with their original spec (shared/gefyra-protocol.md 7.2, 8).
 *
 * @param removeMount remove the mount after the bridge, but only if no other bridge uses it
 */
public record UnbridgeOperation(GefyraCluster cluster, String bridge, String mount, boolean removeMount, Duration timeout)
        implements Operation<List<String>> {

    /** True when the mount was created by this client and {@code bridge} is its last bridge: then Ponte offers to remove it. */
    public static boolean offerMountRemoval(BridgeMount mount, String clientId, List<Bridge> bridgesOfMount, String bridge) {
        return mount != null && clientId.equals(mount.createdBy())
                && bridgesOfMount.stream().allMatch(b -> b.name().equals(bridge));
    }

    @Override
    public List<String> run(Progress progress, CancellationToken cancel) throws Exception {
        List<String> done = new ArrayList<>();
        progress.step("Delete the bridge", 1, removeMount ? 2 : 1);
        cluster.deleteBridge(bridge, timeout, cancel);
        done.add("GefyraBridge " + bridge + " deleted");
        if (removeMount && mount != null) {
            List<Bridge> others = cluster.bridges(Map.of(dev.ponte.core.run.RunLabels.BRIDGE_MOUNT, mount)).stream()
                    .filter(b -> !b.name().equals(bridge)).toList();
            if (!others.isEmpty()) {
                done.add("mount " + mount + " kept: " + others.size() + " other bridge(s) use it");
                return done;
            }
            progress.step("Remove Carrier2 and restore the workload", 2, 2);
            Optional<BridgeMount> m = cluster.mount(mount);
            if (m.isPresent()) {
                cluster.deleteMount(mount, timeout, cancel);
                done.add("GefyraBridgeMount " + mount + " deleted; " + m.get().workloadName() + " restarts with its original pods");
            }
        }
        return done;
    }
}
