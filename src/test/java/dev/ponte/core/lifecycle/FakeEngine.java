package dev.ponte.core.lifecycle;

import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.run.ImageReference;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * In-memory container engine for core lifecycle, run and view-model tests: networks get the first free subnet
 * of 172.18.0.0/16, 172.19.0.0/16, … like Docker's default pool (which hands a removed network's subnet out again);
 * exec answers come from a script.
 * App containers ({@link RunSpec}) get an address on their network when they start and lose it when they
 * stop; every state change is an {@link EngineEvent} to subscribers (on the caller's thread), with Docker's
 * action words. Faults: {@link #failNext} (or {@link #failOnce}) per call name, {@link #breakEvents}.
 */
public final class FakeEngine implements ContainerEngine {
    public final Map<String, Network> networks = new LinkedHashMap<>();
    public final Map<String, Container> containers = new LinkedHashMap<>();
    public final Map<String, ContainerSpec> specs = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    final Map<String, RuntimeException> failOnce = new LinkedHashMap<>();
    public java.util.function.Consumer<String> beforeCall = c -> { };
    /** Command line (joined by spaces) → result; default: exit 0, empty output. */
    public Function<String, ExecResult> execScript = cmd -> new ExecResult(0, "");

    private void call(String name) {
        calls.add(name);
        beforeCall.accept(name);
        RuntimeException e = failOnce.remove(name);
        if (e != null) {
            throw e;
        }
    }

    @Override
    public Info info() {
        call("info");
        return new Info("unix:///fake.sock", "Docker", "27.1.0", "1.46", "linux", "amd64");
    }

    @Override
    public List<Network> networks() {
        call("networks");
        return List.copyOf(networks.values());
    }

    @Override
    public Optional<Network> network(String name) {
        call("network");
        return Optional.ofNullable(networks.get(name));
    }

    @Override
    public Network createNetwork(String name, String subnet, Map<String, String> labels) {
        call("createNetwork");
        if (networks.containsKey(name)) {
            throw new IllegalStateException("network " + name + " exists");
        }
        String s = subnet;
        for (int octet = 18; s == null; octet++) {
            if (octet > 255) {
                throw new IllegalStateException("could not find an available, non-overlapping IPv4 address pool");
            }
            s = inUse("172." + octet + ".0.0/16") ? null : "172." + octet + ".0.0/16";
        }
        Network n = new Network("id-" + name, name, List.of(s), labels);
        networks.put(name, n);
        return n;
    }

    private boolean inUse(String subnet) {
        return networks.values().stream().anyMatch(n -> n.subnets().contains(subnet));
    }

    @Override
    public void removeNetwork(String name) {
        call("removeNetwork");
        if (networks.containsKey(name) && containers.values().stream().anyMatch(c -> c.ips().containsKey(name))) {
            throw new IllegalStateException("network " + name + " has active endpoints");
        }
        networks.remove(name);
        networkOptions.remove(name);
    }

    @Override
    public List<Container> containers(Map<String, String> labels) {
        call("containers");
        return containers.values().stream()
                .filter(c -> labels.entrySet().stream().allMatch(e -> e.getValue().equals(c.labels().get(e.getKey()))))
                .toList();
    }

    @Override
    public Optional<Container> container(String name) {
        call("container");
        return Optional.ofNullable(containers.get(name));
    }

    @Override
    public String create(ContainerSpec spec) {
        call("create");
        if (containers.containsKey(spec.name())) {
            throw new IllegalStateException("container " + spec.name() + " exists");
        }
        specs.put(spec.name(), spec);
        Map<String, String> ips = new HashMap<>();
        ips.put(spec.network() == null ? "bridge" : spec.network(), "172.17.0.2");
        containers.put(spec.name(), new Container("id-" + spec.name(), spec.name(), spec.image(), "created",
                spec.labels(), ips));
        emit("create", spec.name());
        return "id-" + spec.name();
    }

    @Override
    public void connect(String network, String container, String ipv4) {
        call("connect");
        Container c = containers.get(container);
        if (!networks.containsKey(network)) {
            throw new IllegalStateException("no network " + network);
        }
        Map<String, String> ips = new HashMap<>(c.ips());
        ips.put(network, ipv4);
        containers.put(container, new Container(c.id(), c.name(), c.image(), c.state(), c.labels(), ips));
        Network n = networks.get(network);
        emit(new EngineEvent("network", "connect", n.id(), network, Map.of("container", c.id(), "name", network)));
    }

    @Override
    public void start(String container) {
        call("start");
        if (!containers.get(container).running()) { // starting a running container changes nothing (304)
            running(container);
        }
    }

    @Override
    public void remove(String container) {
        call("remove");
        Container c = containers.get(container);
        if (c == null) {
            return;
        }
        if (c.running()) {
            emit("die", container);
        }
        forget(container);
        emit(new EngineEvent("container", "destroy", c.id(), container, Map.of("name", container)));
    }

    @Override
    public ExecResult exec(String container, Duration timeout, String... command) {
        call("exec");
        if (!containers.containsKey(container)) {
            throw new IllegalStateException("no container " + container);
        }
        ExecResult result = execScript.apply(String.join(" ", command));
        if (result.exitCode() == 0 && command.length == 4 && "bash".equals(command[0])
                && "patchContainerGateway.sh".equals(command[1])) {
            Container target = containers.get(command[2]);
            if (target == null || !target.running()) {
                return new ExecResult(1, "Error: container " + command[2] + " is not running");
            }
            gateways.put(command[2], command[3]);
        }
        return result;
    }

    @Override
    public void close() {
    }

    // --- run: the developer's own containers ---
    // Call names for failOnce/failNext and calls(): images, createRun, stop, restart, inspect, events.

    /** What {@link #images()} lists (sorted newest first on the way out). Empty: create accepts any image. */
    public final List<Image> images = new ArrayList<>();
    /** The spec each app container was created from, by name. */
    public final Map<String, RunSpec> runSpecs = new LinkedHashMap<>();
    /** Default route per app container, set by Cargo's gateway step ({@code bash patchContainerGateway.sh NAME IP}). */
    public final Map<String, String> gateways = new LinkedHashMap<>();
    /** Every event delivered, in order. */
    public final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    /** Exit code of a stopped container (a process that ignores SIGTERM is killed: 137). */
    public int stopExitCode = 0;
    public java.util.function.Supplier<Instant> clock = Instant::now;
    private final Map<String, Instant> startedAt = new HashMap<>();
    private final Map<String, Integer> exitCodes = new HashMap<>();
    private final Map<String, Integer> nextHost = new HashMap<>();
    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();

    private record EventSubscriber(Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
    }

    /** Makes the next call of that name throw {@code failure} (what {@link #failOnce} does, for other packages). */
    public void failNext(String call, RuntimeException failure) {
        failOnce.put(call, failure);
    }

    /** The calls so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Adds a local image with one tag, created now. */
    public Image addImage(String tag) {
        Image image = new Image("sha256:" + Integer.toHexString(tag.hashCode()) + "-" + images.size(), List.of(tag),
                1_000_000L, clock.get());
        images.add(image);
        return image;
    }

    @Override
    public List<Image> images() {
        call("images");
        return images.stream().sorted(java.util.Comparator.comparing(Image::created).reversed()).toList();
    }

    /**
     * Fails as the adapter does: an invalid image reference, an image missing from {@link #images} (when that
     * list is not empty), a taken name, or a network that does not exist.
     */
    @Override
    public String create(RunSpec spec) {
        call("createRun");
        String invalid = ImageReference.validate(spec.image());
        if (invalid != null) {
            throw problem(Problem.Kind.REFUSED, "The image reference is not valid", invalid, "Correct the image.");
        }
        if (!images.isEmpty() && images.stream().noneMatch(i -> i.tags().contains(spec.image()) || i.id().equals(spec.image()))) {
            throw problem(Problem.Kind.NOT_FOUND, "Image " + spec.image() + " is not on this machine",
                    "No such image: " + spec.image(), "Pull it or build it, then run again.");
        }
        if (containers.containsKey(spec.name())) {
            throw problem(Problem.Kind.REFUSED, "A container named " + spec.name() + " exists",
                    "The container name \"/" + spec.name() + "\" is already in use.", "Pick another name, or remove it.");
        }
        if (spec.network() != null && !networks.containsKey(spec.network())) {
            throw problem(Problem.Kind.NOT_FOUND, "The network " + spec.network() + " does not exist",
                    "network " + spec.network() + " not found", "Connect the cluster again, then run again.");
        }
        runSpecs.put(spec.name(), spec);
        containers.put(spec.name(), new Container("id-" + spec.name(), spec.name(), spec.image(), "created", spec.labels(),
                Map.of()));
        emit("create", spec.name());
        return "id-" + spec.name();
    }

    @Override
    public void stop(String container, Duration grace) {
        call("stop");
        Container c = containers.get(container);
        if (c == null || !c.running()) {
            return;
        }
        exited(container, stopExitCode, true);
    }

    @Override
    public void restart(String container, Duration grace) {
        call("restart");
        Container c = containers.get(container);
        if (c == null) {
            throw problem(Problem.Kind.NOT_FOUND, "Not found in the container engine", "No such container: " + container,
                    "Check that the container still exists.");
        }
        if (c.running()) {
            setState(container, "exited", stopExitCode);
            emit("die", container);
            emit("stop", container);
        }
        running(container);
        emit("restart", container);
    }

    /** The container's process ends by itself with {@code exitCode} (die; destroy too when auto-remove). */
    public void exit(String container, int exitCode) {
        exited(container, exitCode, false);
    }

    @Override
    public Optional<ContainerDetails> inspect(String container) {
        call("inspect");
        Container c = containers.get(container);
        if (c == null) {
            return Optional.empty();
        }
        RunSpec run = runSpecs.get(container);
        return Optional.of(new ContainerDetails(c.id(), c.name(), c.image(), c.state(), exitCodes.getOrDefault(container, 0),
                startedAt.get(container), c.labels(), c.ips(), run == null ? List.of() : run.ports(),
                run == null ? List.of() : run.dns(), run == null ? List.of() : run.dnsSearch(), run != null && run.autoRemove()));
    }

    /** Events are delivered synchronously, on the thread that changed the state. */
    @Override
    public Subscription events(Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
        call("events");
        EventSubscriber s = new EventSubscriber(onEvent, onError);
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    /** How many subscriptions are open. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Delivers an event as if the engine sent it. */
    public void emit(EngineEvent event) {
        events.add(event);
        subscribers.forEach(s -> s.onEvent().accept(event));
    }

    /** The event stream breaks (the engine restarted): every subscriber gets {@code onError} once and is dropped. */
    public void breakEvents(Throwable cause) {
        List<EventSubscriber> dropped = List.copyOf(subscribers);
        subscribers.clear();
        dropped.forEach(s -> s.onError().accept(cause));
    }

    private void emit(String action, String container) {
        Container c = containers.get(container);
        String id = c == null ? "id-" + container : c.id();
        Map<String, String> attributes = new HashMap<>(c == null ? Map.of() : c.labels());
        attributes.put("name", container);
        emit(new EngineEvent("container", action, id, container, attributes));
    }

    private void exited(String container, int exitCode, boolean stopped) {
        Container c = containers.get(container);
        if (c == null || !c.running()) {
            return;
        }
        setState(container, "exited", exitCode);
        emit("die", container);
        if (stopped) {
            emit("stop", container);
        }
        RunSpec run = runSpecs.get(container);
        if (run != null && run.autoRemove()) {
            forget(container);
            emit(new EngineEvent("container", "destroy", c.id(), container, Map.of("name", container)));
        }
    }

    /** Running, with a fresh start time and, for an app container, a new address on its network. */
    private void running(String container) {
        Container c = containers.get(container);
        Map<String, String> ips = c.ips();
        RunSpec run = runSpecs.get(container);
        if (run != null) {
            String network = run.network() == null ? "bridge" : run.network();
            ips = Map.of(network, nextIp(network));
        }
        containers.put(container, new Container(c.id(), c.name(), c.image(), "running", c.labels(), ips));
        startedAt.put(container, clock.get());
        exitCodes.put(container, 0);
        emit("start", container);
    }

    private void setState(String container, String state, int exitCode) {
        Container c = containers.get(container);
        Map<String, String> ips = runSpecs.containsKey(container) ? Map.of() : c.ips(); // stopped: no address
        containers.put(container, new Container(c.id(), c.name(), c.image(), state, c.labels(), ips));
        exitCodes.put(container, exitCode);
        gateways.remove(container);
    }

    private void forget(String container) {
        containers.remove(container);
        runSpecs.remove(container);
        startedAt.remove(container);
        exitCodes.remove(container);
        gateways.remove(container);
    }

    /**
     * The next free address on the network's first subnet, counting up from .2 and never reusing one, so a
     * re-run container gets a new IP (as Podman does).
     */
    private String nextIp(String network) {
        Network n = networks.get(network);
        String subnet = n == null || n.subnets().isEmpty() ? "172.17.0.0/16" : n.subnets().getFirst();
        String[] octets = subnet.substring(0, subnet.indexOf('/')).split("\\.");
        long base = 0;
        for (String o : octets) {
            base = base << 8 | Integer.parseInt(o);
        }
        while (true) {
            int host = nextHost.merge(network, 1, Integer::sum) + 1;
            long ip = base + host;
            String text = (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
            if (containers.values().stream().noneMatch(c -> text.equals(c.ips().get(network)))) {
                return text;
            }
        }
    }

    private static PonteException problem(Problem.Kind kind, String title, String detail, String advice) {
        return new PonteException(new Problem(kind, title, detail, advice));
    }

    // --- issue 14: network options (MTU), disconnect, logs ---

    /** Driver options per network name. */
    public final Map<String, Map<String, String>> networkOptions = new LinkedHashMap<>();
    /** Log text per container name. */
    public final Map<String, String> logs = new LinkedHashMap<>();

    @Override
    public Network createNetwork(String name, String subnet, Map<String, String> labels, Map<String, String> options) {
        Network n = createNetwork(name, subnet, labels);
        networkOptions.put(name, Map.copyOf(options));
        return n;
    }

    @Override
    public Map<String, String> networkOptions(String name) {
        call("networkOptions");
        return networks.containsKey(name) ? networkOptions.getOrDefault(name, Map.of()) : Map.of();
    }

    @Override
    public void disconnect(String network, String container) {
        call("disconnect");
        Container c = containers.get(container);
        if (c != null && c.ips().containsKey(network)) {
            Map<String, String> ips = new HashMap<>(c.ips());
            ips.remove(network);
            containers.put(container, new Container(c.id(), c.name(), c.image(), c.state(), c.labels(), ips));
        }
    }

    @Override
    public String logs(String container, int lines) {
        call("logs");
        if (!containers.containsKey(container)) {
            throw new IllegalStateException("no container " + container);
        }
        List<String> all = List.of(logs.getOrDefault(container, "").split("\n", -1));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
