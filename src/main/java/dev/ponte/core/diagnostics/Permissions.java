package dev.ponte.core.diagnostics;

import dev.ponte.core.gefyra.Gefyra;
import java.util.List;

/** What Ponte asks the API server for, verb by verb, and what each is for (checked with SelfSubjectAccessReview). */
final class Permissions {
    /**
     * @param namespace null: cluster-wide
     * @param required  false: only some features need it (a missing one is a warning, not a failure)
     */
    record Need(String verb, String group, String resource, String namespace, boolean required, String forWhat) {
        String describe() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource
                    + (namespace == null ? " (all namespaces)" : " in " + namespace);
        }
    }

    private static final String G = "gefyra.dev";
    private static final String NS = Gefyra.NAMESPACE;

    /** What every connection needs once Gefyra is installed. */
    static final List<Need> CONNECTED = List.of(
            new Need("create", G, "gefyraclients", NS, true, "Connect registers this machine"),
            new Need("get", G, "gefyraclients", NS, true, "Connect waits for the client"),
            new Need("patch", G, "gefyraclients", NS, true, "Connect hands over the subnet"),
            new Need("delete", G, "gefyraclients", NS, true, "Disconnect unregisters this machine"),
            new Need("list", G, "gefyrabridgemounts", NS, true, "Bridge finds a workload's mount"),
            new Need("create", G, "gefyrabridgemounts", NS, true, "Bridge prepares a workload"),
            new Need("delete", G, "gefyrabridgemounts", NS, true, "Unbridge restores a workload"),
            new Need("list", G, "gefyrabridges", NS, true, "the bridge list and the team view"),
            new Need("watch", G, "gefyrabridges", NS, true, "bridge states stay up to date"),
            new Need("create", G, "gefyrabridges", NS, true, "Bridge sends your requests to your container"),
            new Need("delete", G, "gefyrabridges", NS, true, "Unbridge"),
            new Need("list", "", "events", NS, false, "the operator's progress messages"),
            new Need("list", "apps", "deployments", null, false, "the workloads list"),
            new Need("watch", "", "pods", null, false, "the pods list"),
            new Need("create", "", "pods/exec", null, false, "Run's env from a workload"));

    /** What installing Gefyra needs (only asked while the cluster has no operator). */
    static final List<Need> INSTALL = List.of(
            new Need("create", "", "namespaces", null, true, "Connect installs Gefyra"),
            new Need("create", "rbac.authorization.k8s.io", "clusterroles", null, true, "Connect installs Gefyra"),
            new Need("create", "rbac.authorization.k8s.io", "clusterrolebindings", null, true, "Connect installs Gefyra"),
            new Need("create", "admissionregistration.k8s.io", "validatingwebhookconfigurations", null, true,
                    "Connect installs Gefyra"),
            new Need("create", "apps", "deployments", NS, true, "Connect installs Gefyra"),
            new Need("create", "", "services", NS, true, "Connect installs Gefyra"));

    private Permissions() {
    }
}
