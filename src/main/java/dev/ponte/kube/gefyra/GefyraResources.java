package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.CargoSpec;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.Gefyra;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * Names the Gefyra 2.5.4 protocol fixes in the cluster (shared/gefyra-protocol.md sections 2–3; upstream
 * operator/gefyra/resources/crds.py, handler/configure_operator.py, client/gefyra/misc/comps/*.py).
 */
public final class GefyraResources {
    public static final String NAMESPACE = Gefyra.NAMESPACE;
    public static final String GROUP = "gefyra.dev";
    public static final String VERSION = "v1";

    /** The three custom resources; kinds are lowercase upstream, there is no {@code spec} and no status subresource. */
    public enum Kind {
        CLIENT("gefyraclient", "gefyraclients", "GefyraClient"),
        BRIDGE("gefyrabridge", "gefyrabridges", "GefyraBridge"),
        MOUNT("gefyrabridgemount", "gefyrabridgemounts", "GefyraBridgeMount");

        public final String kind;
        public final String plural;
        /** How Ponte names the kind in its own reports. */
        public final String display;

        Kind(String kind, String plural, String display) {
            this.kind = kind;
            this.plural = plural;
            this.display = display;
        }

        public String crdName() {
            return plural + "." + GROUP;
        }

        public ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder()
                    .withGroup(GROUP).withVersion(VERSION).withPlural(plural).withKind(kind).withNamespaced(true)
                    .build();
        }

        /** This kind's objects in namespace {@code gefyra}. */
        public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> in(KubernetesClient client) {
            MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                    client.genericKubernetesResources(context());
            return op.inNamespace(NAMESPACE);
        }
    }

    /** Kopf's finalizer on every Gefyra custom resource (operator/gefyra/handler/configure_webhook.py). */
    public static final String FINALIZER = "operator.gefyra.dev/kopf-finalizer";

    public static final String OPERATOR_DEPLOYMENT = "gefyra-operator";
    public static final String WEBHOOK_DEPLOYMENT = "gefyra-operator-webhook";
    public static final String OPERATOR_SERVICE_ACCOUNT = "gefyra-operator";
    public static final String OPERATOR_CLUSTER_ROLE = "gefyra:operator";
    public static final String OPERATOR_CLUSTER_ROLE_BINDING = "gefyra-operator";
    public static final String ADMISSION_SERVICE = "gefyra-admission";
    public static final String WEBHOOK_CONFIGURATION = "gefyra.dev";
    public static final String STOWAWAY_SERVICE = "gefyra-stowaway-wireguard";
    public static final String STOWAWAY_POD = "gefyra-stowaway-0";
    /** Created by the operator for the first client and never removed upstream (operator/gefyra/resources/serviceaccounts.py). */
    public static final String CLIENT_CLUSTER_ROLE = "gefyra-client";
    /** {@code gefyra-rolebinding-gefyra-client-<client>}, one per client. */
    public static final String CLIENT_BINDING_PREFIX = "gefyra-rolebinding-gefyra-client-";

    /** Event reasons the operator writes at start-up (operator/gefyra/resources/events.py). */
    public static final String REASON_OPERATOR_READY = "Gefyra-Ready";
    public static final String REASON_WEBHOOK_READY = "Gefyra-Webhook-Ready";

    /** Ponte's marker on every cluster object it creates; upstream ignores extra labels. */
    public static final String MANAGED_BY = Gefyra.MANAGED_BY_LABEL;
    public static final String PONTE = Gefyra.MANAGED_BY_PONTE;
    public static final Map<String, String> PONTE_LABEL = Map.of(MANAGED_BY, PONTE);

    /** The CRDs the operator creates at start-up, in upstream's uninstall order (client/gefyra/misc/uninstall.py). */
    public static final List<String> CRD_NAMES = List.of(
            Kind.BRIDGE.crdName(), Kind.CLIENT.crdName(), Kind.MOUNT.crdName());

    private GefyraResources() {
    }
}
