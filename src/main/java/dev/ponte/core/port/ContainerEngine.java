package dev.ponte.core.port;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Docker-API container engine (Docker, Podman's compat socket, Colima, Rancher Desktop). Blocking. */
public interface ContainerEngine extends AutoCloseable {
    Info info();

    List<Network> networks();

    Optional<Network> network(String name);

    /** @param subnet CIDR, or null to let the engine pick one */
    Network createNetwork(String name, String subnet, Map<String, String> labels);

    /** Removes the network; absent is fine. */
    void removeNetwork(String name);

    /** Containers (running or not) whose labels include all of {@code labels}. */
    List<Container> containers(Map<String, String> labels);

    Optional<Container> container(String name);

    /** Creates (does not start) a container; returns its id. */
    String create(ContainerSpec spec);

    void connect(String network, String container, String ipv4);

    void start(String container);

    /** Removes the container, running or not; absent is fine. */
    void remove(String container);

    ExecResult exec(String container, Duration timeout, String... command);

    // --- run: the developer's own containers (shared/gefyra-protocol.md 6) ---

    /** Local images, newest first. */
    List<Image> images();

    /** Creates (does not start) an app container; returns its id. Name taken = 409 from the engine. */
    String create(RunSpec spec);

    /** Stops the container (SIGTERM, then SIGKILL after {@code grace}); stopped or absent is fine. */
    void stop(String container, Duration grace);

    void restart(String container, Duration grace);

    /** Everything the local-containers list shows about one container. */
    Optional<ContainerDetails> inspect(String container);

    /**
     * Container events (create, start, die, stop, destroy, rename, network connect/disconnect) as
     * they happen, delivered on the adapter's thread. {@code onError} ends the stream.
     */
    Subscription events(java.util.function.Consumer<EngineEvent> onEvent, java.util.function.Consumer<Throwable> onError);

    // --- diagnostics, MTU and the support bundle ---

    /** The network's driver options (e.g. {@code com.docker.network.driver.mtu}); absent network: empty. */
    Map<String, String> networkOptions(String name);

    /** Like {@link #createNetwork(String, String, Map)} with driver options (upstream's MTU option). */
    Network createNetwork(String name, String subnet, Map<String, String> labels, Map<String, String> options);

    /** Disconnects a container from a network (forcefully); not connected is fine. */
    void disconnect(String network, String container);

    /** The last {@code lines} lines of the container's log (stdout and stderr), as text. */
    String logs(String container, int lines);

    record Image(String id, List<String> tags, long sizeBytes, java.time.Instant created) {
        public Image {
            tags = List.copyOf(tags);
        }
    }

    /** {@code -p hostIp:hostPort:containerPort/protocol}; hostIp may be empty. */
    record PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {
    }

    /**
     * An app container as {@code gefyra run} starts it.
     *
     * @param command     empty: the image's own command
     * @param nanoCpus    0: no limit
     * @param memoryBytes 0: no limit
     */
    record RunSpec(String name, String image, List<String> command, Map<String, String> env, Map<String, String> labels,
                   List<Mount> mounts, String network, List<String> dns, List<String> dnsSearch,
                   List<PortBinding> ports, boolean autoRemove, long nanoCpus, long memoryBytes) {
        public RunSpec {
            command = List.copyOf(command);
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
            labels = Map.copyOf(labels);
            mounts = List.copyOf(mounts);
            dns = List.copyOf(dns);
            dnsSearch = List.copyOf(dnsSearch);
            ports = List.copyOf(ports);
        }
    }

    /**
     * @param startedAt null when never started
     * @param ips       IPv4 per network name
     */
    record ContainerDetails(String id, String name, String image, String state, int exitCode,
                            java.time.Instant startedAt, Map<String, String> labels, Map<String, String> ips,
                            List<PortBinding> ports, List<String> dns, List<String> dnsSearch, boolean autoRemove) {
        public ContainerDetails {
            labels = Map.copyOf(labels);
            ips = Map.copyOf(ips);
            ports = List.copyOf(ports);
            dns = List.copyOf(dns);
            dnsSearch = List.copyOf(dnsSearch);
        }

        public boolean running() {
            return "running".equals(state);
        }
    }

    /** @param action the engine's action word: create, start, die, stop, destroy, rename, connect, disconnect … */
    record EngineEvent(String type, String action, String id, String name, Map<String, String> attributes) {
        public EngineEvent {
            attributes = Map.copyOf(attributes);
        }
    }

    @Override
    void close();

    record Info(String endpoint, String product, String version, String apiVersion, String os, String arch) {
    }

    record Network(String id, String name, List<String> subnets, Map<String, String> labels) {
        public Network {
            subnets = List.copyOf(subnets);
            labels = Map.copyOf(labels);
        }
    }

    /** @param ips IPv4 address per network name */
    record Container(String id, String name, String image, String state, Map<String, String> labels,
                     Map<String, String> ips) {
        public Container {
            labels = Map.copyOf(labels);
            ips = Map.copyOf(ips);
        }

        public boolean running() {
            return "running".equals(state);
        }
    }

    record ExecResult(int exitCode, String output) {
    }

    record Mount(String source, String target, boolean readOnly) {
    }

    /**
     * @param network       the network the container starts on (null: the engine's default bridge)
     * @param securityOpts  e.g. {@code systempaths=unconfined}
     * @param devices       host device paths mapped 1:1, e.g. {@code /dev/net/tun}
     */
    record ContainerSpec(String name, String image, Map<String, String> labels, List<Mount> mounts,
                         boolean privileged, List<String> capAdd, boolean pidHost, List<String> securityOpts,
                         List<String> devices, String network, Map<String, String> env, List<String> command) {
        public ContainerSpec {
            labels = Map.copyOf(labels);
            mounts = List.copyOf(mounts);
            capAdd = List.copyOf(capAdd);
            securityOpts = List.copyOf(securityOpts);
            devices = List.copyOf(devices);
            env = Map.copyOf(env);
            command = List.copyOf(command);
        }
    }
}
