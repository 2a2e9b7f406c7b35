package dev.ponte.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.PonteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Docker-API engines the way the docker CLI and the desktops lay them out: {@code DOCKER_HOST}, the
 * active docker context, then the well-known sockets of Docker Desktop, Colima, Podman, Rancher Desktop
 * and Docker itself. {@link #choose} asks each one that exists and says which is used and why not the others.
 */
public final class EngineDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(EngineDiscovery.class);
    /** Data binding is set up at the first use ({@code engine look-up}), not when the core services are built before the first frame. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    /** How long a ping may take; a local socket answers in milliseconds. */
    static final Duration PING_CONNECT = Duration.ofMillis(1500);
    static final Duration PING_RESPONSE = Duration.ofSeconds(3);

    private final Map<String, String> env;
    private final Path home;
    private final String osName;
    private final Predicate<Path> fileExists;
    private final Function<String, ContainerEngine.Info> ping;

    /** Discovery for this machine: {@code System.getenv()} and {@code user.home}, say. */
    public EngineDiscovery(Map<String, String> env, Path home) {
        this(env, home, System.getProperty("os.name", ""), Files::exists, EngineDiscovery::pingEngine);
    }

    /**
     * @param fileExists whether a socket file is there (tests fake the file system outside the home dir)
     * @param ping       asks an endpoint for its version; throws when it does not answer
     */
    EngineDiscovery(Map<String, String> env, Path home, String osName, Predicate<Path> fileExists,
                    Function<String, ContainerEngine.Info> ping) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.fileExists = fileExists;
        this.ping = ping;
    }

    /** Every place an engine may listen, in the order Ponte prefers them; each endpoint once. */
    public List<EngineCandidate> candidates() {
        Map<String, EngineCandidate> found = new LinkedHashMap<>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            add(found, dockerHost.strip(), "DOCKER_HOST environment variable");
        }
        activeContext(found);
        add(found, unix(home.resolve(".docker/run/docker.sock")), "Docker Desktop");
        add(found, unix(home.resolve(".docker/desktop/docker.sock")), "Docker Desktop (Linux)");
        if (osName.contains("win")) {
            add(found, "npipe:////./pipe/docker_engine", "Docker Desktop (named pipe)");
        }
        add(found, unix(home.resolve(".colima/default/docker.sock")), "Colima (profile default)");
        add(found, unix(home.resolve(".colima/docker.sock")), "Colima");
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            add(found, unix(Path.of(xdg, "podman", "podman.sock")), "Podman (rootless, $XDG_RUNTIME_DIR)");
        }
        add(found, "unix:///run/podman/podman.sock", "Podman (rootful)");
        add(found, unix(home.resolve(".local/share/containers/podman/machine/podman.sock")), "Podman machine (macOS)");
        add(found, unix(home.resolve(".local/share/containers/podman/machine/qemu/podman.sock")),
                "Podman machine, QEMU (macOS)");
        add(found, unix(home.resolve(".rd/docker.sock")), "Rancher Desktop");
        add(found, "unix:///var/run/docker.sock", "Docker (default socket)");
        return List.copyOf(found.values());
    }

    /**
     * Asks every candidate that exists and picks one: {@code preferredEndpoint} when it answers, else the
     * first that answers in {@link #candidates()} order.
     *
     * @param preferredEndpoint the user's pick from settings, or null
     */
    public EngineChoice choose(String preferredEndpoint) {
        List<EngineCandidate> all = new ArrayList<>(candidates());
        if (preferredEndpoint != null && !preferredEndpoint.isBlank()
                && all.stream().noneMatch(c -> c.endpoint().equals(preferredEndpoint))) {
            all.addFirst(candidate(preferredEndpoint, "your choice in Settings"));
        }
        Map<EngineCandidate, ContainerEngine.Info> answered = new LinkedHashMap<>();
        Map<EngineCandidate, String> failed = new LinkedHashMap<>();
        for (EngineCandidate c : all) {
            if (!c.exists() || !c.supported()) {
                continue;
            }
            try {
                answered.put(c, ping.apply(c.endpoint()));
            } catch (RuntimeException e) {
                failed.put(c, reason(e));
            }
        }
        EngineCandidate used = answered.keySet().stream()
                .filter(c -> c.endpoint().equals(preferredEndpoint)).findFirst()
                .orElse(answered.keySet().stream().findFirst().orElse(null));
        List<EngineChoice.Verdict> verdicts = new ArrayList<>();
        for (EngineCandidate c : all) {
            verdicts.add(verdict(c, used, preferredEndpoint, answered.get(c), failed.get(c)));
        }
        EngineChoice choice = new EngineChoice(used, used == null ? null : answered.get(used), verdicts);
        LOG.info("{}", choice.summary());
        return choice;
    }

    /**
     * The endpoint {@link #choose} would use, found with as few pings as possible: the preferred one when it answers,
     * else the first candidate that answers. For the command line, which needs no verdicts for a picker and starts
     * once per command (each ping starts an engine client).
     */
    public java.util.Optional<String> firstAnswering(String preferredEndpoint) {
        List<EngineCandidate> all = new ArrayList<>(candidates());
        if (preferredEndpoint != null && !preferredEndpoint.isBlank()) {
            all.removeIf(c -> c.endpoint().equals(preferredEndpoint));
            all.addFirst(candidate(preferredEndpoint, "your choice in Settings"));
        }
        for (EngineCandidate c : all) {
            if (!c.exists() || !c.supported()) {
                continue;
            }
            try {
                ContainerEngine.Info info = ping.apply(c.endpoint());
                LOG.info("Using {} {} at {} ({})", info.product(), info.version(), c.endpoint(), c.source());
                return java.util.Optional.of(c.endpoint());
            } catch (RuntimeException e) {
                LOG.info("{} ({}) does not answer: {}", c.endpoint(), c.source(), reason(e));
            }
        }
        return java.util.Optional.empty();
    }

    private static EngineChoice.Verdict verdict(EngineCandidate c, EngineCandidate used, String preferred,
                                                ContainerEngine.Info info, String failure) {
        if (!c.supported()) {
            return new EngineChoice.Verdict(c, EngineChoice.Status.UNSUPPORTED,
                    "Ponte cannot talk to " + scheme(c.endpoint()) + " endpoints; use a unix socket or tcp:// instead", null);
        }
        if (!c.exists()) {
            return new EngineChoice.Verdict(c, EngineChoice.Status.MISSING, "no socket at " + c.socketPath(), null);
        }
        if (failure != null) {
            boolean wasPicked = c.endpoint().equals(preferred);
            return new EngineChoice.Verdict(c, EngineChoice.Status.NOT_ANSWERING,
                    (wasPicked ? "your choice does not answer: " : "does not answer: ") + failure, null);
        }
        String what = info.product() + " " + info.version();
        if (c.equals(used)) {
            String why = c.endpoint().equals(preferred) ? "your choice" : "the first one that answers";
            return new EngineChoice.Verdict(c, EngineChoice.Status.USED, what + " answers; used (" + why + ")", info);
        }
        String why = used.endpoint().equals(preferred) ? "you picked " + used.endpoint() : used.endpoint() + " comes first";
        return new EngineChoice.Verdict(c, EngineChoice.Status.ANSWERS, what + " answers; not used because " + why, info);
    }

    /** The context named by {@code DOCKER_CONTEXT} or {@code currentContext} in the docker CLI's config.json. */
    private void activeContext(Map<String, EngineCandidate> found) {
        Path configDir = env.containsKey("DOCKER_CONFIG") ? Path.of(env.get("DOCKER_CONFIG")) : home.resolve(".docker");
        String name = env.get("DOCKER_CONTEXT");
        String from = "DOCKER_CONTEXT";
        if (name == null || name.isBlank()) {
            name = readJson(configDir.resolve("config.json")).path("currentContext").asText("");
            from = "config.json";
        }
        if (name.isBlank() || "default".equals(name)) {
            return; // "default" is DOCKER_HOST or the default socket, both listed anyway
        }
        Path meta = configDir.resolve("contexts/meta").resolve(sha256(name)).resolve("meta.json");
        String host = readJson(meta).path("Endpoints").path("docker").path("Host").asText("");
        if (host.isBlank()) {
            LOG.warn("The active docker context '{}' ({}) has no docker endpoint in {}", name, from, meta);
            return;
        }
        add(found, host, "docker context \"" + name + "\" (" + from + ")");
    }

    private void add(Map<String, EngineCandidate> found, String endpoint, String source) {
        found.putIfAbsent(endpoint, candidate(endpoint, source));
    }

    private EngineCandidate candidate(String endpoint, String source) {
        boolean exists = !endpoint.startsWith("unix://") || fileExists.test(Path.of(endpoint.substring("unix://".length())));
        return new EngineCandidate(endpoint, source, exists);
    }

    private static JsonNode readJson(Path file) {
        try {
            return Files.isRegularFile(file) ? Json.MAPPER.readTree(file.toFile()) : Json.MAPPER.missingNode();
        } catch (IOException e) {
            LOG.warn("Could not read {}: {}", file, e.getMessage());
            return Json.MAPPER.missingNode();
        }
    }

    /** The docker CLI stores a context's metadata under the SHA-256 of its name. */
    static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    private static String unix(Path socket) {
        return "unix://" + socket.toAbsolutePath();
    }

    private static String scheme(String endpoint) {
        int i = endpoint.indexOf("://");
        return i < 0 ? endpoint : endpoint.substring(0, i + 3);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof PonteException pe) {
            return pe.problem().detail();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
    }

    /** On a unix socket without docker-java ({@link UnixSocketApi}). */
    private static ContainerEngine.Info pingEngine(String endpoint) {
        try (DockerEngine engine = DockerEngine.open(endpoint, PING_CONNECT, PING_RESPONSE)) {
            return engine.info();
        }
    }
}
