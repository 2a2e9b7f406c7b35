package dev.ponte.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.api.model.Volume;
import dev.ponte.core.port.ContainerEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Maps between docker-java's models and the port's records. Pure. */
final class EngineModels {
    static final String PODMAN = "Podman";
    static final String DOCKER_DESKTOP = "Docker Desktop";
    static final String DOCKER = "Docker";
    static final String SYSTEMPATHS_UNCONFINED = "systempaths=unconfined";

    private EngineModels() {
    }

    static ContainerEngine.Info info(String endpoint, Version v) {
        List<String> components = v.getComponents() == null ? List.of()
                : v.getComponents().stream().map(VersionComponent::getName).filter(Objects::nonNull).toList();
        String platform = v.getPlatform() == null ? null : v.getPlatform().getName();
        return new ContainerEngine.Info(endpoint, product(platform, components), v.getVersion(), v.getApiVersion(),
                v.getOperatingSystem(), v.getArch());
    }

    /**
     * Which engine answers, from {@code /version}: Podman names its component "Podman Engine"; Docker
     * Desktop's platform is "Docker Desktop x.y.z"; anything else is Docker (Engine, Colima, Rancher's moby).
     */
    static String product(String platformName, List<String> componentNames) {
        boolean podman = componentNames.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).contains("podman"))
                || (platformName != null && platformName.toLowerCase(Locale.ROOT).contains("podman"));
        if (podman) {
            return PODMAN;
        }
        return platformName != null && platformName.toLowerCase(Locale.ROOT).contains("docker desktop") ? DOCKER_DESKTOP : DOCKER;
    }

    static ContainerEngine.Network network(com.github.dockerjava.api.model.Network n) {
        List<String> subnets = n.getIpam() == null || n.getIpam().getConfig() == null ? List.of()
                : n.getIpam().getConfig().stream().map(c -> c.getSubnet()).filter(Objects::nonNull).toList();
        return new ContainerEngine.Network(n.getId(), n.getName(), subnets, orEmpty(n.getLabels()));
    }

    static ContainerEngine.Container container(com.github.dockerjava.api.model.Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : stripSlash(c.getNames()[0]);
        Map<String, ContainerNetwork> nets = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getNetworks();
        return new ContainerEngine.Container(c.getId(), name, c.getImage(), c.getState(), orEmpty(c.getLabels()), ips(nets));
    }

    static ContainerEngine.Container container(InspectContainerResponse c) {
        String image = c.getConfig() == null ? null : c.getConfig().getImage();
        Map<String, String> labels = c.getConfig() == null ? Map.of() : orEmpty(c.getConfig().getLabels());
        String state = c.getState() == null ? null : c.getState().getStatus();
        Map<String, ContainerNetwork> nets = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getNetworks();
        return new ContainerEngine.Container(c.getId(), stripSlash(c.getName()), image, state, labels, ips(nets));
    }

    /**
     * The host side of a container spec: privileges, mounts, devices and its first network.
     * {@value #SYSTEMPATHS_UNCONFINED} is a docker CLI option, not an Engine API one: the CLI sends empty
     * {@code MaskedPaths} and {@code ReadonlyPaths} instead, and Docker's API refuses the option itself
     * ("invalid --security-opt"); Podman's compat API takes the option and ignores the empty lists.
     *
     * @param podman whether the engine is Podman
     */
    static HostConfig hostConfig(ContainerEngine.ContainerSpec spec, boolean podman) {
        List<String> securityOpts = spec.securityOpts();
        HostConfig hc;
        if (!podman && securityOpts.contains(SYSTEMPATHS_UNCONFINED)) {
            hc = new UnconfinedHostConfig();
            securityOpts = securityOpts.stream().filter(o -> !o.equals(SYSTEMPATHS_UNCONFINED)).toList();
        } else {
            hc = HostConfig.newHostConfig();
        }
        hc.withPrivileged(spec.privileged());
        if (!spec.capAdd().isEmpty()) {
            hc.withCapAdd(spec.capAdd().stream().map(EngineModels::capability).toArray(Capability[]::new));
        }
        if (spec.pidHost()) {
            hc.withPidMode("host");
        }
        if (!securityOpts.isEmpty()) {
            hc.withSecurityOpts(securityOpts);
        }
        if (!spec.devices().isEmpty()) {
            hc.withDevices(spec.devices().stream().map(d -> new Device("rwm", d, d)).toList());
        }
        if (!spec.mounts().isEmpty()) {
            hc.withBinds(spec.mounts().stream().map(m -> new Bind(m.source(), new Volume(m.target()),
                    m.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        }
        if (spec.network() != null) {
            hc.withNetworkMode(spec.network());
        }
        return hc;
    }

    /** {@code NET_ADMIN} or {@code CAP_NET_ADMIN}, any case. */
    static Capability capability(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        try {
            return Capability.valueOf(n.startsWith("CAP_") ? n.substring(4) : n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown Linux capability: " + name, e);
        }
    }

    /** HostConfig with the two fields docker-java lacks, sent empty: nothing masked, nothing read-only in /proc and /sys. */
    static final class UnconfinedHostConfig extends HostConfig {
        private static final long serialVersionUID = 1L;

        @JsonProperty("MaskedPaths")
        private final List<String> maskedPaths = List.of();

        @JsonProperty("ReadonlyPaths")
        private final List<String> readonlyPaths = List.of();

        List<String> maskedPaths() {
            return maskedPaths;
        }

        List<String> readonlyPaths() {
            return readonlyPaths;
        }
    }

    private static Map<String, String> ips(Map<String, ContainerNetwork> nets) {
        Map<String, String> ips = new LinkedHashMap<>();
        if (nets != null) {
            nets.forEach((net, cn) -> {
                if (cn != null && cn.getIpAddress() != null && !cn.getIpAddress().isEmpty()) {
                    ips.put(net, cn.getIpAddress());
                }
            });
        }
        return ips;
    }

    /** A copy without null keys or values (engines send both); empty for null. */
    static Map<String, String> orEmpty(Map<String, String> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /** Docker names containers {@code /name}. */
    static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }
}
