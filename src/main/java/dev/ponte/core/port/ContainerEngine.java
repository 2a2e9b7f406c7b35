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
