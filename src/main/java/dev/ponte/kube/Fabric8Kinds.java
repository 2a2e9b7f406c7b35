package dev.ponte.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.NamedExtension;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.util.List;

/**
 * The Kubernetes kinds Ponte's clients turn JSON into without being told the class, and the serialization that knows
 * only them.
 * <p>
 * fabric8's default {@link KubernetesSerialization} has its {@code KubernetesDeserializer} find {@code apiVersion}/
 * {@code kind} → class through a {@code ServiceLoader} scan that instantiates every resource class of every model jar
 * (about 650 classes: gateway API, flow control, dynamic resource allocation, …), the first time anything typed
 * {@code KubernetesResource} is read — a watch event's object. Ponte's clients use a serialization that does not scan
 * and knows the kinds below. A kind missing here still reads correctly where fabric8 knows the expected class: a
 * typed watch turns the {@code GenericKubernetesResource} it first made into the class it watches
 * ({@code AbstractWatchManager.eventReceived}), at the cost of a second conversion per event; lists, gets and
 * creates read the class of their operation. Correctness needs one registration: a watch's ERROR event is only
 * recognised when its object arrives as a {@link Status} ({@code AbstractWatchManager.onMessage}; otherwise a 410 Gone
 * is not handed to the informer, which would reconnect from the expired version instead of listing again). (A
 * {@code client.resource(GenericKubernetesResource)} of a built-in kind, which Ponte does not do, would ask the API
 * server's discovery about a kind not registered here.)
 * <p>
 * {@link #KINDS} holds every resource class Ponte's code names or reaches through fabric8's DSL, and {@code Status};
 * {@code Fabric8KindsTest} reads Ponte's compiled classes and fails when one is missing or no longer used.
 */
public final class Fabric8Kinds {
    /** Every kind Ponte reads, by the classes fabric8 maps them to. */
    public static final List<Class<? extends KubernetesResource>> KINDS = List.of(
            // watched: the live lists, the Gefyra operator's events, namespace deletion
            Namespace.class, Pod.class, Deployment.class, StatefulSet.class, DaemonSet.class, Event.class,
            // a watch's ERROR event (410 Gone → the informer lists again)
            Status.class,
            // read or written by their own operations only (registered so that no kind Ponte touches depends on
            // which DSL call reads it)
            ReplicaSet.class, Service.class, ServiceAccount.class, Secret.class, ConfigMap.class, Node.class,
            ClusterRole.class, ClusterRoleBinding.class, ValidatingWebhookConfiguration.class,
            CustomResourceDefinition.class, SelfSubjectAccessReview.class,
            // the items of the live lists' metadata-only check (InformerStream)
            PartialObjectMetadata.class);

    private Fabric8Kinds() {
    }

    /** A serialization that does not search the class loaders and knows {@link #KINDS}; one may serve many clients. */
    public static KubernetesSerialization serialization() {
        return register(new KubernetesSerialization(new ObjectMapper(), false));
    }

    /**
     * Makes fabric8's kubeconfig reader stop triggering the scan; call before the first
     * {@code Config.fromKubeconfig} (idempotent, cheap after the first call).
     * <p>
     * fabric8 reads kubeconfig files ({@code Config.fromKubeconfig}, and again when an exec plugin's token is renewed)
     * with its static {@link Serialization} ({@code KubeConfigUtils.parseConfig}), built with
     * {@code searchClassloaders = true}. The kubeconfig model's {@code NamedExtension.extension} is declared
     * {@code @JsonDeserialize(using = KubernetesDeserializer.class)}, so building the reader for a kubeconfig builds
     * that mapper's {@code KubernetesDeserializer}, and with it the scan — whether or not the file has extensions.
     * fabric8 never reads the extensions. Here they are read by a {@code KubernetesDeserializer} that does not scan:
     * an object with {@code apiVersion} and {@code kind} becomes a {@code GenericKubernetesResource}, anything else a
     * {@code RawExtension}, as before for every kind no model jar defines; both write back unchanged.
     */
    public static void readKubeconfigExtensionsWithoutScan() {
        KubeconfigReader.ready();
    }

    private static final class KubeconfigReader {
        static {
            @SuppressWarnings("deprecation") // the static mapper the kubeconfig reader uses; no other way to reach it
            ObjectMapper mapper = Serialization.jsonMapper();
            mapper.addMixIn(NamedExtension.class, NamedExtensionMixIn.class);
        }

        static void ready() {
        }
    }

    /** Replaces the annotation on {@link NamedExtension}'s field and setter: the same deserializer, without the scan. */
    abstract static class NamedExtensionMixIn {
        @JsonDeserialize(using = NonScanningDeserializer.class)
        private Object extension;

        @JsonDeserialize(using = NonScanningDeserializer.class)
        abstract void setExtension(Object extension);
    }

    /** A {@link KubernetesDeserializer} that knows no kinds (fabric8's mapper builds it by its no-argument constructor). */
    public static final class NonScanningDeserializer extends KubernetesDeserializer {
        public NonScanningDeserializer() {
            super(false);
        }
    }

    /** Registers {@link #KINDS} with {@code serialization} (tests pass a subclass that records conversions). */
    static <S extends KubernetesSerialization> S register(S serialization) {
        KINDS.forEach(serialization::registerKubernetesResource);
        return serialization;
    }
}
