package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.MANAGED_BY;
import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;
import static dev.ponte.kube.gefyra.GefyraResources.PONTE;

import dev.ponte.kube.Fabric8Errors;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every Gefyra object still in the cluster, as {@code Kind/namespace/name} (cluster-scoped: {@code Kind/name}): the
 * custom resources, namespace {@code gefyra}, the CRDs, the operator's and the clients' RBAC, the webhook
 * configuration, and anything labelled {@code app.kubernetes.io/managed-by=ponte}. Read-only.
 */
final class GefyraLeftovers {
    private final KubernetesClient client;

    GefyraLeftovers(KubernetesClient client) {
        this.client = client;
    }

    List<String> list() {
        Set<String> found = new LinkedHashSet<>();
        try {
            for (Kind kind : Kind.values()) {
                add(found, kind.display, () -> kind.in(client).list().getItems());
            }
            addNamed(found, client.namespaces().withName(NAMESPACE).get());
            for (String crd : GefyraResources.CRD_NAMES) {
                addNamed(found, client.apiextensions().v1().customResourceDefinitions().withName(crd).get());
            }
            addNamed(found, client.rbac().clusterRoles().withName(GefyraResources.OPERATOR_CLUSTER_ROLE).get());
            addNamed(found, client.rbac().clusterRoles().withName(GefyraResources.CLIENT_CLUSTER_ROLE).get());
            client.rbac().clusterRoleBindings().list().getItems().stream()
                    .filter(b -> b.getMetadata().getName().equals(GefyraResources.OPERATOR_CLUSTER_ROLE_BINDING)
                            || b.getMetadata().getName().startsWith(GefyraResources.CLIENT_BINDING_PREFIX)
                            || PONTE.equals(label(b)))
                    .forEach(b -> addNamed(found, b));
            addNamed(found, client.admissionRegistration().v1().validatingWebhookConfigurations()
                    .withName(GefyraResources.WEBHOOK_CONFIGURATION).get());
            addLabelled(found);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
        return new ArrayList<>(found);
    }

    /** Everything Ponte's install labels, of every kind it creates. */
    private void addLabelled(Set<String> found) {
        client.namespaces().withLabel(MANAGED_BY, PONTE).list().getItems().forEach(o -> addNamed(found, o));
        client.serviceAccounts().inAnyNamespace().withLabel(MANAGED_BY, PONTE).list().getItems()
                .forEach(o -> addNamed(found, o));
        client.rbac().clusterRoles().withLabel(MANAGED_BY, PONTE).list().getItems().forEach(o -> addNamed(found, o));
        client.services().inAnyNamespace().withLabel(MANAGED_BY, PONTE).list().getItems()
                .forEach(o -> addNamed(found, o));
        client.apps().deployments().inAnyNamespace().withLabel(MANAGED_BY, PONTE).list().getItems()
                .forEach(o -> addNamed(found, o));
        client.admissionRegistration().v1().validatingWebhookConfigurations().withLabel(MANAGED_BY, PONTE).list()
                .getItems().forEach(o -> addNamed(found, o));
    }

    private static String label(HasMetadata o) {
        return o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(MANAGED_BY);
    }

    private static void add(Set<String> found, String display, Supplier<List<? extends HasMetadata>> items) {
        try {
            items.get().forEach(o -> found.add(display + "/" + o.getMetadata().getNamespace() + "/"
                    + o.getMetadata().getName()));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) { // no CRD, no objects
                throw e;
            }
        }
    }

    private static void addNamed(Set<String> found, HasMetadata o) {
        if (o != null) {
            String kind = o.getKind() != null ? o.getKind() : HasMetadata.getKind(o.getClass());
            found.add(o.getMetadata().getNamespace() == null
                    ? kind + "/" + o.getMetadata().getName()
                    : kind + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
        }
    }
}
