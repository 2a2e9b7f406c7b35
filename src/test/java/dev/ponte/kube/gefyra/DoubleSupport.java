package dev.ponte.kube.gefyra;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.MicroTimeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Helpers the operator double shares: Events as the operator writes them, state persistence, WireGuard keys.
 * Part of the test double (see {@link GefyraOperatorDouble}); cites the upstream files it follows.
 */
final class DoubleSupport {
    /** {@code _get_now()} in operator/gefyra/resources/events.py: ISO UTC, microseconds, trailing Z. */
    private static final DateTimeFormatter NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private DoubleSupport() {
    }

    static String now() {
        return NOW.format(Instant.now());
    }

    /**
     * Posts an Event in {@code gefyra} the way operator/gefyra/base.py ({@code post_event}) and resources/events.py do.
     * Upstream writes events.k8s.io/v1 Events; a real API server serves the same objects through core/v1 (note →
     * message, regarding → involvedObject, reportingController → reportingComponent). The mock keeps the two APIs
     * apart, so the double writes what a core/v1 reader (the Python client, and Ponte) sees.
     */
    static void postEvent(KubernetesClient client, String name, String reason, String note, String type,
                          String action, String controller, String regardingKind, String regardingName,
                          String regardingApiVersion, String regardingUid) {
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(GefyraResources.NAMESPACE).endMetadata()
                .withReason(reason)
                .withMessage(note.length() > 1024 ? note.substring(0, 1024) : note)
                .withType(type)
                .withAction(action)
                .withReportingComponent(controller)
                .withReportingInstance(controller)
                .withEventTime(new MicroTimeBuilder().withTime(now()).build())
                .withNewInvolvedObject().withKind(regardingKind).withName(regardingName)
                .withNamespace(GefyraResources.NAMESPACE).withApiVersion(regardingApiVersion).withUid(regardingUid)
                .endInvolvedObject()
                .build();
        try {
            client.v1().events().inNamespace(GefyraResources.NAMESPACE).resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) { // the webhook's fixed-name event exists once per namespace lifetime
                throw e;
            }
        }
    }

    /** An event about a custom resource, named {@code <object>-<uuid4>} like base.py's {@code post_event}. */
    static void postObjectEvent(KubernetesClient client, GenericKubernetesResource r, String clazz, String reason,
                                String note, String type) {
        postEvent(client, r.getMetadata().getName() + "-" + UUID.randomUUID(), reason, note, type, clazz + "-State",
                "gefyra-operator", r.getKind(), r.getMetadata().getName(), r.getApiVersion(), r.getMetadata().getUid());
    }

    /** Persists a state like base.py's {@code GefyraStateObject._write_state}: merge patch state + stateTransitions. */
    static void writeState(KubernetesClient client, GefyraResources.Kind kind, String name, String state) {
        mergePatch(client, kind, name, Map.of("state", state, "stateTransitions", Map.of(state, now())));
    }

    static void mergePatch(KubernetesClient client, GefyraResources.Kind kind, String name, Object patch) {
        kind.in(client).withName(name).patch(MERGE, patch instanceof String s ? s : Serialization.asJson(patch));
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Kopf adds its finalizer before the first handler runs. */
    static void addFinalizer(KubernetesClient client, GefyraResources.Kind kind, GenericKubernetesResource r) {
        java.util.List<String> finalizers = new java.util.ArrayList<>(r.getFinalizers());
        finalizers.add(GefyraResources.FINALIZER);
        mergePatch(client, kind, r.getMetadata().getName(), Map.of("metadata", Map.of("finalizers", finalizers)));
    }

    /** Kopf removes its finalizer once the delete handler succeeded; the API server then deletes the object. */
    static void removeFinalizer(KubernetesClient client, GefyraResources.Kind kind, GenericKubernetesResource r) {
        java.util.List<String> rest = new java.util.ArrayList<>(r.getFinalizers());
        rest.remove(GefyraResources.FINALIZER);
        mergePatch(client, kind, r.getMetadata().getName(), rest.isEmpty() ? "{\"metadata\":{\"finalizers\":null}}"
                : Serialization.asJson(Map.of("metadata", Map.of("finalizers", rest))));
    }
}
