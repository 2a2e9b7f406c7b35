package dev.ponte.kube.gefyra;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part of {@link GefyraOperatorDouble}: the validating webhooks {@code mount-parameters.gefyra.dev} and
 * {@code bridge-parameters.gefyra.dev} of upstream operator/gefyra/handler/configure_webhook.py, with the provider
 * checks of bridge_mount/carrier2mount/__init__.py ({@code validate}: required fields, one mount per target) and
 * bridge/carrier2/__init__.py ({@code validate}: labels, the mount exists and is ACTIVE, no identical bridge; the
 * provider's construction reads the mount first, so a missing mount fails there). {@link DoubleAdmission} calls it
 * on the mock's event loop: it reads only the double's caches and what {@link DoubleMounts} last wrote. Creates
 * without a {@code provider} are abbreviated test seeds ({@link GefyraRig#seed}), not client bodies: let through.
 */
final class DoubleBridgeAdmission {
    private static final Pattern PATH = Pattern.compile(
            "^/apis/gefyra\\.dev/v1/namespaces/([^/]+)/(gefyrabridgemounts|gefyrabridges)(?:/([^/?]+))?/?(?:\\?.*)?$");

    /** What the webhook answers: its name and Kopf's AdmissionError text. */
    record Denial(String webhook, String message) {
    }

    private final GefyraOperatorDouble d;

    DoubleBridgeAdmission(GefyraOperatorDouble d) {
        this.d = d;
    }

    /** A denial, or null to let the request through. */
    Denial admit(RecordedRequest request) {
        Matcher m = PATH.matcher(request.getPath());
        String method = request.getMethod();
        if (!m.matches() || !List.of("POST", "PUT", "PATCH").contains(method)) {
            return null;
        }
        boolean mount = "gefyrabridgemounts".equals(m.group(2));
        try {
            Map<String, Object> body = json(request);
            if ("POST".equals(method) && !body.containsKey("provider")) {
                return null; // an abbreviated seed (GefyraRig.seed), not a client's body: stored as is
            }
            String denial;
            if ("POST".equals(method)) {
                denial = mount ? validateMountCreate(body) : validateBridgeCreate(body);
            } else {
                Map<String, Object> old = cached(mount ? d.mountInformer : d.bridgeInformer, m.group(1), m.group(3));
                if (old == null) {
                    return null;
                }
                String type = Objects.requireNonNullElse(request.getHeader("Content-Type"), "");
                if (!"PUT".equals(method) && !type.contains("merge-patch")) {
                    return null; // JSON patches: not needed by anyone yet
                }
                Map<String, Object> updated = "PUT".equals(method) ? body : DoubleAdmission.mergePatch(old, body);
                List<String> immutable = mount ? List.of("target", "targetNamespace", "targetContainer")
                        : List.of("target", "connectionProvider", "portMappings");
                List<String> changed = new ArrayList<>();
                for (String field : immutable) {
                    if (!Objects.equals(old.get(field), updated.get(field))) {
                        changed.add(field);
                    }
                }
                denial = changed.isEmpty() ? null : "Cannot update fields " + pythonList(changed) + ". Please create a new "
                        + (mount ? "GefyraBridgeMount." : "GefyraBridge.");
            }
            return denial == null ? null : new Denial(mount ? "mount-parameters.gefyra.dev" : "bridge-parameters.gefyra.dev",
                    denial);
        } catch (RuntimeException e) {
            return null; // a body the double cannot read: let the API server judge it
        }
    }

    private String validateMountCreate(Map<String, Object> body) {
        for (String field : List.of("target", "targetNamespace", "targetContainer")) {
            if (body.get(field) == null || "".equals(body.get(field))) {
                return "The field '" + field + "' must not be empty";
            }
        }
        String target = body.get("target").toString();
        String kind = target.contains("/") ? target.substring(0, target.indexOf('/')).toLowerCase(java.util.Locale.ROOT) : null;
        if (kind == null) {
            return "Cannot read GefyraBridgeMounts: Target format is not correctly specified: " + target;
        }
        if (!List.of("deployment", "deploy", "deployments", "statefulset", "sts", "statefulsets", "pod", "po", "pods")
                .contains(kind)) {
            return "Cannot read GefyraBridgeMounts: Unsupported workload kind '" + kind + "' in reference " + target;
        }
        for (var e : mounts().entrySet()) {
            DoubleMounts.Seen s = e.getValue();
            if (target.equals(s.target()) && Objects.equals(body.get("targetNamespace"), s.targetNamespace())) {
                return "A GefyraBridgeMount already exists for target '" + target + "' in namespace '"
                        + s.targetNamespace() + "':'" + e.getKey() + "' in state '" + s.state() + "'";
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private String validateBridgeCreate(Map<String, Object> body) {
        for (String field : List.of("provider", "target")) {
            if (!body.containsKey(field)) {
                return "Missing field '" + field + "'";
            }
        }
        if (body.get("destinationIP") == null || "".equals(body.get("destinationIP"))) {
            return "Missing field 'destinationIP' or it is empty. Cannot create GefyraBridge without a destination IP.";
        }
        String target = String.valueOf(body.get("target"));
        DoubleMounts.Seen mount = mounts().get(target);
        if (mount == null) {
            return "Cannot create GefyraBridge provider " + body.get("provider") + " due to: (404)\nReason: Not Found";
        }
        Map<String, Object> meta = (Map<String, Object>) body.getOrDefault("metadata", Map.of());
        Map<String, Object> labels = (Map<String, Object>) meta.get("labels");
        if (labels == null || !labels.containsKey(BridgeMapper.LABEL_MOUNT) || !labels.containsKey(BridgeMapper.LABEL_CLIENT)) {
            return "The requested GefyraBridge does not set the labels 'gefyra.dev/bridge-mount' and 'gefyra.dev/client'";
        }
        if (!"ACTIVE".equals(mount.state())) {
            return "The target GefyraBridgeMounts is not in ACTIVE state. Please try again soon.";
        }
        SharedIndexInformer<GenericKubernetesResource> bridges = d.bridgeInformer;
        for (GenericKubernetesResource b : bridges == null ? List.<GenericKubernetesResource>of() : bridges.getStore().list()) {
            Map<String, Object> f = b.getAdditionalProperties();
            if (Objects.equals(f.get("target"), target) && Objects.equals(b.getMetadata().getLabels(), labels)
                    && Objects.equals(f.get("destinationIP"), body.get("destinationIP"))
                    && Objects.equals(f.get("providerParameter"), body.get("providerParameter"))) {
                return "A GefyraBridge with these target parameters already exists.";
            }
        }
        return null;
    }

    /** Mounts as the double knows them: its own last writes win over the (possibly lagging) informer cache. */
    private Map<String, DoubleMounts.Seen> mounts() {
        Map<String, DoubleMounts.Seen> all = new java.util.LinkedHashMap<>();
        SharedIndexInformer<GenericKubernetesResource> informer = d.mountInformer;
        if (informer != null) {
            for (GenericKubernetesResource r : informer.getStore().list()) {
                Map<String, Object> f = r.getAdditionalProperties();
                all.put(r.getMetadata().getName(), new DoubleMounts.Seen(str(f.get("target")),
                        str(f.get("targetNamespace")), str(f.getOrDefault("state", "REQUESTED"))));
            }
        }
        all.putAll(d.mounts.seen);
        return all;
    }

    private static Map<String, Object> cached(SharedIndexInformer<GenericKubernetesResource> informer, String namespace,
                                              String name) {
        if (informer == null || name == null) {
            return null;
        }
        GenericKubernetesResource r = informer.getStore().getByKey(namespace + "/" + name);
        return r == null ? null : Serialization.unmarshal(Serialization.asJson(r), Map.class);
    }

    /** Python's {@code str(list)} of strings, as Kopf's message shows it. */
    private static String pythonList(List<String> items) {
        return "[" + String.join(", ", items.stream().map(s -> "'" + s + "'").toList()) + "]";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(RecordedRequest request) {
        String s = request.getBody() == null ? "{}" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        return Serialization.unmarshal(s, Map.class);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
