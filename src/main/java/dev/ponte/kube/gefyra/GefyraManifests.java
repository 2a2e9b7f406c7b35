package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.ADMISSION_SERVICE;
import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.core.gefyra.InstallOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects {@code gefyra install --apply} 2.5.4 creates, in its order (upstream client/gefyra/misc/comps/__init__.py:
 * namespace, rbac, webhook, deployment, service), built from {@link InstallOptions}. Pure: no I/O. Each object also
 * carries {@code app.kubernetes.io/managed-by=ponte} in its metadata labels (never in a selector).
 *
 * <p>Differences from upstream's dicts that the API server erases anyway: the ClusterRoleBinding has no
 * {@code metadata.namespace} (cluster-scoped), and the Stowaway Service has no empty {@code annotations: {}}.
 */
public final class GefyraManifests {
    static final Map<String, String> STOWAWAY_LABELS = Collections.unmodifiableMap(ordered(
            "gefyra.dev/app", "stowaway", "gefyra.dev/role", "connection", "gefyra.dev/provider", "stowaway"));
    static final int WIREGUARD_PORT = 51820;

    private GefyraManifests() {
    }

    /** All nine objects, in creation order. */
    public static List<HasMetadata> objects(InstallOptions options) {
        List<HasMetadata> out = new ArrayList<>();
        out.add(namespace());
        out.add(serviceAccount());
        out.add(clusterRole());
        out.add(clusterRoleBinding());
        out.add(admissionService());
        out.add(webhookConfiguration());
        out.add(OperatorDeployments.operator(options));
        out.add(OperatorDeployments.webhook(options));
        out.add(stowawayService(options));
        return out;
    }

    /** {@code Kind/name}, as install reports it. */
    public static String describe(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    static ObjectMeta meta(String namespace, String name, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(GefyraResources.MANAGED_BY, GefyraResources.PONTE);
        return new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(all).build();
    }

    static Namespace namespace() {
        return new NamespaceBuilder().withMetadata(meta(null, NAMESPACE, Map.of())).build();
    }

    static ServiceAccount serviceAccount() {
        return new ServiceAccountBuilder()
                .withMetadata(meta(NAMESPACE, GefyraResources.OPERATOR_SERVICE_ACCOUNT, Map.of())).build();
    }

    static ClusterRole clusterRole() {
        return new ClusterRoleBuilder()
                .withMetadata(meta(null, GefyraResources.OPERATOR_CLUSTER_ROLE, Map.of()))
                .withRules(
                        rule(List.of("kopf.dev"), List.of("clusterkopfpeerings"), List.of("list", "watch", "patch", "get")),
                        rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"),
                                List.of("create", "patch", "delete", "list", "watch")),
                        rule(List.of("admissionregistration.k8s.io"),
                                List.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations"),
                                List.of("create", "patch")),
                        // upstream lists "rbac.authorization.k8s.io/v1" as a group too (harmless, never matches)
                        rule(List.of("", "apps", "batch", "extensions", "events.k8s.io", "rbac.authorization.k8s.io",
                                        "rbac.authorization.k8s.io/v1", "autoscaling"),
                                List.of("namespaces", "clusterroles", "serviceaccounts", "clusterrolebindings", "nodes",
                                        "configmaps", "secrets", "deployments", "statefulsets", "persistentvolumeclaims",
                                        "services", "pods", "pods/exec", "pods/status", "events",
                                        "horizontalpodautoscalers"),
                                List.of("*")),
                        rule(List.of("gefyra.dev"), List.of("gefyraclients", "gefyrabridges", "gefyrabridgemounts"),
                                List.of("*")))
                .build();
    }

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
    }

    static ClusterRoleBinding clusterRoleBinding() {
        return new ClusterRoleBindingBuilder()
                .withMetadata(meta(null, GefyraResources.OPERATOR_CLUSTER_ROLE_BINDING, Map.of()))
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", GefyraResources.OPERATOR_CLUSTER_ROLE)
                .addNewSubject().withKind("ServiceAccount").withName(GefyraResources.OPERATOR_SERVICE_ACCOUNT)
                .withNamespace(NAMESPACE).endSubject()
                .build();
    }

    static Service admissionService() {
        return new ServiceBuilder()
                .withMetadata(meta(NAMESPACE, ADMISSION_SERVICE, Map.of()))
                .withNewSpec()
                .withSelector(ordered("gefyra.dev/app", "gefyra-operator", "gefyra.dev/role", "webhook"))
                .withPorts(new ServicePortBuilder().withProtocol("TCP").withPort(443)
                        .withTargetPort(new IntOrString(9443)).build())
                .endSpec()
                .build();
    }

    static ValidatingWebhookConfiguration webhookConfiguration() {
        return new ValidatingWebhookConfigurationBuilder()
                .withMetadata(meta(null, GefyraResources.WEBHOOK_CONFIGURATION, Map.of()))
                .withWebhooks(
                        webhook("client-parameters.gefyra.dev", "/client-parameters", "gefyraclients"),
                        webhook("mount-parameters.gefyra.dev", "/mount-parameters", "gefyrabridgemounts"),
                        webhook("bridge-parameters.gefyra.dev", "/bridge-parameters", "gefyrabridges"))
                .build();
    }

    private static ValidatingWebhook webhook(String name, String path, String resource) {
        return new ValidatingWebhookBuilder()
                .withAdmissionReviewVersions("v1", "v1beta1")
                .withNewClientConfig()
                .withCaBundle(AdmissionCertificate.caBundle())
                .withNewService().withName(ADMISSION_SERVICE).withNamespace(NAMESPACE).withPath(path).endService()
                .endClientConfig()
                .withFailurePolicy("Fail")
                .withMatchPolicy("Equivalent")
                .withName(name)
                .withNamespaceSelector(new LabelSelector())
                .withObjectSelector(new LabelSelector())
                .addNewRule().withApiGroups("gefyra.dev").withApiVersions("v1").withOperations("CREATE", "UPDATE")
                .withResources(resource).withScope("*").endRule()
                .withSideEffects("None")
                .withTimeoutSeconds(30)
                .build();
    }

    /** NodePort (port 51820, nodePort = service port) or LoadBalancer (port = service port), UDP to 51820. */
    static Service stowawayService(InstallOptions options) {
        ServicePortBuilder port = new ServicePortBuilder().withName("gefyra-wireguard")
                .withTargetPort(new IntOrString(WIREGUARD_PORT)).withProtocol("UDP");
        ServicePort p = options.loadBalancer()
                ? port.withPort(options.servicePort()).build()
                : port.withPort(WIREGUARD_PORT).withNodePort(options.servicePort()).build();
        ObjectMeta meta = meta(NAMESPACE, GefyraResources.STOWAWAY_SERVICE, STOWAWAY_LABELS);
        if (!options.serviceAnnotations().isEmpty()) {
            meta.setAnnotations(new LinkedHashMap<>(options.serviceAnnotations()));
        }
        return new ServiceBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withType(options.loadBalancer() ? "LoadBalancer" : "NodePort")
                .withPorts(p)
                .withSelector(new LinkedHashMap<>(STOWAWAY_LABELS))
                .endSpec()
                .build();
    }

    static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
