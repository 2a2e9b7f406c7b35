package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.port.GefyraCluster.ClientInfo;
import dev.ponte.core.port.GefyraCluster.EventInfo;
import dev.ponte.core.port.GefyraCluster.MountArtifact;
import dev.ponte.core.port.GefyraCluster.PodInfo;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Read-mostly views of Gefyra's cluster side for the diagnostics, the team view, the support bundle and the cleanup
 * assistant (issue 14): pods and events of namespace {@code gefyra}, Stowaway's proxy routes, nodes, every client with
 * since-when, the connection's objects as YAML with their secrets masked, the client RBAC upstream leaves, and what
 * the operator made for mounts in the workloads' namespaces. Failures are translated like every other call.
 */
final class GefyraInsights {
    static final String PROXY_ROUTES = "gefyra-stowaway-proxyroutes";
    static final String DUPLICATION_ID = "bridge.gefyra.dev/duplication-id";
    static final String MASK = "***";

    private final KubernetesClient client;

    GefyraInsights(KubernetesClient client) {
        this.client = client;
    }

    List<PodInfo> gefyraPods() {
        return call(() -> client.pods().inNamespace(NAMESPACE).list().getItems().stream().map(dev.ponte.kube.PodInfos::of).toList());
    }

    List<EventInfo> events(String about, int limit) {
        return call(() -> client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> about == null || (e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null
                        && e.getInvolvedObject().getName().contains(about)))
                .map(GefyraInsights::event)
                .sorted(Comparator.comparing((EventInfo e) -> e.time() == null ? Instant.EPOCH : e.time()).reversed())
                .limit(limit).toList());
    }

    private static EventInfo event(Event e) {
        Instant t = parse(e.getEventTime() == null ? null : e.getEventTime().getTime());
        t = t != null ? t : parse(e.getLastTimestamp());
        t = t != null ? t : parse(e.getFirstTimestamp());
        t = t != null ? t : parse(e.getMetadata().getCreationTimestamp());
        String object = e.getInvolvedObject() == null ? "" : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName();
        return new EventInfo(t, Objects.toString(e.getType(), "Normal"), Objects.toString(e.getReason(), ""), object,
                Objects.toString(e.getMessage(), ""));
    }

    static Instant parse(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    Map<String, String> proxyRoutes() {
        return call(() -> {
            var map = client.configMaps().inNamespace(NAMESPACE).withName(PROXY_ROUTES).get();
            return map == null || map.getData() == null ? Map.of() : Map.copyOf(map.getData());
        });
    }

    Map<String, String> nodes() {
        return call(() -> {
            Map<String, String> out = new TreeMap<>();
            for (var n : client.nodes().list().getItems()) {
                var labels = n.getMetadata().getLabels();
                String arch = labels != null && labels.get("kubernetes.io/arch") != null ? labels.get("kubernetes.io/arch")
                        : n.getStatus() != null && n.getStatus().getNodeInfo() != null && n.getStatus().getNodeInfo().getArchitecture() != null
                        ? n.getStatus().getNodeInfo().getArchitecture() : "unknown";
                out.put(n.getMetadata().getName(), arch);
            }
            return out;
        });
    }

    List<ClientInfo> clients() {
        return call(() -> {
            try {
                return GefyraResources.Kind.CLIENT.in(client).list().getItems().stream().map(GefyraInsights::clientInfo).toList();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return List.of(); // no CRD: Gefyra is not installed
                }
                throw e;
            }
        });
    }

    static ClientInfo clientInfo(GenericKubernetesResource r) {
        Map<String, Object> f = r.getAdditionalProperties();
        String state = f.get("state") == null ? null : f.get("state").toString();
        Instant created = parse(r.getMetadata().getCreationTimestamp());
        Instant since = null;
        if (state != null && f.get("stateTransitions") instanceof Map<?, ?> t && t.get(state) != null) {
            since = parse(t.get(state).toString());
        }
        String subnet = f.get("providerParameter") instanceof Map<?, ?> p && p.get("subnet") != null ? p.get("subnet").toString() : null;
        return new ClientInfo(r.getMetadata().getName(), ClientState.parse(state), since != null ? since : created, subnet, created,
                r.getMetadata().getLabels());
    }

    /** The client, its bridges and the mounts it made, as YAML; provider config and account data masked. */
    List<String> objectsYaml(String clientId) {
        return call(() -> {
            List<String> out = new ArrayList<>();
            var c = GefyraResources.Kind.CLIENT.in(client).withName(clientId).get();
            if (c != null) {
                out.add(yaml(c));
            }
            for (var b : GefyraResources.Kind.BRIDGE.in(client).withLabel("gefyra.dev/client", clientId).list().getItems()) {
                out.add(yaml(b));
            }
            for (var m : GefyraResources.Kind.MOUNT.in(client).list().getItems()) {
                var labels = m.getMetadata().getLabels();
                if (labels != null && clientId.equals(labels.get(dev.ponte.core.gefyra.MountRequest.CREATED_BY_LABEL))) {
                    out.add(yaml(m));
                }
            }
            return out;
        });
    }

    static String yaml(GenericKubernetesResource r) {
        GenericKubernetesResource copy = Serialization.clone(r);
        copy.getMetadata().setManagedFields(null);
        for (String secret : List.of("providerConfig", "serviceAccountData")) {
            if (copy.getAdditionalProperties().get(secret) instanceof Map<?, ?> m) {
                Map<String, Object> masked = new LinkedHashMap<>();
                m.forEach((k, v) -> masked.put(String.valueOf(k), MASK));
                copy.getAdditionalProperties().put(secret, masked);
            }
        }
        return Serialization.asYaml(copy);
    }

    List<String> clientRbac() {
        return call(() -> {
            List<String> out = new ArrayList<>();
            if (client.rbac().clusterRoles().withName(GefyraResources.CLIENT_CLUSTER_ROLE).get() != null) {
                out.add("ClusterRole/" + GefyraResources.CLIENT_CLUSTER_ROLE);
            }
            client.rbac().clusterRoleBindings().list().getItems().stream().map(b -> b.getMetadata().getName())
                    .filter(n -> n.startsWith(GefyraResources.CLIENT_BINDING_PREFIX)).sorted()
                    .forEach(n -> out.add("ClusterRoleBinding/" + n));
            return out;
        });
    }

    void deleteClientRbac(String kindAndName) {
        String[] f = kindAndName.split("/", 2);
        if (f.length != 2 || !(f[1].equals(GefyraResources.CLIENT_CLUSTER_ROLE) || f[1].startsWith(GefyraResources.CLIENT_BINDING_PREFIX))) {
            throw new IllegalArgumentException("not client RBAC of Gefyra's: " + kindAndName);
        }
        call(() -> switch (f[0]) {
            case "ClusterRole" -> client.rbac().clusterRoles().withName(f[1]).delete();
            case "ClusterRoleBinding" -> client.rbac().clusterRoleBindings().withName(f[1]).delete();
            default -> throw new IllegalArgumentException("not client RBAC: " + kindAndName);
        });
    }

    /**
     * Shadow workloads and Services (pod template / selector with the duplication id), and pods still running Carrier2;
     * {@code mount} names the mount that covers each (same namespace, workload {@code <name>} of {@code <name>-gefyra}).
     */
    List<MountArtifact> mountArtifacts(List<BridgeMount> mounts) {
        return call(() -> {
            List<MountArtifact> out = new ArrayList<>();
            for (var d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                if (shadow(d.getSpec() == null || d.getSpec().getTemplate() == null ? null : d.getSpec().getTemplate().getMetadata())) {
                    out.add(artifact("Deployment", d, mounts, strip(d.getMetadata().getName()), "shadow Deployment"));
                }
            }
            for (var s : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
                if (shadow(s.getSpec() == null || s.getSpec().getTemplate() == null ? null : s.getSpec().getTemplate().getMetadata())) {
                    out.add(artifact("StatefulSet", s, mounts, strip(s.getMetadata().getName()), "shadow StatefulSet"));
                }
            }
            for (var s : client.services().inAnyNamespace().list().getItems()) {
                var sel = s.getSpec() == null ? null : s.getSpec().getSelector();
                if (sel != null && sel.containsKey(DUPLICATION_ID)) {
                    String n = s.getMetadata().getName();
                    String workload = mounts.stream().filter(m -> m.targetNamespace().equals(s.getMetadata().getNamespace())
                            && n.equals(m.workloadName() + "-" + m.targetContainer() + "-gefyra-svc")).map(BridgeMount::workloadName)
                            .findFirst().orElse("\u0000");
                    out.add(artifact("Service", s, mounts, workload, "shadow Service"));
                }
            }
            for (var p : client.pods().inAnyNamespace().list().getItems()) {
                if (NAMESPACE.equals(p.getMetadata().getNamespace()) || p.getSpec() == null || p.getSpec().getContainers() == null
                        || p.getSpec().getContainers().stream().noneMatch(c -> c.getImage() != null && c.getImage().contains("carrier2"))) {
                    continue;
                }
                out.add(artifact("Pod", p, mounts, workloadOf(p), "pod still running Carrier2"));
            }
            return out;
        });
    }

    private static boolean shadow(io.fabric8.kubernetes.api.model.ObjectMeta template) {
        return template != null && template.getLabels() != null && template.getLabels().containsKey(DUPLICATION_ID);
    }

    private static String strip(String shadowName) {
        return shadowName.endsWith("-gefyra") ? shadowName.substring(0, shadowName.length() - "-gefyra".length()) : shadowName;
    }

    /** The workload a pod belongs to: its StatefulSet, or its ReplicaSet's Deployment (the ReplicaSet name without its hash). */
    private static String workloadOf(Pod p) {
        var ref = dev.ponte.kube.PodInfos.controllerOf(p);
        if (ref == null) {
            return p.getMetadata().getName();
        }
        if ("ReplicaSet".equals(ref.getKind()) && ref.getName().lastIndexOf('-') > 0) {
            return ref.getName().substring(0, ref.getName().lastIndexOf('-'));
        }
        return ref.getName();
    }

    private static MountArtifact artifact(String kind, HasMetadata o, List<BridgeMount> mounts, String workload, String what) {
        String ns = o.getMetadata().getNamespace();
        String mount = mounts.stream().filter(m -> m.targetNamespace().equals(ns) && m.workloadName().equals(workload))
                .map(BridgeMount::name).findFirst().orElse(null);
        return new MountArtifact(kind, ns, o.getMetadata().getName(), mount, what);
    }

    void deleteMountArtifact(MountArtifact a) {
        call(() -> switch (a.kind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(a.namespace()).withName(a.name()).delete();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(a.namespace()).withName(a.name()).delete();
            case "Service" -> {
                var s = client.services().inNamespace(a.namespace()).withName(a.name()).get();
                if (s != null && (s.getSpec() == null || s.getSpec().getSelector() == null
                        || !s.getSpec().getSelector().containsKey(DUPLICATION_ID))) {
                    throw new IllegalArgumentException("Service " + a.id() + " is no shadow Service; left alone");
                }
                yield client.services().inNamespace(a.namespace()).withName(a.name()).delete();
            }
            case "Pod" -> client.pods().inNamespace(a.namespace()).withName(a.name()).delete();
            default -> throw new IllegalArgumentException("not a mount artifact: " + a.id());
        });
    }

    private <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }
}
