package dev.ponte.core.setups;

import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A saved setup: a local container as Run started it and the bridges that sent cluster traffic to it, for one kube
 * context. "Start setup" re-creates all of it. Holds no secret: values copied from the cluster (env-from) are read
 * again at start, and typed values that look like secrets are not stored — their names are, in {@link Run#askAtStart}.
 *
 * @param id    stable id (a UUID), never shown
 * @param saved when it was saved or last edited
 */
public record Setup(String id, String name, String context, Run run, List<BridgeSpec> bridges, Instant saved) {
    public Setup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(run, "run");
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
    }

    public Setup withName(String newName) {
        return new Setup(id, newName, context, run, bridges, saved);
    }

    /**
     * What Run gets: upstream's {@code gefyra run} options (no secret values).
     *
     * @param container  the container's name
     * @param env        typed values that do not look like secrets
     * @param askAtStart names of typed values that looked like secrets: asked for at start, never stored
     * @param envFrom    the workload container whose environment is copied at start, or null
     */
    public record Run(String image, String container, List<String> command, String namespace, Map<String, String> env,
                      List<String> askAtStart, EnvFrom envFrom, List<Volume> volumes, List<Port> ports, boolean autoRemove,
                      long nanoCpus, long memoryBytes) {
        public Run {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(container, "container");
            command = command == null ? List.of() : List.copyOf(command);
            env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
            askAtStart = askAtStart == null ? List.of() : List.copyOf(askAtStart);
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /** {@code --env-from}: a container of a workload, whose environment is copied at start. */
    public record EnvFrom(String namespace, WorkloadKind kind, String workload, String container) {
    }

    /** A local folder mounted into the container. */
    public record Volume(String source, String target, boolean readOnly) {
    }

    /** A published port, like {@code docker -p hostIp:hostPort:containerPort/protocol}. */
    public record Port(String hostIp, int hostPort, int containerPort, String protocol) {
    }

    /**
     * A bridge to the setup's container: cluster traffic of {@code container} in the workload that matches
     * {@code rules} goes to it.
     *
     * @param ports cluster container port → local container port
     */
    public record BridgeSpec(String namespace, WorkloadKind kind, String workload, String container,
                             List<PortMapping> ports, MatchRules rules) {
        public BridgeSpec {
            ports = ports == null ? List.of() : List.copyOf(ports);
            rules = rules == null ? new MatchRules(List.of()) : rules;
        }

        /** "api (default)". */
        public String title() {
            return workload + " (" + namespace + ")";
        }
    }
}
