package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part of {@link GefyraOperatorDouble}: GefyraBridgeMounts with provider {@code carrier2mount}, following upstream
 * operator/gefyra/bridge_mount_state.py (states, events), handler/bridge_mounts.py (one step per run),
 * bridge_mount/carrier2mount/__init__.py ({@code _clone_workload_structure}, {@code _duplicate_workload},
 * {@code install}, {@code ready}, {@code uninstall}, {@code _store_pod_original_config}) and bridge_mount/utils.py
 * (names, Service ports, probes).
 * <ul>
 *   <li>REQUESTED → PREPARING: the shadow copy {@code <name>-gefyra} (label values get {@code -gefyra}, also the
 *       selector and the pod template; pod label {@code bridge.gefyra.dev/duplication-id}; the two annotations
 *       upstream filters are dropped) and Service {@code <workload>-<container>-gefyra-svc}. A missing target →
 *       ERROR. The mock has no controllers, so the double also plays the shadow's controller: one shadow pod per
 *       original pod, Ready when the original is.</li>
 *   <li>PREPARING → INSTALLING only once a shadow pod is Ready (no ready target pods: it stays, and goes on when a
 *       pod changes). Pods of more than one owner (a rollout) or an exec/tcpSocket probe on the target container:
 *       Warning "Failed to install GefyraBridgeMount" and ERROR. Otherwise {@code originalConfig} per pod in
 *       ConfigMap {@code gefyra-carrier2-restore-configmap} and the target container's image set to Carrier2 on
 *       each Pod (the kubelet's restart is simulated in the pod's status).</li>
 *   <li>INSTALLING → ACTIVE when every original pod is Ready: event {@code Ready}, then the state.</li>
 *   <li>Delete (Kopf's finalizer): shadow workload, its pods and Service go; the pods get their original image,
 *       command and args back from the ConfigMap (standing in for the rollout restart upstream triggers with the
 *       template annotation {@code kubectl.kubernetes.io/restartedAt}, which is set too), the entries are removed
 *       (upstream leaves them behind; the restarted pods have new names), the mount's bridges are deleted.</li>
 * </ul>
 * Not simulated: Carrier2's config commit (no exec on the mock), HPA copies, TLS, the MISSING state and the
 * 60 s reconcile; upstream leaves ERROR again through RESTORING every 10 s, the double stays in ERROR.
 */
final class DoubleMounts {
    private static final Logger LOG = LoggerFactory.getLogger(DoubleMounts.class);
    static final String RESTORE_CONFIG_MAP = "gefyra-carrier2-restore-configmap";
    static final String DUPLICATION_ID = "bridge.gefyra.dev/duplication-id";
    private static final String GEFYRA = "-gefyra";

    /** What the double last wrote or read for a mount: the admission hook reads it (it must not call the server). */
    record Seen(String target, String targetNamespace, String state) {
    }

    private final GefyraOperatorDouble d;
    private final KubernetesClient client;
    final Map<String, Seen> seen = new ConcurrentHashMap<>();

    DoubleMounts(GefyraOperatorDouble d) {
        this.d = d;
        this.client = d.client;
    }

    /** A pod changed outside {@code gefyra}: mounts that wait for ready pods look again (Kopf's retry). */
    void onPod(Pod pod) {
        if (NAMESPACE.equals(pod.getMetadata().getNamespace())) {
            return;
        }
        seen.forEach((name, s) -> {
            if (!"ACTIVE".equals(s.state()) && !"ERROR".equals(s.state())) {
                d.schedule(Kind.MOUNT + "/" + name, () -> reconcile(name));
            }
        });
    }

    void reconcile(String name) {
        if (!d.startup.operatorRunning) {
            return;
        }
        GenericKubernetesResource r = Kind.MOUNT.in(client).withName(name).get();
        if (r == null) {
            seen.remove(name);
            return;
        }
        Map<String, Object> f = r.getAdditionalProperties();
        String state = Objects.toString(f.getOrDefault("state", "REQUESTED"));
        seen.put(name, new Seen(str(f.get("target")), str(f.get("targetNamespace")), state));
        if (r.getMetadata().getDeletionTimestamp() != null) {
            if (d.proceed(Stage.MOUNT_TERMINATE)) {
                terminate(r);
            }
            return;
        }
        if (!r.getFinalizers().contains(GefyraResources.FINALIZER)) {
            DoubleSupport.addFinalizer(client, Kind.MOUNT, r);
            return;
        }
        switch (state) {
            case "REQUESTED" -> arrange(r);
            case "PREPARING" -> install(r);
            case "INSTALLING" -> activate(r);
            default -> { } // ACTIVE and ERROR: nothing until deleted (see the class comment)
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // PREPARING

    private void arrange(GenericKubernetesResource r) {
        Target t = target(r);
        HasMetadata workload = t == null ? null : t.read(client);
        if (workload == null) {
            fail(r, t == null ? "Target format is not correctly specified: " + str(r.getAdditionalProperties().get("target"))
                    : "Workload target " + t.target() + " (type '" + t.type() + "') in namespace '" + t.namespace()
                    + "' not found.");
            return;
        }
        HasMetadata shadow = cloneWorkload(workload);
        client.resource(shadow).inNamespace(t.namespace()).create();
        event(r, "Cluster upstream", "Created cluster upstream '" + shadow.getMetadata().getName()
                + "' for target workload '" + t.name() + "' in namespace '" + t.namespace() + "'.", "Normal");
        String svc = shadowServiceName(t.name(), t.container());
        client.services().inNamespace(t.namespace()).resource(new ServiceBuilder()
                .withNewMetadata().withName(svc).withLabels(shadow.getMetadata().getLabels()).endMetadata()
                .withNewSpec().withSelector(Map.of(DUPLICATION_ID, duplicationId(shadow)))
                .withPorts(servicePorts(podSpec(workload), t.container())).endSpec().build()).create();
        event(r, "Cluster upstream service", "Created cluster upstream service '" + svc + "' in namespace '"
                + t.namespace() + "'.", "Normal");
        writeState(r, "PREPARING");
    }

    /** {@code _clone_workload_structure}: a deep copy with {@code -gefyra} label values and a duplication id. */
    static HasMetadata cloneWorkload(HasMetadata workload) {
        HasMetadata copy = Serialization.clone(workload);
        ObjectMeta meta = copy.getMetadata();
        meta.setLabels(suffixed(meta.getLabels()));
        meta.setResourceVersion(null);
        meta.setUid(null);
        meta.setCreationTimestamp(null);
        meta.setName(conformName(workload.getMetadata().getName(), GEFYRA));
        String id = UUID.randomUUID().toString();
        switch (copy) {
            case Deployment dep -> {
                relabel(dep.getSpec().getTemplate(), id);
                dep.getSpec().getSelector().setMatchLabels(suffixed(dep.getSpec().getSelector().getMatchLabels()));
                dep.setStatus(null);
            }
            case StatefulSet sts -> {
                relabel(sts.getSpec().getTemplate(), id);
                sts.getSpec().getSelector().setMatchLabels(suffixed(sts.getSpec().getSelector().getMatchLabels()));
                sts.setStatus(null);
            }
            default -> meta.getLabels().put(DUPLICATION_ID, id);
        }
        Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        annotations.remove("deployment.kubernetes.io/revision");
        meta.setAnnotations(annotations);
        return copy;
    }

    private static void relabel(PodTemplateSpec template, String id) {
        Map<String, String> labels = suffixed(template.getMetadata().getLabels());
        labels.put(DUPLICATION_ID, id);
        template.getMetadata().setLabels(labels);
    }

    private static Map<String, String> suffixed(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> out.put(k, conformName(v, GEFYRA)));
        }
        return out;
    }

    /** bridge_mount/utils.py {@code generate_k8s_conform_name}: cut to 63 with the suffix kept. */
    static String conformName(String name, String suffix) {
        return name.length() + suffix.length() <= 63 ? name + suffix : name.substring(0, 63 - suffix.length()) + suffix;
    }

    static String shadowServiceName(String workload, String container) {
        return conformName(workload + "-" + container, "-gefyra-svc");
    }

    private static String duplicationId(HasMetadata shadow) {
        return switch (shadow) {
            case Deployment dep -> dep.getSpec().getTemplate().getMetadata().getLabels().get(DUPLICATION_ID);
            case StatefulSet sts -> sts.getSpec().getTemplate().getMetadata().getLabels().get(DUPLICATION_ID);
            default -> shadow.getMetadata().getLabels().get(DUPLICATION_ID);
        };
    }

    /** {@code get_ports_for_workload}: {@code <port>-<idx>}, port = targetPort = containerPort. */
    private static List<io.fabric8.kubernetes.api.model.ServicePort> servicePorts(PodSpec spec, String container) {
        List<io.fabric8.kubernetes.api.model.ServicePort> ports = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            if (c.getName().equals(container) && c.getPorts() != null) {
                for (int i = 0; i < c.getPorts().size(); i++) {
                    int p = c.getPorts().get(i).getContainerPort();
                    ports.add(new ServicePortBuilder().withName(p + "-" + i).withPort(p)
                            .withNewTargetPort(p).build());
                }
            }
        }
        return ports;
    }

    // ---------------------------------------------------------------------------------------------------------
    // INSTALLING

    /** {@code _bridge_mount_prepared} (a ready shadow pod), then {@code on_install} / {@code install}. */
    private void install(GenericKubernetesResource r) {
        Target t = target(r);
        HasMetadata workload = t.read(client);
        if (workload == null) {
            return; // upstream goes MISSING on its 60 s timer; not simulated
        }
        List<Pod> originals = t.pods(client, workload);
        if (!syncShadowPods(t, workload, originals)) {
            return; // "GefyraBridgeMount not yet prepared": retried when a pod changes
        }
        event(r, "GefyraBridgeMount state change", "GefyraBridgeMount '" + name(r) + "' is being installed", "Normal");
        String problem = installProblem(originals, t.container());
        if (problem != null) {
            writeState(r, "INSTALLING");
            fail(r, problem);
            return;
        }
        String image = carrierImage();
        for (int i = 0; i < originals.size(); i++) {
            Pod pod = originals.get(i);
            Container c = container(pod.getSpec(), t.container());
            storeOriginalConfig(t.namespace(), pod.getMetadata().getName(), c);
            if (!image.equals(c.getImage())) {
                event(r, "Patching target pod", "Now patching Pod " + pod.getMetadata().getName() + " (" + (i + 1)
                        + " of " + originals.size() + " Pod(s)); container " + t.container() + " with Carrier2", "Normal");
                setContainer(t.namespace(), pod.getMetadata().getName(), t.container(), image, c.getCommand(), c.getArgs());
            }
            event(r, "Update Carrier2", "Commiting Carrier2 config to Pod " + pod.getMetadata().getName() + " (" + (i + 1)
                    + " of " + originals.size() + " Pod(s))", "Normal");
        }
        writeState(r, "INSTALLING");
    }

    /** The refusals of {@code install}, in upstream's order; null when Carrier2 may be installed. */
    static String installProblem(List<Pod> originals, String container) {
        long owners = originals.stream().map(p -> p.getMetadata().getOwnerReferences())
                .filter(o -> o != null && !o.isEmpty()).map(o -> o.getFirst().getName()).distinct().count();
        if (owners > 1) {
            return "Cannot install Gefyra Carrier2 on pods controlled by more than one controller.";
        }
        for (Pod pod : originals) {
            Container c = container(pod.getSpec(), container);
            if (c == null) {
                return "Container " + container + " not found in Pod " + pod.getMetadata().getName();
            }
            boolean incompatible = Stream.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())
                    .filter(Objects::nonNull).anyMatch(p -> p.getExec() != null || p.getTcpSocket() != null);
            if (incompatible) {
                return "Probes not compatible";
            }
        }
        return null;
    }

    /** The shadow controller's job: a pod per original pod, Ready as the original is. True when one is Ready. */
    private boolean syncShadowPods(Target t, HasMetadata workload, List<Pod> originals) {
        String shadowName = conformName(t.name(), GEFYRA);
        boolean anyReady = false;
        for (int i = 0; i < originals.size(); i++) {
            Pod original = originals.get(i);
            boolean ready = MountDiagnosis.containerReady(original, t.container());
            anyReady |= ready;
            String podName = workload instanceof Pod ? shadowName : shadowName + "-double-" + i;
            Pod shadow = client.pods().inNamespace(t.namespace()).withName(podName).get();
            if (shadow == null) {
                Map<String, String> labels = shadowPodLabels(t);
                client.pods().inNamespace(t.namespace()).resource(new PodBuilder()
                        .withNewMetadata().withName(podName).withLabels(labels).endMetadata()
                        .withSpec(Serialization.clone(original.getSpec()))
                        .withStatus(Serialization.clone(original.getStatus())).build()).create();
            } else if (!Objects.equals(Serialization.asJson(shadow.getStatus()), Serialization.asJson(original.getStatus()))) {
                shadow.setStatus(Serialization.clone(original.getStatus()));
                client.pods().inNamespace(t.namespace()).resource(shadow).update();
            }
        }
        return anyReady;
    }

    private Map<String, String> shadowPodLabels(Target t) {
        HasMetadata shadow = t.shadow(client);
        return switch (shadow) {
            case Deployment dep -> dep.getSpec().getTemplate().getMetadata().getLabels();
            case StatefulSet sts -> sts.getSpec().getTemplate().getMetadata().getLabels();
            case null -> Map.of();
            default -> shadow.getMetadata().getLabels();
        };
    }

    /** {@code _store_pod_original_config}: JSON-patch add {@code /data/<ns>-<pod>}, or create the ConfigMap. */
    private void storeOriginalConfig(String namespace, String pod, Container c) {
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("image", c.getImage());
        original.put("command", c.getCommand() == null || c.getCommand().isEmpty() ? null : c.getCommand());
        original.put("args", c.getArgs() == null || c.getArgs().isEmpty() ? null : c.getArgs());
        String value = Serialization.asJson(Map.of("originalConfig", original));
        var map = client.configMaps().inNamespace(NAMESPACE).withName(RESTORE_CONFIG_MAP);
        if (map.get() == null) {
            client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(RESTORE_CONFIG_MAP).endMetadata().withData(Map.of(namespace + "-" + pod, value)).build())
                    .create();
        } else {
            map.edit(cm -> {
                Map<String, String> data = new LinkedHashMap<>(cm.getData() == null ? Map.of() : cm.getData());
                data.put(namespace + "-" + pod, value);
                return new ConfigMapBuilder(cm).withData(data).build();
            });
        }
    }

    /** Patches the container and plays the kubelet: the container restarts with the new image. */
    private void setContainer(String namespace, String pod, String container, String image, List<String> command,
                              List<String> args) {
        client.pods().inNamespace(namespace).withName(pod).edit(p -> {
            Container c = container(p.getSpec(), container);
            c.setImage(image);
            c.setCommand(command == null ? new ArrayList<>() : command);
            c.setArgs(args == null ? new ArrayList<>() : args);
            if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
                    if (container.equals(s.getName())) {
                        s.setImage(image);
                        s.setRestartCount(Objects.requireNonNullElse(s.getRestartCount(), 0) + 1);
                    }
                }
            }
            return p;
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // ACTIVE

    /** {@code _bridge_mount_finished}: ready() → event Ready, then ACTIVE. */
    private void activate(GenericKubernetesResource r) {
        Target t = target(r);
        HasMetadata workload = t.read(client);
        if (workload == null) {
            return;
        }
        List<Pod> originals = t.pods(client, workload);
        String image = carrierImage();
        boolean ready = !originals.isEmpty() && originals.stream().allMatch(p ->
                MountDiagnosis.containerReady(p, t.container()) && image.equals(container(p.getSpec(), t.container()).getImage()))
                && syncShadowPods(t, workload, originals);
        if (ready) {
            event(r, "Ready", "GefyraBridgeMount '" + name(r) + "' is ready", "Normal");
            writeState(r, "ACTIVE");
            // bridges that waited for this mount go on (upstream: their 1 s retry)
            Kind.BRIDGE.in(client).withLabel(BridgeMapper.LABEL_MOUNT, name(r)).list().getItems().forEach(b ->
                    d.schedule(Kind.BRIDGE + "/" + b.getMetadata().getName(), () -> d.bridges.reconcile(Kind.BRIDGE,
                            b.getMetadata().getName())));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // delete

    /** {@code on_terminate}: uninstall (each part best effort, as upstream logs and goes on), then the bridges. */
    private void terminate(GenericKubernetesResource r) {
        Target t = target(r);
        if (t != null) {
            try {
                HasMetadata shadow = t.shadow(client);
                if (shadow != null) {
                    client.resource(shadow).delete();
                }
                client.pods().inNamespace(t.namespace()).withLabel(DUPLICATION_ID).list().getItems().stream()
                        .filter(p -> p.getMetadata().getName().startsWith(conformName(t.name(), GEFYRA)))
                        .forEach(p -> client.resource(p).withGracePeriod(0).delete());
                client.services().inNamespace(t.namespace()).withName(shadowServiceName(t.name(), t.container())).delete();
                restoreOriginalWorkload(t);
            } catch (KubernetesClientException | IllegalStateException e) {
                LOG.info("Operator double: could not uninstall mount {}: {}", name(r), e.toString());
            }
        }
        Kind.BRIDGE.in(client).withLabel(BridgeMapper.LABEL_MOUNT, name(r)).list().getItems()
                .forEach(b -> Kind.BRIDGE.in(client).withName(b.getMetadata().getName()).delete());
        seen.remove(name(r));
        d.restored.add(Kind.MOUNT.display + "/" + name(r));
        DoubleSupport.removeFinalizer(client, Kind.MOUNT, r);
    }

    /** {@code restore_original_workload}, with the rollout's effect done by hand (the mock has no controllers). */
    @SuppressWarnings("unchecked")
    private void restoreOriginalWorkload(Target t) {
        HasMetadata workload = t.read(client);
        if (workload == null) {
            return;
        }
        PodTemplateSpec template = switch (workload) {
            case Deployment dep -> dep.getSpec().getTemplate();
            case StatefulSet sts -> sts.getSpec().getTemplate();
            default -> null;
        };
        if (template != null) {
            String now = LocalDateTime.now().toString();
            client.resource(workload).edit(w -> {
                PodTemplateSpec tpl = w instanceof Deployment dep ? dep.getSpec().getTemplate()
                        : ((StatefulSet) w).getSpec().getTemplate();
                Map<String, String> annotations = new LinkedHashMap<>(tpl.getMetadata().getAnnotations() == null
                        ? Map.of() : tpl.getMetadata().getAnnotations());
                annotations.put("kubectl.kubernetes.io/restartedAt", now);
                tpl.getMetadata().setAnnotations(annotations);
                return w;
            });
        }
        var map = client.configMaps().inNamespace(NAMESPACE).withName(RESTORE_CONFIG_MAP).get();
        Map<String, String> data = map == null || map.getData() == null ? Map.of() : map.getData();
        List<String> used = new ArrayList<>();
        for (Pod pod : t.pods(client, workload)) {
            String key = t.namespace() + "-" + pod.getMetadata().getName();
            if (data.get(key) == null) {
                continue;
            }
            Map<String, Object> original = (Map<String, Object>) Serialization.unmarshal(data.get(key), Map.class)
                    .get("originalConfig");
            setContainer(t.namespace(), pod.getMetadata().getName(), t.container(), (String) original.get("image"),
                    (List<String>) original.get("command"), (List<String>) original.get("args"));
            used.add(key);
        }
        if (!used.isEmpty()) {
            client.configMaps().inNamespace(NAMESPACE).withName(RESTORE_CONFIG_MAP).edit(cm -> {
                Map<String, String> rest = new LinkedHashMap<>(cm.getData());
                used.forEach(rest::remove);
                return new ConfigMapBuilder(cm).withData(rest).build();
            });
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** {@code on_arrange}/{@code on_install} failing: Warning event, then ERROR ({@code impair}). */
    private void fail(GenericKubernetesResource r, String message) {
        event(r, "Failed to install GefyraBridgeMount", message, "Warning");
        writeState(r, "ERROR");
    }

    private void writeState(GenericKubernetesResource r, String state) {
        Map<String, Object> f = r.getAdditionalProperties();
        seen.put(name(r), new Seen(str(f.get("target")), str(f.get("targetNamespace")), state)); // before anyone sees it
        DoubleSupport.writeState(client, Kind.MOUNT, name(r), state);
    }

    private void event(GenericKubernetesResource r, String reason, String note, String type) {
        DoubleSupport.postObjectEvent(client, r, "GefyraBridgeMount", reason, note, type);
    }

    /** {@code <GEFYRA_CARRIER2_IMAGE>:<GEFYRA_CARRIER2_IMAGE_TAG>} from the operator's Deployment. */
    String carrierImage() {
        Deployment operator = client.apps().deployments().inNamespace(NAMESPACE)
                .withName(GefyraResources.OPERATOR_DEPLOYMENT).get();
        Map<String, String> env = new LinkedHashMap<>();
        if (operator != null) {
            operator.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()
                    .forEach(e -> env.put(e.getName(), e.getValue()));
        }
        return env.getOrDefault("GEFYRA_CARRIER2_IMAGE", "quay.io/gefyra/carrier2") + ":"
                + env.getOrDefault("GEFYRA_CARRIER2_IMAGE_TAG", "2.5.4");
    }

    static Container container(PodSpec spec, String name) {
        return spec.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    static PodSpec podSpec(HasMetadata workload) {
        return switch (workload) {
            case Deployment dep -> dep.getSpec().getTemplate().getSpec();
            case StatefulSet sts -> sts.getSpec().getTemplate().getSpec();
            case Pod pod -> pod.getSpec();
            default -> throw new IllegalStateException("not a workload: " + workload.getKind());
        };
    }

    private static Target target(GenericKubernetesResource r) {
        Map<String, Object> f = r.getAdditionalProperties();
        String target = str(f.get("target"));
        if (target == null || !target.contains("/")) {
            return null;
        }
        String type = switch (target.substring(0, target.indexOf('/')).toLowerCase(java.util.Locale.ROOT)) {
            case "deployment", "deploy", "deployments" -> "V1Deployment";
            case "statefulset", "sts", "statefulsets" -> "V1StatefulSet";
            case "pod", "po", "pods" -> "V1Pod";
            default -> null;
        };
        return type == null ? null : new Target(target, type, target.substring(target.indexOf('/') + 1),
                str(f.get("targetNamespace")), str(f.get("targetContainer")));
    }

    /** The mount's target, read like {@code _split_target_type_name} and {@code get_pods_workload}. */
    record Target(String target, String type, String name, String namespace, String container) {
        HasMetadata read(KubernetesClient client) {
            return read(client, name);
        }

        HasMetadata shadow(KubernetesClient client) {
            return read(client, conformName(name, GEFYRA));
        }

        private HasMetadata read(KubernetesClient client, String n) {
            return switch (type) {
                case "V1Deployment" -> client.apps().deployments().inNamespace(namespace).withName(n).get();
                case "V1StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(n).get();
                default -> client.pods().inNamespace(namespace).withName(n).get();
            };
        }

        /** The original pods: by the selector's matchLabels (a bare pod: by its own labels), sorted by name. */
        List<Pod> pods(KubernetesClient client, HasMetadata workload) {
            Map<String, String> selector = switch (workload) {
                case Deployment dep -> dep.getSpec().getSelector().getMatchLabels();
                case StatefulSet sts -> sts.getSpec().getSelector().getMatchLabels();
                default -> workload.getMetadata().getLabels();
            };
            if (selector == null || selector.isEmpty()) {
                return List.of();
            }
            List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).withLabels(selector).list().getItems());
            pods.removeIf(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().containsKey(DUPLICATION_ID));
            pods.sort(java.util.Comparator.comparing(p -> p.getMetadata().getName()));
            return pods;
        }
    }

    private static String name(GenericKubernetesResource r) {
        return r.getMetadata().getName();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
