package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8Errors;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gefyra uninstall} done better (section 8, issue 4). Upstream strips the finalizers of mounts, bridges and
 * clients before deleting them, so the operator never restores the workloads nor removes peers and accounts, and it
 * never removes ClusterRole {@code gefyra-client} nor the {@code gefyra-rolebinding-gefyra-client-*} bindings. Here:
 * bridges, then mounts, then clients are deleted with their finalizers and the operator is given {@code timeout}
 * (per kind) to finish; only then are remaining finalizers stripped, and the returned lines say so. Then the
 * namespace (waited for), the CRDs, the operator's RBAC and webhook, and the client RBAC. Each step is best effort;
 * missing objects are fine; the first failure is rethrown at the end.
 */
final class GefyraUninstall {
    private static final Logger LOG = LoggerFactory.getLogger(GefyraUninstall.class);
    private static final int STEPS = 7;

    private final KubernetesClient client;

    GefyraUninstall(KubernetesClient client) {
        this.client = client;
    }

    List<String> run(Duration timeout, Progress progress, CancellationToken cancel) {
        List<String> removed = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        step("Delete GefyraBridges and wait for the operator", 1, progress, cancel, failures,
                () -> deleteCustomResources(Kind.BRIDGE, timeout, cancel, removed));
        step("Delete GefyraBridgeMounts and wait for the operator to restore the workloads", 2, progress, cancel,
                failures, () -> deleteCustomResources(Kind.MOUNT, timeout, cancel, removed));
        step("Delete GefyraClients and wait for the operator", 3, progress, cancel, failures,
                () -> deleteCustomResources(Kind.CLIENT, timeout, cancel, removed));
        step("Delete namespace gefyra", 4, progress, cancel, failures, () -> deleteNamespace(timeout, cancel, removed));
        step("Delete Gefyra's CustomResourceDefinitions", 5, progress, cancel, failures, () -> {
            for (String crd : GefyraResources.CRD_NAMES) {
                record(removed, "CustomResourceDefinition/" + crd,
                        () -> client.apiextensions().v1().customResourceDefinitions().withName(crd).delete());
            }
        });
        step("Delete the operator's ClusterRole, ClusterRoleBinding and webhook", 6, progress, cancel, failures, () -> {
            record(removed, "ClusterRole/" + GefyraResources.OPERATOR_CLUSTER_ROLE,
                    () -> client.rbac().clusterRoles().withName(GefyraResources.OPERATOR_CLUSTER_ROLE).delete());
            record(removed, "ClusterRoleBinding/" + GefyraResources.OPERATOR_CLUSTER_ROLE_BINDING, () -> client.rbac()
                    .clusterRoleBindings().withName(GefyraResources.OPERATOR_CLUSTER_ROLE_BINDING).delete());
            record(removed, "ValidatingWebhookConfiguration/" + GefyraResources.WEBHOOK_CONFIGURATION, () -> client
                    .admissionRegistration().v1().validatingWebhookConfigurations()
                    .withName(GefyraResources.WEBHOOK_CONFIGURATION).delete());
        });
        step("Delete the gefyra-client ClusterRole and bindings upstream leaves behind", 7, progress, cancel, failures,
                () -> {
                    for (var binding : client.rbac().clusterRoleBindings().list().getItems()) {
                        String name = binding.getMetadata().getName();
                        if (name.startsWith(GefyraResources.CLIENT_BINDING_PREFIX)) {
                            record(removed, "ClusterRoleBinding/" + name,
                                    () -> client.rbac().clusterRoleBindings().withName(name).delete());
                        }
                    }
                    record(removed, "ClusterRole/" + GefyraResources.CLIENT_CLUSTER_ROLE,
                            () -> client.rbac().clusterRoles().withName(GefyraResources.CLIENT_CLUSTER_ROLE).delete());
                });
        removed.forEach(line -> LOG.info("Uninstall: {}", line));
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        return removed;
    }

    private static void step(String name, int index, Progress progress, CancellationToken cancel,
                             List<RuntimeException> failures, Runnable body) {
        cancel.throwIfCancelled();
        progress.step(name, index, STEPS);
        LOG.debug("Uninstall step {}/{}: {}", index, STEPS, name);
        try {
            body.run();
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            RuntimeException translated = Fabric8Errors.translate(e);
            LOG.warn("Uninstall step '{}' failed: {}", name, translated.toString());
            failures.add(translated);
        }
    }

    /** Deletes, and adds a line if the object was there (fabric8 returns no details for a 404). */
    private static void record(List<String> removed, String what, Supplier<List<StatusDetails>> delete) {
        if (!delete.get().isEmpty()) {
            removed.add(what + " deleted");
        }
    }

    private void deleteCustomResources(Kind kind, Duration timeout, CancellationToken cancel, List<String> removed) {
        var objects = kind.in(client);
        List<String> names;
        try {
            names = names(objects.list().getItems());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return; // CRD gone: nothing of this kind can exist
            }
            throw e;
        }
        if (names.isEmpty()) {
            return;
        }
        try {
            Gone.await(objects, () -> {
                names.forEach(n -> objects.withName(n).delete()); // keeps Kopf's finalizer: the operator cleans up
                return names(objects.list().getItems());
            }, timeout, cancel);
            names.forEach(n -> removed.add(kind.display + "/" + NAMESPACE + "/" + n + " deleted"));
        } catch (TimeoutException e) {
            List<String> left = names(objects.list().getItems());
            names.stream().filter(n -> !left.contains(n))
                    .forEach(n -> removed.add(kind.display + "/" + NAMESPACE + "/" + n + " deleted"));
            for (String name : left) {
                LOG.warn("{} {} still there after {}: stripping its finalizers", kind.display, name, timeout);
                objects.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
                removed.add(kind.display + "/" + NAMESPACE + "/" + name + " deleted by stripping its finalizers: "
                        + "the operator did not finish within " + Waits.seconds(timeout)
                        + ", so its clean-up may be incomplete");
            }
        }
    }

    private static List<String> names(List<GenericKubernetesResource> items) {
        return items.stream().map(r -> r.getMetadata().getName()).toList();
    }

    private void deleteNamespace(Duration timeout, CancellationToken cancel, List<String> removed) {
        var namespace = client.namespaces().withName(NAMESPACE);
        boolean[] existed = new boolean[1];
        try {
            Gone.await(namespace, () -> {
                existed[0] = !namespace.delete().isEmpty();
                return namespace.get() == null ? List.of() : List.of(NAMESPACE);
            }, timeout, cancel);
            if (existed[0]) {
                removed.add("Namespace/" + NAMESPACE + " deleted");
            }
        } catch (TimeoutException e) {
            removed.add("Namespace/" + NAMESPACE + " deletion requested; still terminating after " + Waits.seconds(timeout));
        }
    }
}
