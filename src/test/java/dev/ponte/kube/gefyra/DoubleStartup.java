package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.kube.gefyra.GefyraOperatorDouble.Fault;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part of {@link GefyraOperatorDouble}: what the operator's pods do when they start. Follows upstream
 * operator/gefyra/handler/startup.py ({@code check_gefyra_components}, {@code start_connection_providers}),
 * resources/crds.py, connection/stowaway/components.py and resources/{configmaps,serviceaccounts,statefulsets}.py,
 * resources/events.py ({@code create_operator_ready_event}, {@code create_operator_webhook_ready_event}) and
 * handler/configure_webhook.py (the webhook posts its event on the first liveness check).
 */
final class DoubleStartup {
    private final GefyraOperatorDouble d;
    private final KubernetesClient client;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final AtomicInteger restarts = new AtomicInteger();
    volatile boolean operatorRunning;
    volatile boolean webhookServing;

    DoubleStartup(GefyraOperatorDouble d) {
        this.d = d;
        this.client = d.client;
    }

    int restarts() {
        return restarts.get();
    }

    void onDeployment(String name) {
        Deployment dep = client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
        if (dep == null || started.contains(dep.getMetadata().getUid())) {
            return;
        }
        boolean operator = GefyraResources.OPERATOR_DEPLOYMENT.equals(name);
        if (!operator && !GefyraResources.WEBHOOK_DEPLOYMENT.equals(name)) {
            return;
        }
        Stage stage = operator ? Stage.OPERATOR_STARTUP : Stage.WEBHOOK_STARTUP;
        if (!d.proceed(stage)) {
            if (d.faults.get(stage) == Fault.ERROR && started.add(dep.getMetadata().getUid() + "/failed")) {
                DoubleSupport.postEvent(client, name + "-failed-" + Instant.now().toEpochMilli(), "BackOff",
                        "Back-off restarting failed container gefyra", "Warning", "Restart", "kubelet", "Pod",
                        name + "-pod", "v1", null);
            }
            return;
        }
        String image = dep.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
        if (operator) {
            kubeletPulled(name, image);
            setReady(name); // the pod runs before the start-up handlers finish: readiness alone proves little
            startOperator(dep);
            DoubleSupport.postEvent(client, "gefyra-operator-startup-" + Instant.now().toEpochMilli() / 1000.0,
                    GefyraResources.REASON_OPERATOR_READY, "Operator has been started configured successfully",
                    "Normal", "Startup", "gefyra-operator", "deployment", GefyraResources.OPERATOR_DEPLOYMENT, null, null);
            operatorRunning = true;
            d.resync();
        } else {
            setReady(name);
            webhookServing = true;
            // fixed name, a 409 is ignored: one event per namespace lifetime (resources/events.py)
            DoubleSupport.postEvent(client, "gefyra-operator-webhook-startup", GefyraResources.REASON_WEBHOOK_READY,
                    "Operator Webhook has been started configured successfully", "Normal", "Startup",
                    "gefyra-operator-webhook", "deployment", GefyraResources.WEBHOOK_DEPLOYMENT, null, null);
        }
        started.add(dep.getMetadata().getUid());
    }

    void onDeploymentDeleted(String name) {
        if (GefyraResources.OPERATOR_DEPLOYMENT.equals(name)) {
            operatorRunning = false;
        } else if (GefyraResources.WEBHOOK_DEPLOYMENT.equals(name)) {
            webhookServing = false;
        }
    }

    /** The namespace controller's job, which the mock lacks: a deleted namespace takes its contents along. */
    void onNamespaceDeleted() {
        operatorRunning = false;
        webhookServing = false;
        client.apps().deployments().inNamespace(NAMESPACE).delete();
        client.apps().statefulSets().inNamespace(NAMESPACE).delete();
        client.pods().inNamespace(NAMESPACE).delete();
        client.services().inNamespace(NAMESPACE).delete();
        client.serviceAccounts().inNamespace(NAMESPACE).delete();
        client.configMaps().inNamespace(NAMESPACE).delete();
        client.secrets().inNamespace(NAMESPACE).delete();
        client.v1().events().inNamespace(NAMESPACE).delete();
        for (Kind kind : Kind.values()) {
            kind.in(client).list().getItems().forEach(r -> {
                DoubleSupport.mergePatch(client, kind, r.getMetadata().getName(), "{\"metadata\":{\"finalizers\":null}}");
                kind.in(client).withName(r.getMetadata().getName()).delete();
            });
        }
    }

    private void kubeletPulled(String deployment, String image) {
        String pod = deployment + "-7d9c5b6f4-x2x7q";
        DoubleSupport.postEvent(client, pod + ".pulling." + System.nanoTime(), "Pulling",
                "Pulling image \"" + image + "\"", "Normal", null, "kubelet", "Pod", pod, "v1", null);
        DoubleSupport.postEvent(client, pod + ".pulled." + System.nanoTime(), "Pulled",
                "Successfully pulled image \"" + image + "\" in 1.2s", "Normal", null, "kubelet", "Pod", pod, "v1", null);
    }

    private void setReady(String name) {
        Deployment dep = client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
        dep.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withReadyReplicas(1).withAvailableReplicas(1).build());
        client.apps().deployments().inNamespace(NAMESPACE).resource(dep).updateStatus();
    }

    /** startup.py: CRDs (409 only logged), then the Stowaway provider's install and readiness. */
    private void startOperator(Deployment operator) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : operator.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()) {
            env.put(e.getName(), e.getValue());
        }
        for (Kind kind : Kind.values()) {
            createIgnoringConflict(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(kind.crdName()).endMetadata()
                    .withNewSpec().withGroup(GefyraResources.GROUP).withScope("Namespaced")
                    .withNewNames().withKind(kind.kind).withPlural(kind.plural)
                    .withShortNames(kind.plural.replace("gefyra", "g").replaceAll("s$", ""),
                            kind.plural.replace("gefyra", "g")).endNames()
                    .addNewVersion().withName(GefyraResources.VERSION).withServed(true).withStorage(true)
                    .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                    .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                    .endVersion()
                    .endSpec().build());
        }
        Map<String, String> stowaway = GefyraManifests.STOWAWAY_LABELS;
        createIgnoringConflict(new ServiceAccountBuilder().withNewMetadata().withName("gefyra-stowaway")
                .withNamespace(NAMESPACE).withLabels(Map.of("gefyra.dev/app", "stowaway")).endMetadata().build());
        // create, or replace with the defaults: an operator restart resets peers and routes (section 13)
        createOrReplace(new ConfigMapBuilder().withNewMetadata().withName("gefyra-stowaway-proxyroutes")
                .withNamespace(NAMESPACE).withLabels(Map.of("gefyra.dev/app", "stowaway", "gefyra.dev/role", "proxyroute"))
                .endMetadata().withData(Map.of()).build());
        createOrReplace(new ConfigMapBuilder().withNewMetadata().withName(DoubleStowaway.CONFIG_MAP)
                .withNamespace(NAMESPACE).withLabels(Map.of("gefyra.dev/app", "stowaway", "gefyra.dev/role", "connection"))
                .endMetadata().withData(GefyraManifests.ordered("PEERS", "0", "SERVERPORT", "31820", "PUID", "1000",
                        "PGID", "1000", "PEERDNS", "auto", "INTERNAL_SUBNET", "192.168.99.0",
                        "DEFAULT_MAX_CONNECTION_AGE", "-1", "LOG_CONFS", "false")).build());
        d.stowaway.reset();
        String image = env.getOrDefault("GEFYRA_STOWAWAY_IMAGE", "quay.io/gefyra/stowaway") + ":"
                + env.getOrDefault("GEFYRA_STOWAWAY_TAG", "latest");
        // abbreviated from statefulsets.py: probes, resources, volumes and the PVC template left out
        createIgnoringConflict(new StatefulSetBuilder().withNewMetadata().withName("gefyra-stowaway")
                .withNamespace(NAMESPACE).withLabels(stowaway).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("gefyra-stowaway")
                .withNewSelector().withMatchLabels(stowaway).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(stowaway).endMetadata().withNewSpec()
                .withServiceAccountName("gefyra-stowaway")
                .addNewContainer().withName("stowaway").withImage(image).endContainer()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(1).withReadyReplicas(1).endStatus().build());
        startStowawayPod(image);
    }

    /** Stowaway's pod, Ready (its probes pass at once in the double). */
    void startStowawayPod(String image) {
        createIgnoringConflict(new PodBuilder().withNewMetadata().withName(GefyraResources.STOWAWAY_POD)
                .withNamespace(NAMESPACE).withLabels(GefyraManifests.STOWAWAY_LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("stowaway").withImage(image).endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("stowaway").withImage(image)
                .withReady(true).withStarted(true).withRestartCount(0).endContainerStatus().endStatus()
                .build());
    }

    /** stowaway/__init__.py {@code _restart_stowaway}: delete the pod (grace 0), the StatefulSet makes a new one. */
    void restartStowaway() {
        var pod = client.pods().inNamespace(NAMESPACE).withName(GefyraResources.STOWAWAY_POD);
        var current = pod.get();
        String image = current == null ? "quay.io/gefyra/stowaway" : current.getSpec().getContainers().getFirst().getImage();
        pod.withGracePeriod(0).delete();
        startStowawayPod(image);
        restarts.incrementAndGet();
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

    private void createOrReplace(ConfigMap map) {
        try {
            client.resource(map).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            client.configMaps().inNamespace(NAMESPACE).withName(map.getMetadata().getName())
                    .edit(current -> new ConfigMapBuilder(current).withData(map.getData()).build());
        }
    }
}
