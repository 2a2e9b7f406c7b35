package dev.ponte.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the developer's own containers (shared/gefyra-protocol.md 6) between docker-java's models and the
 * port's records: the create request for a {@link RunSpec}, images, inspect answers and events. Pure.
 */
final class RunModels {
    /** Engines write this for "never" (Go's zero time); Podman as well as Docker. */
    private static final Instant EPOCH = Instant.EPOCH;
    /** Container actions that change nothing the local-containers list shows; exec health probes would flood it. */
    private static final Set<String> QUIET_ACTIONS = Set.of("attach", "detach", "resize", "top", "archive-path",
            "extract-to-dir", "copy", "export", "commit", "mount", "unmount", "cleanup", "init", "sync", "checkpoint",
            "exec");
    private static final Set<String> NETWORK_ACTIONS = Set.of("connect", "disconnect");

    private RunModels() {
    }

    /**
     * The host side of {@code gefyra run}'s {@code containers.run(...)} (upstream {@code client/gefyra/api/run.py}):
     * the connection's network as network mode, Stowaway's DNS and the namespace's search list, binds,
     * published ports, auto-remove and limits (0 = none).
     */
    static HostConfig hostConfig(RunSpec spec) {
        HostConfig hc = HostConfig.newHostConfig();
        if (spec.network() != null && !spec.network().isBlank()) {
            hc.withNetworkMode(spec.network());
        }
        if (!spec.dns().isEmpty()) {
            hc.withDns(spec.dns());
        }
        if (!spec.dnsSearch().isEmpty()) {
            hc.withDnsSearch(spec.dnsSearch());
        }
        if (!spec.mounts().isEmpty()) {
            hc.withBinds(spec.mounts().stream().map(m -> new Bind(m.source(), new Volume(m.target()),
                    m.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        }
        if (!spec.ports().isEmpty()) {
            Ports ports = new Ports();
            for (PortBinding p : spec.ports()) {
                String hostIp = p.hostIp() == null || p.hostIp().isBlank() ? null : p.hostIp();
                ports.bind(exposedPort(p), new Ports.Binding(hostIp, p.hostPort() <= 0 ? null : Integer.toString(p.hostPort())));
            }
            hc.withPortBindings(ports);
        }
        hc.withAutoRemove(spec.autoRemove());
        if (spec.nanoCpus() > 0) {
            hc.withNanoCPUs(spec.nanoCpus());
        }
        if (spec.memoryBytes() > 0) {
            hc.withMemory(spec.memoryBytes());
        }
        return hc;
    }

    /** The container ports to expose (each once, in the spec's order); publishing needs them exposed. */
    static List<ExposedPort> exposedPorts(RunSpec spec) {
        return List.copyOf(new LinkedHashSet<>(spec.ports().stream().map(RunModels::exposedPort).toList()));
    }

    /** {@code K=V} in the spec's order (a later {@code --env} overrides an {@code --env-from} value before this). */
    static List<String> env(RunSpec spec) {
        return spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static ExposedPort exposedPort(PortBinding p) {
        String protocol = p.protocol() == null || p.protocol().isBlank() ? "tcp" : p.protocol().toLowerCase(Locale.ROOT);
        return new ExposedPort(p.containerPort(), InternetProtocol.parse(protocol));
    }

    /**
     * Tagged images only, newest first, tags sorted. An image whose only tag is {@code <none>:<none>}
     * (dangling, or pulled by digest only) cannot be picked by name, so it is left out.
     */
    static List<ContainerEngine.Image> images(List<com.github.dockerjava.api.model.Image> images) {
        List<ContainerEngine.Image> out = new ArrayList<>();
        for (var i : images) {
            List<String> tags = i.getRepoTags() == null ? List.of() : Arrays.stream(i.getRepoTags())
                    .filter(t -> t != null && !t.isBlank() && !t.startsWith("<none>")).distinct().sorted().toList();
            if (tags.isEmpty()) {
                continue;
            }
            long size = i.getSize() == null ? 0 : i.getSize();
            Instant created = i.getCreated() == null ? EPOCH : Instant.ofEpochSecond(i.getCreated());
            out.add(new ContainerEngine.Image(i.getId(), tags, size, created));
        }
        out.sort(Comparator.comparing(ContainerEngine.Image::created).reversed()
                .thenComparing(img -> img.tags().getFirst()));
        return out;
    }

    static ContainerEngine.ContainerDetails details(InspectContainerResponse c) {
        var config = c.getConfig();
        var state = c.getState();
        HostConfig hc = c.getHostConfig();
        Map<String, ContainerNetwork> nets = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getNetworks();
        Map<String, String> ips = new LinkedHashMap<>();
        if (nets != null) {
            nets.forEach((net, cn) -> {
                if (cn != null && cn.getIpAddress() != null && !cn.getIpAddress().isEmpty()) {
                    ips.put(net, cn.getIpAddress());
                }
            });
        }
        Ports live = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getPorts();
        List<PortBinding> ports = ports(live);
        if (ports.isEmpty() && hc != null) {
            ports = ports(hc.getPortBindings());
        }
        Long exit = state == null ? null : state.getExitCodeLong();
        return new ContainerEngine.ContainerDetails(c.getId(), EngineModels.stripSlash(c.getName()),
                config == null ? null : config.getImage(), state == null ? null : state.getStatus(),
                exit == null ? 0 : exit.intValue(), state == null ? null : instant(state.getStartedAt()),
                config == null ? Map.of() : EngineModels.orEmpty(config.getLabels()), ips, ports,
                hc == null || hc.getDns() == null ? List.of() : List.of(hc.getDns()),
                hc == null || hc.getDnsSearch() == null ? List.of() : List.of(hc.getDnsSearch()),
                hc != null && Boolean.TRUE.equals(hc.getAutoRemove()));
    }

    /**
     * Published ports, one per host port and container port: engines list a binding for IPv4 and IPv6
     * ({@code 0.0.0.0} and {@code ::}); both mean "every address", shown as an empty host IP.
     */
    static List<PortBinding> ports(Ports ports) {
        if (ports == null || ports.getBindings() == null) {
            return List.of();
        }
        Map<String, PortBinding> out = new LinkedHashMap<>();
        ports.getBindings().forEach((exposed, bindings) -> {
            if (bindings == null) {
                return;
            }
            for (Ports.Binding b : bindings) {
                String ip = b.getHostIp() == null || "0.0.0.0".equals(b.getHostIp()) || "::".equals(b.getHostIp())
                        ? "" : b.getHostIp();
                int hostPort = parsePort(b.getHostPortSpec());
                String protocol = exposed.getProtocol() == null ? "tcp" : exposed.getProtocol().toString();
                PortBinding p = new PortBinding(ip, hostPort, exposed.getPort(), protocol);
                out.putIfAbsent(p.hostIp() + "|" + hostPort + "|" + p.containerPort() + "/" + protocol, p);
            }
        });
        List<PortBinding> sorted = new ArrayList<>(out.values());
        sorted.sort(Comparator.comparingInt(PortBinding::containerPort).thenComparingInt(PortBinding::hostPort));
        return sorted;
    }

    private static int parsePort(String spec) {
        if (spec == null || spec.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(spec.contains("-") ? spec.substring(0, spec.indexOf('-')) : spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An engine timestamp, or null for "never" ({@code 0001-01-01T00:00:00Z}), empty or unreadable. */
    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(timestamp).toInstant();
            return t.isAfter(EPOCH) ? t : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * One engine event as the port shows it, or null when it is of no interest. Container events carry the
     * container's id and name; network events ({@code connect}/{@code disconnect} only) carry the
     * network's id and name, and the container's id under the attribute {@code container}, as Docker
     * sends them. Podman's {@code remove} is reported as Docker's {@code destroy}; its {@code died} as {@code die}.
     */
    static ContainerEngine.EngineEvent event(Event e) {
        String type = e.getType() == null ? null : e.getType().getValue();
        String action = e.getAction() != null ? e.getAction() : e.getStatus();
        if (type == null || action == null) {
            return null;
        }
        String word = action.contains(":") ? action.substring(0, action.indexOf(':')).strip() : action.strip();
        Map<String, String> attributes = e.getActor() == null ? Map.of() : EngineModels.orEmpty(e.getActor().getAttributes());
        String id = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId() : e.getId();
        switch (type) {
            case "container" -> {
                if (QUIET_ACTIONS.contains(word) || word.startsWith("exec_")) {
                    return null;
                }
                String normalised = switch (word) {
                    case "remove" -> "destroy";
                    case "died" -> "die";
                    default -> word;
                };
                return new ContainerEngine.EngineEvent(type, normalised, id, attributes.get("name"), attributes);
            }
            case "network" -> {
                if (!NETWORK_ACTIONS.contains(word)) {
                    return null;
                }
                return new ContainerEngine.EngineEvent(type, word, id, attributes.get("name"), attributes);
            }
            default -> {
                return null;
            }
        }
    }

}
