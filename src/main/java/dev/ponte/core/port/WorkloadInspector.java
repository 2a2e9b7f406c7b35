package dev.ponte.core.port;

import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.task.CancellationToken;
import java.util.List;
import java.util.Map;

/**
 * What Run and Bridge need to know about one workload (shared/gefyra-protocol.md 6, 7.2). Blocking;
 * called from the task layer.
 */
public interface WorkloadInspector {
    /** The workload's pod template and its pods; a missing workload is an {@link dev.ponte.core.task.ApiStatusException} 404. */
    WorkloadDetail describe(String namespace, WorkloadKind kind, String name);

    /**
     * The environment of {@code container} as upstream's {@code --env-from} reads it: {@code env} run
     * in a Running and Ready pod (with {@code busybox env} as fallback). Where exec is not possible,
     * the values are resolved from the pod spec ({@code env}, {@code valueFrom}, {@code envFrom} with
     * ConfigMaps and Secrets); each value that cannot be read is named in {@link EnvResolution#problems()}.
     */
    EnvResolution environment(String namespace, WorkloadKind kind, String name, String container, CancellationToken cancel);

    /**
     * Services of the namespace whose selector matches the workload's pod template labels, with the
     * Service port that reaches each container port (a named targetPort resolved against the
     * template's container ports). The bridge wizard's test request is addressed to one of these.
     */
    List<ServicePort> services(String namespace, WorkloadKind kind, String name);

    /** The workload's pods with readiness and images (a mounted workload's pods run Carrier2). */
    default List<GefyraCluster.PodInfo> pods(String namespace, WorkloadKind kind, String name) {
        throw new UnsupportedOperationException("this cluster adapter cannot list a workload's pods");
    }

    /** @param targetPort the container port it forwards to */
    record ServicePort(String service, int port, int targetPort) {
    }

    /**
     * @param readyPods pods that are Running with all containers Ready
     */
    record WorkloadDetail(WorkloadKind kind, String namespace, String name, List<ContainerDetail> containers,
                          int pods, int readyPods, boolean rolloutInProgress) {
        public WorkloadDetail {
            containers = List.copyOf(containers);
        }
    }

    /**
     * @param probeKinds kinds of liveness/readiness/startup probes: {@code httpGet}, {@code exec}, {@code tcpSocket}, {@code grpc}
     * @param cpuNanos   the limit (or the request without a limit) in nano-CPUs, 0 when unset
     * @param memoryBytes the limit (or the request), 0 when unset
     */
    record ContainerDetail(String name, String image, List<Port> ports, List<String> probeKinds, long cpuNanos,
                           long memoryBytes) {
        public ContainerDetail {
            ports = List.copyOf(ports);
            probeKinds = List.copyOf(probeKinds);
        }

        /** Carrier2 cannot answer exec or tcpSocket probes (upstream: "Probes not compatible"). */
        public boolean probesCompatible() {
            return !probeKinds.contains("exec") && !probeKinds.contains("tcpSocket");
        }
    }

    record Port(String name, int port, String protocol) {
    }

    /**
     * @param source   how the values were read, e.g. {@code exec env in pod api-7d9-x2k}
     * @param problems one line per value or reference that could not be read, with the reason
     */
    record EnvResolution(Map<String, String> values, String source, List<String> problems) {
        public EnvResolution {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            problems = List.copyOf(problems);
        }

        /** Names only: values may come from Secrets and must not reach a log. */
        @Override
        public String toString() {
            return "EnvResolution[" + values.keySet() + " from " + source + ", " + problems.size() + " problem(s)]";
        }
    }
}
