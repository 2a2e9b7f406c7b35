package dev.ponte.ui.bridge;

import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import java.util.List;

/**
 * A container of the pod template, as the Target page lists it.
 *
 * @param reason why it cannot be bridged, or null when it can
 */
public record ContainerChoice(ContainerDetail detail, String reason) {
    static ContainerChoice of(ContainerDetail c) {
        List<String> bad = c.probeKinds().stream().filter(k -> k.equals("exec") || k.equals("tcpSocket")).distinct().toList();
        String reason = null;
        if (!c.probesCompatible()) {
            // upstream operator/gefyra/bridge_mount/carrier2mount/__init__.py refuses these ("Probes not compatible")
            reason = "Has " + String.join(" and ", bad) + " probes, which Carrier2 cannot answer (it answers httpGet probes only). "
                    + "Change them to httpGet, or bridge another container.";
        } else if (c.ports().stream().noneMatch(p -> tcp(p.protocol()))) {
            reason = "Declares no TCP container port; Carrier2 proxies declared ports only. Add a containerPort to the workload.";
        }
        return new ContainerChoice(c, reason);
    }

    static boolean tcp(String protocol) {
        return protocol == null || protocol.isBlank() || protocol.equalsIgnoreCase("TCP");
    }

    public boolean bridgeable() {
        return reason == null;
    }

    public String name() {
        return detail.name();
    }
}
