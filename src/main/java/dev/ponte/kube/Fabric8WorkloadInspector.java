package dev.ponte.kube;

import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorkloadInspector} on a fabric8 client.
 *
 * <p>{@link #environment} follows upstream's {@code --env-from} ({@code client/gefyra/api/run.py},
 * {@code client/gefyra/cluster/utils.py}): find the workload's pods through its selector and owner references, pick
 * the newest whose container is Ready and running, exec {@code env} in it and, if that fails other than by a refusal
 * or a timeout, {@code busybox env} (a container running Carrier2 has only busybox). Upstream retries that pair up to ten times a
 * second apart and then gives up; Ponte tries it once and then works the values out from the pod template
 * ({@link TemplateEnvironment}), naming each value it cannot read. Values are never logged.
 */
public final class Fabric8WorkloadInspector implements WorkloadInspector {
    private static final Logger LOG = LoggerFactory.getLogger(Fabric8WorkloadInspector.class);
    /** How long one exec may take, from the websocket upgrade to the exit status. */
    static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);

    private final KubernetesClient client;
    private final Duration execTimeout;

    public Fabric8WorkloadInspector(KubernetesClient client) {
        this(client, EXEC_TIMEOUT);
    }

    Fabric8WorkloadInspector(KubernetesClient client, Duration execTimeout) {
        this.client = client;
        this.execTimeout = execTimeout;
    }

    @Override
    public List<dev.ponte.core.port.GefyraCluster.PodInfo> pods(String namespace, dev.ponte.core.model.WorkloadKind kind,
                                                               String name) {
        WorkloadPods.Target target = WorkloadPods.read(client, namespace, kind, name);
        return WorkloadPods.pods(client, target).pods().stream().map(PodInfos::of).toList();
    }

    @Override
    public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
        WorkloadPods.Target target = WorkloadPods.read(client, namespace, kind, name);
        java.util.Map<String, String> labels = target.template().getMetadata() == null
                || target.template().getMetadata().getLabels() == null ? java.util.Map.of()
                : target.template().getMetadata().getLabels();
        java.util.Map<String, Integer> named = new java.util.HashMap<>();
        for (Container c : target.template().getSpec().getContainers()) {
            if (c.getPorts() != null) {
                c.getPorts().stream().filter(p -> p.getName() != null).forEach(p -> named.put(p.getName(), p.getContainerPort()));
            }
        }
        List<ServicePort> out = new java.util.ArrayList<>();
        for (var svc : client.services().inNamespace(namespace).list().getItems()) {
            var selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
            if (selector == null || selector.isEmpty()
                    || !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
                continue;
            }
            for (var port : svc.getSpec().getPorts()) {
                var tp = port.getTargetPort();
                Integer target2 = tp == null ? port.getPort()
                        : tp.getIntVal() != null ? tp.getIntVal() : named.get(tp.getStrVal());
                if (target2 != null && (port.getProtocol() == null || "TCP".equals(port.getProtocol()))) {
                    out.add(new ServicePort(svc.getMetadata().getName(), port.getPort(), target2));
                }
            }
        }
        return out;
    }

    @Override
    public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        WorkloadPods.Target target = WorkloadPods.read(client, namespace, kind, name);
        WorkloadPods.Selected selected = WorkloadPods.pods(client, target);
        int ready = (int) selected.pods().stream().filter(WorkloadPods::ready).count();
        return new WorkloadDetail(kind, namespace, name, ContainerDetails.of(target.template()),
                selected.pods().size(), ready, target.statusRollout() || selected.mixedOwners());
    }

    @Override
    public EnvResolution environment(String namespace, WorkloadKind kind, String name, String container,
                                     CancellationToken cancel) {
        cancel.throwIfCancelled();
        WorkloadPods.Target target = WorkloadPods.read(client, namespace, kind, name);
        Container spec = container(target, container);
        WorkloadPods.Selected selected = WorkloadPods.pods(client, target);
        cancel.throwIfCancelled();

        Pod execPod = selected.pods().stream().filter(p -> WorkloadPods.execReady(p, spec.getName()))
                .findFirst().orElse(null);
        String why;
        if (execPod != null) {
            String podName = execPod.getMetadata().getName();
            String where = " in pod " + podName + ", container " + spec.getName();
            PodExec.Outcome env = PodExec.run(client, namespace, podName, spec.getName(), execTimeout, cancel, "env");
            if (env instanceof PodExec.Output out) {
                return fromExec(out, "env" + where);
            }
            PodExec.Failed failed = (PodExec.Failed) env;
            String reason = failed.reason();
            if (!failed.conclusive()) {
                PodExec.Outcome busybox = PodExec.run(client, namespace, podName, spec.getName(), execTimeout, cancel,
                        "busybox", "env");
                if (busybox instanceof PodExec.Output out) {
                    return fromExec(out, "busybox env" + where);
                }
                reason = reason + "; " + ((PodExec.Failed) busybox).reason();
            }
            LOG.info("Environment of {} in {}, container {}: exec into pod {} failed ({}); reading the pod template",
                    target.ref(), namespace, spec.getName(), podName, reason);
            why = "exec into pod " + podName + " failed: " + reason;
        } else {
            why = selected.pods().isEmpty() ? "the workload has no pods" : "no pod ready to exec into";
        }
        cancel.throwIfCancelled();
        Pod fieldPod = execPod != null ? execPod
                : selected.pods().stream().filter(WorkloadPods::ready).findFirst()
                        .orElse(selected.pods().isEmpty() ? null : selected.pods().getFirst());
        TemplateEnvironment.Result result = TemplateEnvironment.resolve(client, namespace, target.template(), spec,
                fieldPod);
        return new EnvResolution(result.values(), "pod template of " + target.ref() + " (" + why + ")",
                result.problems());
    }

    /** The variables {@code env} printed; when its output was cut at {@link PodExec#OUTPUT_LIMIT}, a problem says so. */
    private static EnvResolution fromExec(PodExec.Output out, String source) {
        var values = EnvOutput.parse(out.stdout());
        if (!out.cut()) {
            return new EnvResolution(values, source, List.of());
        }
        LOG.info("{} printed more than {} bytes: {} variables kept, {} bytes left out", source, PodExec.OUTPUT_LIMIT,
                values.size(), out.droppedBytes());
        return new EnvResolution(values, source, List.of("the environment is larger than Ponte reads ("
                + PodExec.OUTPUT_LIMIT / (1 << 20) + " MiB): the first " + values.size() + " variables were copied, the "
                + "rest (" + out.droppedBytes() + " bytes) was left out; set the missing ones by hand"));
    }

    /** The named container of the template, or its first when none is named (as upstream does). */
    private static Container container(WorkloadPods.Target target, String name) {
        List<Container> containers = ContainerDetails.containers(target.template());
        if (containers.isEmpty()) {
            throw new PonteException(new Problem(Problem.Kind.NOT_FOUND, target.ref() + " has no containers",
                    "The pod template of " + target.ref() + " in " + target.namespace() + " lists no containers.",
                    "Pick another workload."));
        }
        if (name == null || name.isBlank()) {
            return containers.getFirst();
        }
        return containers.stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElseThrow(() -> new PonteException(new Problem(Problem.Kind.NOT_FOUND,
                        "No container " + name + " in " + target.ref(),
                        "The pod template of " + target.ref() + " in " + target.namespace() + " has the containers "
                                + containers.stream().map(Container::getName).collect(Collectors.joining(", ")) + ".",
                        "Pick one of these containers.")));
    }
}
