package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MountRequest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GefyraBridgeMount and GefyraBridge bodies exactly as upstream's client sends them (client/gefyra/local/mount.py
 * {@code get_gbridgemount_body}, client/gefyra/types/bridge.py {@code get_k8s_bridge_body},
 * client/gefyra/local/bridge.py {@code get_bridge_rules}), and the reverse mapping into core records. Fields sit
 * at the top level, no {@code spec}; the operator writes {@code state}, {@code stateTransitions} and (bridges)
 * {@code clusterEndpoint}. Neither CR has a status message: the operator speaks through Events.
 */
final class BridgeMapper {
    static final String LABEL_MOUNT = "gefyra.dev/bridge-mount";
    static final String LABEL_CLIENT = "gefyra.dev/client";
    static final String LABEL_CONTAINER = "gefyra.dev/client-container";

    private BridgeMapper() {
    }

    /**
     * {@code {"apiVersion","kind":"gefyrabridgemount","metadata":{name,namespace},"targetNamespace","target",
     * "targetContainer","provider":"carrier2mount","providerParameter":{}}}; plus label {@code ponte.dev/created-by}
     * when the request names its creator (upstream sends no labels; the operator ignores them).
     */
    static GenericKubernetesResource mountBody(MountRequest request) {
        GenericKubernetesResource r = resource(GefyraResources.Kind.MOUNT, request.name());
        if (request.createdBy() != null) {
            r.getMetadata().setLabels(Map.of(MountRequest.CREATED_BY_LABEL, request.createdBy()));
        }
        r.setAdditionalProperty("targetNamespace", request.targetNamespace());
        r.setAdditionalProperty("target", request.target());
        r.setAdditionalProperty("targetContainer", request.container());
        r.setAdditionalProperty("provider", "carrier2mount");
        r.setAdditionalProperty("providerParameter", new LinkedHashMap<>());
        return r;
    }

    /** Upstream's bridge body; {@code providerParameter} is {@code {}} without rules, as upstream sends it. */
    static GenericKubernetesResource bridgeBody(BridgeRequest request) {
        GenericKubernetesResource r = resource(GefyraResources.Kind.BRIDGE, request.name());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_MOUNT, request.mount());
        labels.put(LABEL_CLIENT, request.client());
        labels.put(LABEL_CONTAINER, request.clientContainer());
        r.getMetadata().setLabels(labels);
        r.setAdditionalProperty("provider", "carrier2");
        r.setAdditionalProperty("connectionProvider", "stowaway");
        Map<String, Object> parameter = new LinkedHashMap<>();
        if (request.rules() != null && !request.rules().sets().isEmpty()) {
            parameter.put("rules", rules(request.rules()));
        }
        r.setAdditionalProperty("providerParameter", parameter);
        r.setAdditionalProperty("client", request.client());
        r.setAdditionalProperty("destinationIP", request.destinationIp());
        r.setAdditionalProperty("target", request.mount());
        r.setAdditionalProperty("targetNamespace", "");
        r.setAdditionalProperty("targetContainer", "");
        r.setAdditionalProperty("portMappings", request.ports().stream().map(BridgeRequest.PortMapping::wire).toList());
        r.setAdditionalProperty("handleProbes", true);
        return r;
    }

    private static GenericKubernetesResource resource(GefyraResources.Kind kind, String name) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(Gefyra.API_VERSION);
        r.setKind(kind.kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(GefyraResources.NAMESPACE).build());
        return r;
    }

    /** One {@code {"match":[...]}} per rule set, in order; each match {@code matchHeader} or {@code matchPath}. */
    static List<Map<String, Object>> rules(MatchRules rules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MatchRules.RuleSet set : rules.sets()) {
            List<Map<String, Object>> matches = new ArrayList<>();
            for (MatchRules.Match m : set.matches()) {
                Map<String, Object> body = new LinkedHashMap<>();
                switch (m) {
                    case MatchRules.Header h -> {
                        body.put("name", h.name());
                        body.put("value", h.value());
                        body.put("type", type(h.type()));
                        matches.add(Map.of("matchHeader", body));
                    }
                    case MatchRules.Path p -> {
                        body.put("path", p.path());
                        body.put("type", type(p.type()));
                        matches.add(Map.of("matchPath", body));
                    }
                }
            }
            out.add(Map.of("match", matches));
        }
        return out;
    }

    private static String type(MatchRules.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static BridgeMount toMount(GenericKubernetesResource r) {
        Map<String, Object> f = r.getAdditionalProperties();
        Map<String, String> labels = r.getMetadata().getLabels();
        return new BridgeMount(r.getMetadata().getName(), string(f.get("targetNamespace")), string(f.get("target")),
                string(f.get("targetContainer")), string(f.get("state")), null, created(r),
                labels == null ? null : labels.get(MountRequest.CREATED_BY_LABEL));
    }

    static Bridge toBridge(GenericKubernetesResource r) {
        Map<String, Object> f = r.getAdditionalProperties();
        Map<String, String> labels = r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
        List<String> mappings = new ArrayList<>();
        if (f.get("portMappings") instanceof List<?> list) {
            list.forEach(m -> mappings.add(String.valueOf(m)));
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        if (f.get("clusterEndpoint") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    endpoints.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        Object target = f.get("target");
        return new Bridge(r.getMetadata().getName(), target != null ? target.toString() : labels.get(LABEL_MOUNT),
                f.get("client") != null ? f.get("client").toString() : labels.get(LABEL_CLIENT),
                labels.get(LABEL_CONTAINER), string(f.get("destinationIP")), mappings, readRules(f.get("providerParameter")),
                endpoints, string(f.get("state")), null, created(r));
    }

    /** The reverse of {@link #rules}; entries Ponte does not know (a newer Carrier2 matcher) are left out. */
    static MatchRules readRules(Object providerParameter) {
        List<MatchRules.RuleSet> sets = new ArrayList<>();
        if (providerParameter instanceof Map<?, ?> p && p.get("rules") instanceof List<?> rules) {
            for (Object rule : rules) {
                List<MatchRules.Match> matches = new ArrayList<>();
                if (rule instanceof Map<?, ?> rm && rm.get("match") instanceof List<?> list) {
                    for (Object entry : list) {
                        MatchRules.Match m = match(entry);
                        if (m != null) {
                            matches.add(m);
                        }
                    }
                }
                sets.add(new MatchRules.RuleSet(matches));
            }
        }
        return new MatchRules(sets);
    }

    private static MatchRules.Match match(Object entry) {
        if (!(entry instanceof Map<?, ?> m)) {
            return null;
        }
        try {
            if (m.get("matchHeader") instanceof Map<?, ?> h) {
                return new MatchRules.Header(string(h.get("name")), string(h.get("value")), parseType(h.get("type")));
            }
            if (m.get("matchPath") instanceof Map<?, ?> p) {
                return new MatchRules.Path(string(p.get("path")), parseType(p.get("type")));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static MatchRules.Type parseType(Object type) {
        return MatchRules.Type.valueOf(String.valueOf(type).toUpperCase(Locale.ROOT));
    }

    private static Instant created(GenericKubernetesResource r) {
        return OperatorInstall.parseTime(r.getMetadata().getCreationTimestamp());
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
