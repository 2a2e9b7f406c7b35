package dev.ponte.core.run;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine.Mount;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Run dialog asks for: upstream's {@code gefyra run} options (shared/gefyra-protocol.md 6).
 *
 * @param namespace the first DNS search domain, {@code <namespace>.svc.cluster.local}
 * @param env       explicit values; they override values read from {@code envFrom}
 * @param envFrom   a workload container whose environment is copied first, or null
 * @param nanoCpus  0 = no limit
 */
public record RunRequest(Connection connection, String name, String image, List<String> command, String namespace,
                         Map<String, String> env, EnvFrom envFrom, List<Mount> mounts, List<PortBinding> ports,
                         boolean autoRemove, long nanoCpus, long memoryBytes, Duration timeout) {
    public RunRequest {
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        mounts = List.copyOf(mounts);
        ports = List.copyOf(ports);
    }

    /** {@code --env-from <kind>/<name>/<container>}. */
    public record EnvFrom(String namespace, WorkloadKind kind, String workload, String container) {
        @Override
        public String toString() {
            return kind.kind().toLowerCase(java.util.Locale.ROOT) + "/" + workload + "/" + container + " in " + namespace;
        }
    }
}
