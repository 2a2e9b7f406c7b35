package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.GefyraClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes GefyraClient custom resources as fabric8 {@link GenericKubernetesResource}s. Fields sit at the top
 * level next to {@code metadata} (no {@code spec}), the kind is lowercase (section 3.1).
 */
final class ClientMapper {
    private ClientMapper() {
    }

    /**
     * The create body of upstream client/gefyra/local/clients.py ({@code get_gefyraclient_body}), plus Ponte's
     * {@code app.kubernetes.io/managed-by} label: {@code {"apiVersion":"gefyra.dev/v1","kind":"gefyraclient",
     * "metadata":{"name":ID,"namespace":"gefyra"},"provider":"stowaway","status":{}}}.
     */
    static GenericKubernetesResource createBody(String name) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(Gefyra.API_VERSION);
        r.setKind(GefyraResources.Kind.CLIENT.kind);
        r.setMetadata(GefyraManifests.meta(GefyraResources.NAMESPACE, name, Map.of()));
        r.setAdditionalProperty("provider", "stowaway");
        r.setAdditionalProperty("status", new LinkedHashMap<>());
        return r;
    }

    static GefyraClient toClient(GenericKubernetesResource r) {
        Map<String, Object> fields = r.getAdditionalProperties();
        String subnet = null;
        if (fields.get("providerParameter") instanceof Map<?, ?> parameter && parameter.get("subnet") != null) {
            subnet = String.valueOf(parameter.get("subnet"));
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (fields.get("providerConfig") instanceof Map<?, ?> pc) {
            pc.forEach((k, v) -> {
                if (k != null && v != null) {
                    config.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        Object state = fields.get("state");
        Object account = fields.get("serviceAccountName");
        return new GefyraClient(r.getMetadata().getName(), ClientState.parse(state == null ? null : state.toString()),
                subnet, config, account == null ? null : account.toString());
    }

    /** True when the object is being deleted (Kopf's finalizer keeps it until the operator has cleaned up). */
    static boolean terminating(GenericKubernetesResource r) {
        return r.getMetadata().getDeletionTimestamp() != null;
    }
}
