package dev.ponte.testsupport;

import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.CancellationToken;
import java.util.List;
import java.util.Map;

/**
 * A cluster's workloads as the inspector describes them, in memory: every workload has one container {@code api}
 * (image {@code acme/api:1.4}, HTTP on port 80, httpGet probes) with two ready pods, a Service {@code <name>} on port
 * 80, and the environment {@link #env} (what env-from copies).
 */
public final class FakeInspector implements WorkloadInspector {
    public volatile EnvResolution env = new EnvResolution(Map.of("DB_HOST", "postgres", "LOG_FORMAT", "json"),
            "env in pod api-7c9-abc", List.of());

    @Override
    public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        return new WorkloadDetail(kind, namespace, name, List.of(new ContainerDetail("api", "acme/api:1.4",
                List.of(new Port("http", 80, "TCP")), List.of("httpGet"), 500_000_000L, 256L << 20)), 2, 2, false);
    }

    @Override
    public EnvResolution environment(String namespace, WorkloadKind kind, String name, String container,
                                     CancellationToken cancel) {
        return env;
    }

    @Override
    public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
        return List.of(new ServicePort(name, 80, 80));
    }
}
