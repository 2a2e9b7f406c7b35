package dev.ponte.core.diagnostics;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.ErrorAdvice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One line per bridge of this machine: the operator's state, Carrier2 in the workload's pods and their readiness,
 * Stowaway's proxy route to the local container, and the local container running and answering on its port.
 */
final class BridgeChecks {
    private BridgeChecks() {
    }

    /** The workload kind of a mount's {@code <kind>/<name>} target; empty for a pod or an unknown kind. */
    static Optional<WorkloadKind> kindOf(BridgeMount m) {
        if (m.target() == null || !m.target().contains("/")) {
            return Optional.empty();
        }
        return switch (m.target().substring(0, m.target().indexOf('/')).toLowerCase(Locale.ROOT)) {
            case "deployment", "deploy", "deployments" -> Optional.of(WorkloadKind.DEPLOYMENT);
            case "statefulset", "sts", "statefulsets" -> Optional.of(WorkloadKind.STATEFUL_SET);
            default -> Optional.empty();
        };
    }

    static String title(Bridge b, BridgeMount m) {
        return "Bridge " + (m == null ? b.mount() : m.targetNamespace() + "/" + m.workloadName()) + " → " + b.clientContainer();
    }

    static Check check(Bridge b, GefyraCluster cluster, WorkloadInspector inspector, ContainerEngine engine, CargoShell cargo,
                       Connection conn) {
        String key = Checks.bridge(b.name());
        BridgeMount m;
        try {
            m = cluster.mount(b.mount()).orElse(null);
        } catch (RuntimeException e) {
            return Check.notChecked(key, title(b, null), "the mount could not be read: " + ErrorAdvice.explain(e, "the cluster").detail());
        }
        String title = title(b, m);
        List<String> evidence = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        CheckState state = CheckState.OK;
        evidence.add("GefyraBridge " + b.name() + ": " + (b.state() == null ? "not seen by the operator yet" : b.state())
                + (b.message() == null || b.message().isBlank() ? "" : " (" + b.message() + ")"));
        if (!b.active()) {
            state = state.worse(b.failed() ? CheckState.FAILED : CheckState.WARNING);
            fixes.add(b.failed() ? "The operator reports an error on the bridge: Unbridge and bridge again." : "Wait for the operator, or look at its events.");
        }
        if (m == null) {
            evidence.add("its GefyraBridgeMount " + b.mount() + " is gone");
            return Check.failed(key, title, String.join("\n", evidence), "Unbridge (it cannot carry traffic without its mount), then bridge again.");
        }
        evidence.add("mount " + m.name() + " on " + m.target() + "/" + m.targetContainer() + ": " + m.state());
        int localPort = -1;
        int remotePort = -1;
        if (!b.portMappings().isEmpty()) {
            String[] f = b.portMappings().getFirst().split(":");
            if (f.length == 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
                localPort = Integer.parseInt(f[0]);
                remotePort = Integer.parseInt(f[1]);
            }
        }
        // Carrier2 in the workload's pods
        Optional<WorkloadKind> kind = kindOf(m);
        if (kind.isPresent() && inspector != null) {
            try {
                List<GefyraCluster.PodInfo> pods = inspector.pods(m.targetNamespace(), kind.get(), m.workloadName());
                List<String> notCarrier = new ArrayList<>();
                List<String> unready = new ArrayList<>();
                for (GefyraCluster.PodInfo p : pods) {
                    String image = p.images().get(m.targetContainer());
                    if (image == null || !image.contains("carrier2")) {
                        notCarrier.add(p.name());
                    } else if (!p.ready()) {
                        unready.add(p.name() + " (" + p.phase() + ")");
                    }
                }
                int carrier = pods.size() - notCarrier.size();
                evidence.add("Carrier2 pods: " + (carrier - unready.size()) + " of " + pods.size() + " ready"
                        + (unready.isEmpty() ? "" : "; not ready: " + String.join(", ", unready))
                        + (notCarrier.isEmpty() ? "" : "; without Carrier2: " + String.join(", ", notCarrier)));
                if (!unready.isEmpty() || carrier == 0) {
                    state = state.worse(CheckState.FAILED);
                    fixes.add("Look at the pods (kubectl -n " + m.targetNamespace() + " describe pod " + (unready.isEmpty()
                            ? m.workloadName() : unready.getFirst().split(" ")[0]) + "): an unready Carrier2 pod takes no traffic;"
                            + " on a non-amd64 node Carrier2 cannot start.");
                } else if (!notCarrier.isEmpty()) {
                    state = state.worse(CheckState.WARNING);
                    fixes.add("Some pods still run the original image (a rollout in progress?): requests they get never reach your container.");
                }
            } catch (UnsupportedOperationException e) {
                evidence.add("Carrier2 pods: not checked (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                evidence.add("Carrier2 pods: not read (" + ErrorAdvice.explain(e, "the cluster").title() + ")");
            }
        }
        // Stowaway's proxy route to the local container
        String route = b.destinationIp() + ":" + localPort;
        try {
            Map<String, String> routes = cluster.proxyRoutes();
            boolean present = routes.values().stream().anyMatch(v -> v.startsWith(route + ","));
            evidence.add("Stowaway proxy route to " + route + ": " + (present ? "present" : "missing")
                    + (b.clusterEndpoint().isEmpty() ? "" : " (cluster endpoint " + String.join(", ", b.clusterEndpoint().values()) + ")"));
            if (!present) {
                state = state.worse(CheckState.FAILED);
                fixes.add("The operator has not set up (or lost) Stowaway's route for this bridge: Unbridge and bridge again.");
            }
        } catch (RuntimeException e) {
            evidence.add("proxy route: not read (" + ErrorAdvice.explain(e, "the cluster").title() + ")");
        }
        // the local container
        Optional<ContainerEngine.ContainerDetails> local = engine == null ? Optional.empty() : engine.inspect(b.clientContainer());
        if (local.isEmpty() || !local.get().running()) {
            evidence.add("local container " + b.clientContainer() + ": " + (local.isEmpty() ? "gone" : local.get().state()));
            state = state.worse(CheckState.FAILED);
            fixes.add("Start " + b.clientContainer() + " again (or Run it anew: its bridges follow a container of that name).");
        } else {
            String ip = local.get().ips().get(conn.networkName());
            boolean sameIp = b.destinationIp().equals(ip);
            boolean answers = cargo != null && localPort > 0 && ip != null && cargo.answers(ip, localPort);
            evidence.add("local container " + b.clientContainer() + ": running at " + ip + (sameIp ? "" : " (the bridge points at "
                    + b.destinationIp() + ")") + "; port " + localPort + (cargo == null ? " not probed (no tunnel)"
                    : answers ? " answers" : " does not answer"));
            if (!sameIp) {
                state = state.worse(CheckState.FAILED);
                fixes.add("The bridge points at an old address: Unbridge and bridge again.");
            } else if (cargo != null && !answers) {
                state = state.worse(CheckState.FAILED);
                fixes.add("Nothing listens on port " + localPort + " in " + b.clientContainer()
                        + ": start your server there (listening on 0.0.0.0, not 127.0.0.1).");
            }
        }
        if (remotePort > 0) {
            evidence.add(1, "cluster port " + remotePort + " → local port " + localPort);
        }
        return new Check(key, title, state, String.join("\n", evidence), String.join(" ", fixes));
    }
}
