package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Steps;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that stop {@code up} before it changes anything: the engine answers, the cluster answers,
 * the user may install what is missing; and warnings that do not stop it (another operator
 * version, no amd64 node for Carrier2).
 */
final class Preflight {
    record Result(ContainerEngine.Info engine, OperatorStatus operator, List<String> warnings) {
    }

    /** What installing needs: verb, API group, resource, namespace (null = cluster-wide). */
    private static final List<String[]> INSTALL_PERMISSIONS = List.of(
            new String[] {"create", "", "namespaces", null},
            new String[] {"create", "rbac.authorization.k8s.io", "clusterroles", null},
            new String[] {"create", "rbac.authorization.k8s.io", "clusterrolebindings", null},
            new String[] {"create", "admissionregistration.k8s.io", "validatingwebhookconfigurations", null},
            new String[] {"create", "apps", "deployments", Gefyra.NAMESPACE},
            new String[] {"create", "", "services", Gefyra.NAMESPACE});

    private final GefyraCluster cluster;
    private final ContainerEngine engine;

    Preflight(GefyraCluster cluster, ContainerEngine engine) {
        this.cluster = cluster;
        this.engine = engine;
    }

    Result check(Steps steps, String stepName) throws Exception {
        Result[] out = new Result[1];
        steps.run(stepName, step -> {
            ContainerEngine.Info info;
            try {
                info = engine.info();
            } catch (RuntimeException e) {
                Problem p = ErrorAdvice.explain(e, "the container engine");
                if (p.kind() != Problem.Kind.UNREACHABLE && p.kind() != Problem.Kind.TIMEOUT) {
                    throw e; // it answered, with an error: its own words say what
                }
                throw new PonteException(new Problem(p.kind(), "No container engine answers", p.detail(),
                        "Start Docker Desktop, Colima, Podman or Rancher Desktop (or dockerd), or pick another engine"
                                + " socket in Settings, then connect again."), e);
            }
            step.detail(info.product() + " " + info.version() + " at " + info.endpoint());
            OperatorStatus op = cluster.operatorStatus();
            List<String> warnings = new ArrayList<>();
            if (!op.installed()) {
                List<String> missing = new ArrayList<>();
                for (String[] p : INSTALL_PERMISSIONS) {
                    if (!cluster.canI(p[0], p[1], p[2], p[3])) {
                        missing.add(p[0] + " " + (p[1].isEmpty() ? "" : p[1] + "/") + p[2]
                                + (p[3] == null ? "" : " in " + p[3]));
                    }
                }
                if (!missing.isEmpty()) {
                    throw new PonteException(new Problem(Problem.Kind.FORBIDDEN, "You may not install Gefyra in this cluster",
                            "Gefyra is not installed yet, and your user lacks: " + String.join(", ", missing) + ".",
                            "Ask a cluster admin to install Gefyra " + Gefyra.VERSION
                                    + " (Ponte's Connect as admin, or `gefyra install --apply`), then connect again."));
                }
            } else if (op.version() != null && !op.version().equals(Gefyra.VERSION)) {
                warnings.add("the cluster runs Gefyra operator " + op.version() + ", Ponte speaks " + Gefyra.VERSION);
            }
            List<String> arch = cluster.nodeArchitectures();
            if (!arch.isEmpty() && !arch.contains("amd64")) {
                warnings.add("no amd64 node (" + String.join(", ", arch.stream().distinct().toList())
                        + "): Carrier2 is amd64-only, so bridging a workload will fail here; running locally works");
            }
            out[0] = new Result(info, op, warnings);
            return info.product() + " " + info.version() + "; Gefyra " + (op.installed()
                    ? "operator " + (op.version() == null ? "present" : op.version()) + (op.ready() ? " ready" : " not ready")
                    : "not installed yet (you may install it)");
        });
        if (!out[0].warnings().isEmpty()) {
            steps.warn(stepName, String.join("; ", out[0].warnings()));
        }
        return out[0];
    }
}
