package dev.ponte.core.lifecycle;

import dev.ponte.core.port.ContainerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * In-memory container engine for core lifecycle tests: networks get subnets 172.18.0.0/16,
 * 172.19.0.0/16, … like Docker's default pool; exec answers come from a script.
 */
public final class FakeEngine implements ContainerEngine {
    public final Map<String, Network> networks = new LinkedHashMap<>();
    public final Map<String, Container> containers = new LinkedHashMap<>();
    final Map<String, ContainerSpec> specs = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, RuntimeException> failOnce = new LinkedHashMap<>();
    java.util.function.Consumer<String> beforeCall = c -> { };
    /** Command line (joined by spaces) → result; default: exit 0, empty output. */
    public Function<String, ExecResult> execScript = cmd -> new ExecResult(0, "");
    private int nextSubnet = 18;

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
        if (s == null) {
            do {
                s = "172." + nextSubnet++ + ".0.0/16";
            } while (inUse(s));
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
    }

    @Override
    public void start(String container) {
        call("start");
        Container c = containers.get(container);
        containers.put(container, new Container(c.id(), c.name(), c.image(), "running", c.labels(), c.ips()));
    }

    @Override
    public void remove(String container) {
        call("remove");
        containers.remove(container);
    }

    @Override
    public ExecResult exec(String container, Duration timeout, String... command) {
        call("exec");
        if (!containers.containsKey(container)) {
            throw new IllegalStateException("no container " + container);
        }
        return execScript.apply(String.join(" ", command));
    }

    @Override
    public void close() {
    }

    // PENDING issue 5: engine side of Run (helper "engine")
    @Override public java.util.List<Image> images() { throw new UnsupportedOperationException("PENDING issue 5"); }
    @Override public String create(RunSpec spec) { throw new UnsupportedOperationException("PENDING issue 5"); }
    @Override public void stop(String container, java.time.Duration grace) { throw new UnsupportedOperationException("PENDING issue 5"); }
    @Override public void restart(String container, java.time.Duration grace) { throw new UnsupportedOperationException("PENDING issue 5"); }
    @Override public java.util.Optional<ContainerDetails> inspect(String container) { throw new UnsupportedOperationException("PENDING issue 5"); }
    @Override public dev.ponte.core.port.Subscription events(java.util.function.Consumer<EngineEvent> onEvent, java.util.function.Consumer<Throwable> onError) { throw new UnsupportedOperationException("PENDING issue 5"); }
}
