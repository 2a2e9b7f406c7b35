package dev.ponte.kube.gefyra;

import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Part of {@link GefyraOperatorDouble}: GefyraBridges and GefyraBridgeMounts, only as far as uninstall needs them —
 * Kopf's finalizer when they appear, and on delete the operator's {@code terminate} (upstream
 * operator/gefyra/bridgestate.py and bridge_mount_state.py: uninstall Carrier2, restore the workload's own image and
 * remove the shadow workload), after which the finalizer goes. Their own state machines are not simulated.
 */
final class DoubleBridges {
    private final GefyraOperatorDouble d;

    DoubleBridges(GefyraOperatorDouble d) {
        this.d = d;
    }

    void reconcile(Kind kind, String name) {
        if (!d.startup.operatorRunning) {
            return;
        }
        GenericKubernetesResource r = kind.in(d.client).withName(name).get();
        if (r == null) {
            return;
        }
        if (r.getMetadata().getDeletionTimestamp() == null) {
            if (!r.getFinalizers().contains(GefyraResources.FINALIZER)) {
                DoubleSupport.addFinalizer(d.client, kind, r);
            }
            return;
        }
        if (d.proceed(kind == Kind.BRIDGE ? Stage.BRIDGE_TERMINATE : Stage.MOUNT_TERMINATE)) {
            d.restored.add(kind.display + "/" + name);
            DoubleSupport.removeFinalizer(d.client, kind, r);
        }
    }
}
