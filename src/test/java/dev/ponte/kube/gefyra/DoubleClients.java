package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.kube.gefyra.GefyraOperatorDouble.Fault;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Part of {@link GefyraOperatorDouble}: the GefyraClient state machine of upstream operator/gefyra/clientstate.py as
 * handler/clients.py drives it, one step per run (each write triggers the next through the watch), with the
 * account handling of resources/serviceaccounts.py and the event and state writes of base.py.
 */
final class DoubleClients {
    private final GefyraOperatorDouble d;
    private final KubernetesClient client;
    /** providerParameter when a client went to ERROR: upstream acts again only on a change of the field. */
    private final Map<String, Object> parameterAtError = new ConcurrentHashMap<>();
    private static final Object NONE = new Object();

    DoubleClients(GefyraOperatorDouble d) {
        this.d = d;
        this.client = d.client;
    }

    void forget(String name) {
        parameterAtError.remove(name);
    }

    void reconcileClient(String name) {
        if (!d.startup.operatorRunning) {
            return; // on start-up the operator resumes every client (Kopf's on.resume)
        }
        GenericKubernetesResource r = Kind.CLIENT.in(client).withName(name).get();
        if (r == null) {
            return;
        }
        if (r.getMetadata().getDeletionTimestamp() != null) {
            step(r, Stage.CLIENT_TERMINATE, this::terminate);
            return;
        }
        if (!r.getFinalizers().contains(GefyraResources.FINALIZER)) {
            DoubleSupport.addFinalizer(client, Kind.CLIENT, r); // Kopf, before the first handler
            return;
        }
        Object parameter = r.getAdditionalProperties().get("providerParameter");
        boolean connect = truthy(parameter);
        switch (String.valueOf(r.getAdditionalProperties().getOrDefault("state", "REQUESTED"))) {
            case "REQUESTED" -> step(r, Stage.CLIENT_CREATE, this::create);
            case "CREATING" -> step(r, Stage.CLIENT_WAIT, this::toWaiting);
            case "WAITING" -> {
                if (connect) {
                    step(r, Stage.CLIENT_ENABLE, this::enable);
                }
            }
            case "ENABLING" -> {
                if (connect) {
                    step(r, Stage.CLIENT_ACTIVATE, this::activate);
                }
            }
            case "ACTIVE" -> {
                if (!connect) {
                    step(r, Stage.CLIENT_DISABLE, this::disable);
                }
            }
            case "DISABLING" -> step(r, Stage.CLIENT_WAIT, this::disabledToWaiting);
            case "ERROR" -> {
                // enable = ... | error.to(enabling); disable = ... | error.to(disabling)
                if (!Objects.equals(Objects.requireNonNullElse(parameter, NONE), parameterAtError.get(name))) {
                    parameterAtError.remove(name);
                    step(r, connect ? Stage.CLIENT_ENABLE : Stage.CLIENT_DISABLE, connect ? this::enable : this::disable);
                }
            }
            default -> { }
        }
    }

    private void step(GenericKubernetesResource r, Stage stage, Consumer<GenericKubernetesResource> action) {
        Fault fault = d.faults.get(stage);
        if (fault == null) {
            action.accept(r);
        } else if (fault == Fault.ERROR && !"ERROR".equals(r.getAdditionalProperties().get("state"))
                && stage != Stage.CLIENT_TERMINATE) {
            // impair = error.from_(requested, creating, waiting, active, error)
            parameterAtError.put(r.getMetadata().getName(), Objects.requireNonNullElse(
                    r.getAdditionalProperties().get("providerParameter"), NONE));
            event(r, "GefyraClient state change", "GefyraClient '" + name(r) + "' failed in step " + stage, "Warning");
            writeState(r, "ERROR");
        }
        // HOLD (and a failing delete handler): nothing happens; Kopf would retry later
    }

    /** create: REQUESTED → CREATING, on_create + create_service_account. */
    private void create(GenericKubernetesResource r) {
        String name = name(r);
        event(r, "GefyraClient state change", "GefyraClient '" + name + "' is being created", "Normal");
        if (d.options.disableClientSaManagement()) {
            event(r, "GefyraClient ServiceAccount", "Skipping the ServiceAccount for GefyraClient '" + name
                    + "' (ServiceAccount management is disabled)", "Normal");
            writeState(r, "CREATING");
            return;
        }
        String sa = "gefyra-client-" + name;
        if (client.rbac().clusterRoles().withName(GefyraResources.CLIENT_CLUSTER_ROLE).get() == null) {
            createIgnoringConflict(clientClusterRole(name));
        }
        createIgnoringConflict(new ServiceAccountBuilder().withNewMetadata().withName(sa).withNamespace(NAMESPACE)
                .endMetadata().build());
        createIgnoringConflict(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName(GefyraResources.CLIENT_BINDING_PREFIX + name).endMetadata()
                .addNewSubject().withKind("ServiceAccount").withName(sa).withNamespace(NAMESPACE).endSubject()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", GefyraResources.CLIENT_CLUSTER_ROLE)
                .build());
        // get_serviceaccount_data: a token Secret; the double also plays the token controller that fills it
        Map<String, String> data = Map.of(
                "token", DoubleSupport.base64("eyJhbGciOiJSUzI1NiJ9.double-token-for-" + sa + ".c2lnbmF0dXJl"),
                "ca.crt", DoubleSupport.base64(AdmissionCertificate.PEM), // any PEM: the mock speaks plain HTTP
                "namespace", DoubleSupport.base64(NAMESPACE));
        createIgnoringConflict(new SecretBuilder().withNewMetadata().withName(sa + "-token").withNamespace(NAMESPACE)
                .addToAnnotations("kubernetes.io/service-account.name", sa).endMetadata()
                .withType("kubernetes.io/service-account-token").withData(data).build());
        DoubleSupport.mergePatch(client, Kind.CLIENT, name, Map.of("serviceAccountName", sa, "serviceAccountData", data));
        event(r, "GefyraClient ServiceAccount", "ServiceAccount for GefyraClient '" + name + "' created '" + sa
                + "' in namespace '" + NAMESPACE + "' ", "Normal");
        writeState(r, "CREATING");
    }

    /** The rules of ClusterRole gefyra-client; {@code delete} is limited to the first client's name (section 13). */
    private static HasMetadata clientClusterRole(String firstClient) {
        return new ClusterRoleBuilder().withNewMetadata().withName(GefyraResources.CLIENT_CLUSTER_ROLE).endMetadata()
                .addNewRule().withApiGroups("gefyra.dev").withResources("gefyraclients").withVerbs("delete")
                .withResourceNames(firstClient).endRule()
                .addNewRule().withApiGroups("gefyra.dev").withResources("gefyraclients")
                .withVerbs("list", "patch", "get").endRule()
                .addNewRule().withApiGroups("gefyra.dev").withResources("gefyrabridges")
                .withVerbs("list", "get", "create", "patch", "delete", "watch").endRule()
                .addNewRule().withApiGroups("gefyra.dev").withResources("gefyrabridgemounts")
                .withVerbs("list", "get", "create", "patch", "delete", "watch").endRule()
                .addNewRule().withApiGroups("").withResources("pods/exec", "pods/status").withVerbs("create", "get")
                .endRule()
                .addNewRule().withApiGroups("").withResources("events").withVerbs("list", "get", "watch").endRule()
                .addNewRule().withApiGroups("", "apps")
                .withResources("pods", "deployments", "statefulsets", "replicasets", "namespaces")
                .withVerbs("list", "get").endRule()
                .addNewRule().withApiGroups("").withResources("namespaces").withVerbs("delete")
                .withResourceNames(NAMESPACE).endRule()
                .build();
    }

    /** wait: CREATING → WAITING, on_waiting posts reason Ready. */
    private void toWaiting(GenericKubernetesResource r) {
        event(r, "Ready", "GefyraClient '" + name(r) + "' is ready to accept a client connection request", "Normal");
        writeState(r, "WAITING");
    }

    /** enable: WAITING → ENABLING, guarded by can_add_client, which adds the peer (and restarts Stowaway). */
    @SuppressWarnings("unchecked")
    private void enable(GenericKubernetesResource r) {
        Map<String, Object> parameter = (Map<String, Object>) r.getAdditionalProperties().get("providerParameter");
        if (!d.stowaway.exists(name(r))) {
            d.stowaway.add(name(r), String.valueOf(parameter.get("subnet")));
            event(r, "GefyraClient connection", "GefyraClient '" + name(r) + "' connection requested with '"
                    + parameter + "'", "Normal");
        }
        writeState(r, "ENABLING");
    }

    /** activate: ENABLING → ACTIVE, enable_connection patches providerConfig. */
    private void activate(GenericKubernetesResource r) {
        Map<String, String> config = d.stowaway.providerConfig(name(r));
        DoubleSupport.mergePatch(client, Kind.CLIENT, name(r), Map.of("providerConfig", config));
        event(r, "GefyraClient connection", "GefyraClient '" + name(r) + "' connecting via 'Interface.Address "
                + config.get("Interface.Address") + "'", "Normal");
        writeState(r, "ACTIVE");
    }

    /** disable: ACTIVE → DISABLING; on_disable removes the client's bridges. */
    private void disable(GenericKubernetesResource r) {
        event(r, "GefyraClient state change", "GefyraClient '" + name(r) + "' is being disabled", "Normal");
        deleteBridgesOf(name(r));
        writeState(r, "DISABLING");
    }

    /** wait: DISABLING → WAITING, before=disable_connection; then the field handler nulls status.wireguard. */
    private void disabledToWaiting(GenericKubernetesResource r) {
        if (d.stowaway.exists(name(r))) {
            d.stowaway.remove(name(r));
        }
        DoubleSupport.mergePatch(client, Kind.CLIENT, name(r), "{\"providerConfig\":null}");
        toWaiting(r);
        DoubleSupport.mergePatch(client, Kind.CLIENT, name(r), "{\"status\":{\"wireguard\":null}}");
    }

    /** terminate (on delete, behind the finalizer): peer, binding, account and bridges go; then the finalizer. */
    private void terminate(GenericKubernetesResource r) {
        String name = name(r);
        event(r, "GefyraClient state change", "GefyraClient '" + name + "' is being terminated", "Normal");
        if (d.stowaway.exists(name)) {
            d.stowaway.remove(name);
        }
        client.rbac().clusterRoleBindings().withName(GefyraResources.CLIENT_BINDING_PREFIX + name).delete();
        client.serviceAccounts().inNamespace(NAMESPACE).withName("gefyra-client-" + name).delete();
        client.secrets().inNamespace(NAMESPACE).withName("gefyra-client-" + name + "-token").delete(); // GC of the token
        deleteBridgesOf(name);
        DoubleSupport.removeFinalizer(client, Kind.CLIENT, r);
    }

    /** cleanup_all_bridges: the client's bridges, by label {@code gefyra.dev/client}. */
    private void deleteBridgesOf(String clientName) {
        Kind.BRIDGE.in(client).withLabel("gefyra.dev/client", clientName).list().getItems()
                .forEach(b -> Kind.BRIDGE.in(client).withName(b.getMetadata().getName()).delete());
    }

    private void writeState(GenericKubernetesResource r, String state) {
        d.stateHistory.computeIfAbsent(name(r), n -> new CopyOnWriteArrayList<>()).add(state); // before anyone sees it
        DoubleSupport.writeState(client, Kind.CLIENT, name(r), state);
    }

    private void event(GenericKubernetesResource r, String reason, String note, String type) {
        DoubleSupport.postObjectEvent(client, r, "GefyraClient", reason, note, type);
    }

    private void createIgnoringConflict(HasMetadata object) {
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private static String name(GenericKubernetesResource r) {
        return r.getMetadata().getName();
    }

    /** Python truthiness of a JSON value, as {@code bool(new)} in handler/clients.py. */
    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Map<?, ?> m -> !m.isEmpty();
            case List<?> l -> !l.isEmpty();
            case String s -> !s.isEmpty();
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            default -> true;
        };
    }
}
