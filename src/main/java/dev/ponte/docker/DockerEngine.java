package dev.ponte.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.run.ImageReference;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerEngine} on one Docker-API endpoint (Docker, Podman's compat socket, Colima, Rancher
 * Desktop) through docker-java with the httpclient5 transport; on a unix socket the version, container and
 * network lists go through {@link UnixSocketApi} and docker-java's client is made for the first other call. Every
 * failure leaves as a {@link PonteException} whose cause is docker-java's exception (and the JDK one under it).
 * Environment values and file contents are never logged.
 */
public final class DockerEngine implements ContainerEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
    private final String endpoint;
    /** Makes the docker-java client, on the first call that needs it (see {@link UnixSocketApi}). */
    private final Supplier<DockerClient> clientFactory;
    private DockerClient client;
    /** Closed: no new docker-java client (as docker-java's own client refuses calls once closed). */
    private boolean closed;
    private final Duration connectTimeout;
    /** Makes the client for long-lived streams (events): no read timeout, since a quiet engine is not a dead one. */
    private final Supplier<DockerClient> streamClientFactory;
    private final Duration responseTimeout;
    /** The product behind the endpoint, asked once when a spec needs engine-specific settings. */
    private volatile String product;
    private DockerClient streamClient;

    private DockerEngine(String endpoint, Supplier<DockerClient> clientFactory, Supplier<DockerClient> streamClientFactory,
                         Duration connectTimeout, Duration responseTimeout) {
        this.endpoint = endpoint;
        this.clientFactory = clientFactory;
        this.connectTimeout = connectTimeout;
        this.streamClientFactory = streamClientFactory;
        this.responseTimeout = responseTimeout;
    }

    /** Opens a client for {@code endpoint} with 5 s to connect and 60 s for an answer. Connects lazily. */
    public static DockerEngine open(String endpoint) {
        return open(endpoint, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /**
     * @param connectTimeout  how long to wait for a tcp connection
     * @param responseTimeout how long one request may take until the engine's answer starts (on every
     *                        transport, see {@link DeadlineHttpClient}); exec output is bounded by exec's timeout
     */
    public static DockerEngine open(String endpoint, Duration connectTimeout, Duration responseTimeout) {
        // The docker-java clients are made on first use: the version, container and network lists of a unix socket
        // need none (UnixSocketApi), and a session that only looks at engines then never loads docker-java.
        return new DockerEngine(endpoint, () -> DockerClients.client(endpoint, connectTimeout, responseTimeout),
                () -> DockerClients.streamClient(endpoint, connectTimeout, responseTimeout), connectTimeout, responseTimeout);
    }

    public String endpoint() {
        return endpoint;
    }

    /** The docker-java client, made on first use; also for this package's tests (test images, raw settings). */
    synchronized DockerClient client() {
        if (closed) {
            throw new IllegalStateException("the engine client for " + endpoint + " is closed");
        }
        if (client == null) {
            client = clientFactory.get();
        }
        return client;
    }

    /** The client for long-lived streams (events; log streaming may share it), made on first use. */
    synchronized DockerClient streamClient() {
        if (streamClient == null) {
            streamClient = streamClientFactory.get();
        }
        return streamClient;
    }

    @Override
    public Info info() {
        Info info = UnixSocketApi.handles(endpoint) ? UnixSocketApi.ping(endpoint, connectTimeout, responseTimeout)
                : call("ask for the engine's version", () -> EngineModels.info(endpoint, client().versionCmd().exec()));
        product = info.product();
        return info;
    }

    private boolean podman() {
        String p = product;
        return EngineModels.PODMAN.equals(p == null ? info().product() : p);
    }

    @Override
    public List<Network> networks() {
        if (UnixSocketApi.handles(endpoint)) {
            return UnixSocketApi.networks(endpoint, connectTimeout, responseTimeout);
        }
        return call("list networks", () -> client().listNetworksCmd().exec().stream().map(EngineModels::network).toList());
    }

    @Override
    public Optional<Network> network(String name) {
        return call("inspect the network " + name, () -> {
            try {
                var n = client().inspectNetworkCmd().withNetworkId(name).exec();
                if (name.equals(n.getName())) {
                    return Optional.of(EngineModels.network(n));
                }
            } catch (NotFoundException e) {
                return Optional.<Network>empty();
            }
            // The name matched another network's id prefix: look the name up exactly.
            return client().listNetworksCmd().withNameFilter(name).exec().stream()
                    .filter(n -> name.equals(n.getName())).findFirst().map(EngineModels::network);
        });
    }

    @Override
    public Network createNetwork(String name, String subnet, Map<String, String> labels) {
        LOG.info("Creating network {} (subnet {}) on {}", name, subnet == null ? "chosen by the engine" : subnet, endpoint);
        return call("create the network " + name, () -> {
            var cmd = client().createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                    .withLabels(Map.copyOf(labels));
            if (subnet != null) {
                cmd.withIpam(new com.github.dockerjava.api.model.Network.Ipam()
                        .withConfig(new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet(subnet)));
            }
            String id = cmd.exec().getId();
            return EngineModels.network(client().inspectNetworkCmd().withNetworkId(id).exec());
        });
    }

    @Override
    public void removeNetwork(String name) {
        call("remove the network " + name, () -> {
            try {
                client().removeNetworkCmd(name).exec();
                LOG.info("Removed network {} on {}", name, endpoint);
            } catch (NotFoundException e) {
                LOG.debug("Network {} was already gone", name);
            }
            return null;
        });
    }

    @Override
    public List<Container> containers(Map<String, String> labels) {
        if (UnixSocketApi.handles(endpoint)) {
            return UnixSocketApi.containers(endpoint, labels, connectTimeout, responseTimeout);
        }
        return call("list containers", () -> client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.copyOf(labels)).exec().stream().map(EngineModels::container).toList());
    }

    @Override
    public Optional<Container> container(String name) {
        return call("inspect the container " + name, () -> {
            try {
                return Optional.of(EngineModels.container(client().inspectContainerCmd(name).exec()));
            } catch (NotFoundException e) {
                return Optional.<Container>empty();
            }
        });
    }

    @Override
    public String create(ContainerSpec spec) {
        LOG.info("Creating container {} from {} on {} (privileged={}, caps={}, pid host={})", spec.name(), spec.image(),
                endpoint, spec.privileged(), spec.capAdd(), spec.pidHost());
        boolean podman = !spec.securityOpts().isEmpty() && podman();
        return call("create the container " + spec.name(), () -> {
            var cmd = client().createContainerCmd(spec.image()).withName(spec.name()).withLabels(spec.labels())
                    .withHostConfig(EngineModels.hostConfig(spec, podman));
            if (!spec.env().isEmpty()) {
                cmd.withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
            }
            if (!spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            return cmd.exec().getId();
        });
    }

    @Override
    public void connect(String network, String container, String ipv4) {
        LOG.info("Connecting {} to {} at {}", container, network, ipv4 == null ? "an address the engine picks" : ipv4);
        call("connect " + container + " to the network " + network, () -> {
            var cmd = client().connectToNetworkCmd().withNetworkId(network).withContainerId(container);
            if (ipv4 != null) {
                cmd.withContainerNetwork(new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ipv4)));
            }
            cmd.exec();
            return null;
        });
    }

    @Override
    public void start(String container) {
        LOG.info("Starting container {} on {}", container, endpoint);
        call("start the container " + container, () -> {
            try {
                client().startContainerCmd(container).exec();
            } catch (NotModifiedException e) {
                LOG.debug("Container {} was already running", container);
            }
            return null;
        });
    }

    @Override
    public void remove(String container) {
        call("remove the container " + container, () -> {
            try {
                client().removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
                LOG.info("Removed container {} on {}", container, endpoint);
            } catch (NotFoundException e) {
                LOG.debug("Container {} was already gone", container);
            }
            return null;
        });
    }

    /**
     * Runs {@code command} in the container and waits for it. Output is stdout and stderr combined in
     * arrival order (at most 1 MiB). When {@code timeout} passes first, a {@link PonteException} of kind
     * TIMEOUT is thrown with a {@link java.util.concurrent.TimeoutException} as its cause; the process may go
     * on in the container.
     */
    @Override
    public ExecResult exec(String container, Duration timeout, String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("exec needs a command");
        }
        return call("run `" + command[0] + "` in " + container, () -> EngineExec.run(client(), container, timeout, command));
    }

    @Override
    public void close() {
        DockerClient requests;
        DockerClient streams;
        synchronized (this) {
            closed = true;
            requests = client;
            streams = streamClient;
            client = null;
            streamClient = null;
        }
        if (requests != null) {
            try {
                requests.close();
            } catch (IOException e) {
                LOG.debug("Closing the client for {} failed", endpoint, e);
            }
        }
        if (streams != null) {
            try {
                streams.close();
            } catch (IOException e) {
                LOG.debug("Closing the stream client for {} failed", endpoint, e);
            }
        }
    }

    // --- issue 14: network options (MTU), disconnect, log tail (EngineExtras) ---

    @Override
    public Map<String, String> networkOptions(String name) {
        return call("read the options of network " + name, () -> EngineExtras.networkOptions(client(), name));
    }

    @Override
    public Network createNetwork(String name, String subnet, Map<String, String> labels, Map<String, String> options) {
        LOG.info("Creating network {} (subnet {}, options {}) on {}", name, subnet == null ? "chosen by the engine" : subnet,
                options, endpoint);
        return call("create the network " + name, () -> EngineExtras.createNetwork(client(), name, subnet, labels, options));
    }

    @Override
    public void disconnect(String network, String container) {
        call("disconnect " + container + " from " + network, () -> {
            EngineExtras.disconnect(client(), network, container);
            return null;
        });
    }

    @Override
    public String logs(String container, int lines) {
        return call("read the log of " + container, () -> {
            try {
                return EngineExtras.logs(client(), container, lines);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while reading the log of " + container);
            }
        });
    }

    private <T> T call(String action, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            PonteException translated = EngineErrors.translate(e, endpoint, action);
            LOG.debug("Engine call failed: {}", translated.getMessage());
            throw translated;
        }
    }

    // --- run: the developer's own containers ---

    /** Tagged local images, newest first; dangling ({@code <none>}) ones are left out (see {@link RunModels#images}). */
    @Override
    public List<Image> images() {
        return call("list the local images", () -> RunModels.images(client().listImagesCmd().withShowAll(false).exec()));
    }

    /**
     * Creates the container as {@code gefyra run} does (upstream {@code client/gefyra/api/run.py}): on the
     * spec's network with its DNS server and search list, env in the spec's order. The image reference is
     * checked first ({@link ImageReference}), so a typo is named before anything reaches the engine.
     * Environment values are not logged.
     */
    @Override
    public String create(RunSpec spec) {
        String invalid = ImageReference.validate(spec.image());
        if (invalid != null) {
            throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "The image reference is not valid", invalid,
                    "Correct the image, e.g. nginx:1.27 or ghcr.io/team/app:dev, then run again."));
        }
        LOG.info("Creating app container {} from {} on {} (network {}, {} env vars, {} mounts, ports {}, auto-remove {})",
                spec.name(), spec.image(), endpoint, spec.network(), spec.env().size(), spec.mounts().size(), spec.ports(),
                spec.autoRemove());
        return call("create the container " + spec.name(), () -> {
            var cmd = client().createContainerCmd(spec.image()).withName(spec.name()).withLabels(spec.labels())
                    .withHostConfig(RunModels.hostConfig(spec));
            if (!spec.env().isEmpty()) {
                cmd.withEnv(RunModels.env(spec));
            }
            if (!spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            if (!spec.ports().isEmpty()) {
                cmd.withExposedPorts(RunModels.exposedPorts(spec));
            }
            return cmd.exec().getId();
        });
    }

    /**
     * @param grace how long the engine waits after SIGTERM before SIGKILL; it must end well within this engine's
     *              response timeout, as the engine answers only once the container has stopped
     */
    @Override
    public void stop(String container, Duration grace) {
        int seconds = graceSeconds(grace);
        LOG.info("Stopping container {} on {} ({} s grace)", container, endpoint, seconds);
        call("stop the container " + container, () -> {
            try {
                client().stopContainerCmd(container).withTimeout(seconds).exec();
            } catch (NotModifiedException e) {
                LOG.debug("Container {} was already stopped", container);
            } catch (NotFoundException e) {
                LOG.debug("Container {} was already gone", container);
            }
            return null;
        });
    }

    @Override
    public void restart(String container, Duration grace) {
        int seconds = graceSeconds(grace);
        LOG.info("Restarting container {} on {} ({} s grace)", container, endpoint, seconds);
        call("restart the container " + container, () -> {
            client().restartContainerCmd(container).withTimeout(seconds).exec();
            return null;
        });
    }

    private int graceSeconds(Duration grace) {
        long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
        if (Duration.ofSeconds(seconds + 5).compareTo(responseTimeout) > 0) {
            throw new IllegalArgumentException("grace " + grace + " does not fit in the response timeout " + responseTimeout);
        }
        return (int) seconds;
    }

    @Override
    public Optional<ContainerDetails> inspect(String container) {
        return call("inspect the container " + container, () -> {
            try {
                return Optional.of(RunModels.details(client().inspectContainerCmd(container).exec()));
            } catch (NotFoundException e) {
                return Optional.<ContainerDetails>empty();
            }
        });
    }

    /** See {@link EngineEvents}: delivered on a daemon thread; {@code onError} once when the stream breaks or ends. */
    @Override
    public Subscription events(Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
        return call("follow the engine's events", () -> EngineEvents.follow(streamClient(), endpoint, onEvent, onError));
    }
}
