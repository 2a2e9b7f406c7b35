package dev.ponte.ui.run;

import java.util.List;

/**
 * Where a published port listens. By default on 127.0.0.1: the container may hold values copied from the cluster's
 * Secrets (Env from), and {@code docker -p 8080:8080} alone would open it to everyone on the same Wi-Fi. All
 * interfaces only when the user ticks it for a port, and the dialog then says why that is a risk.
 */
final class PortExposure {
    static final String LOOPBACK = "127.0.0.1";
    static final String ALL = "0.0.0.0";
    /** The check box's tooltip. */
    static final String ALL_TOOLTIP = "Publish this port on every network interface instead of 127.0.0.1 only. "
            + "Anyone who can reach this computer (the same Wi-Fi, office network or VPN) can then connect to the "
            + "container, which may hold Secret values copied from the cluster with Env from.";

    private PortExposure() {
    }

    static String hostIp(RunDialogViewModel.PortRow row) {
        return row.allInterfaces.get() ? ALL : LOOPBACK;
    }

    /** The warning under the ports: empty when all are on 127.0.0.1. */
    static String risk(List<RunDialogViewModel.PortRow> rows, RunDialogViewModel.EnvSource envFrom) {
        List<String> open = rows.stream().filter(r -> r.allInterfaces.get() && !r.hostPort.get().isBlank())
                .map(r -> r.hostPort.get().strip()).toList();
        if (open.isEmpty()) {
            return "";
        }
        String ports = open.size() == 1 ? "Port " + open.getFirst() + " is" : "Ports " + String.join(", ", open) + " are";
        return ports + " open to anyone who can reach this computer (the same Wi-Fi, office network or VPN)"
                + (envFrom == null ? "." : ", and the container gets the environment of "
                + envFrom.kind().kind().toLowerCase(java.util.Locale.ROOT) + "/" + envFrom.workload()
                + " (container " + envFrom.container() + "), which may include Secret values.") + " Untick \"All interfaces\" to keep "
                + (open.size() == 1 ? "it" : "them") + " on 127.0.0.1.";
    }

}
