package dev.ponte.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.ponte.core.gefyra.CargoSpec;
import dev.ponte.core.port.ContainerEngine.ContainerSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineModelsTest {

    @Test
    void productComesFromComponentsAndPlatform() {
        assertEquals("Podman", EngineModels.product("linux/amd64/debian-12", List.of("Podman Engine", "Conmon", "OCI Runtime (runc)")));
        assertEquals("Docker", EngineModels.product("", List.of("Engine", "containerd", "runc", "docker-init")));
        assertEquals("Docker", EngineModels.product("Docker Engine - Community", List.of("Engine")));
        assertEquals("Docker Desktop", EngineModels.product("Docker Desktop 4.30.0 (149282)", List.of("Engine")));
        assertEquals("Docker", EngineModels.product(null, List.of()));
    }

    @Test
    void upstreamCargoBecomesPrivilegedPidHostWithTwoReadWriteBinds() {
        ContainerSpec spec = CargoSpec.upstream("default", "quay.io/gefyra/cargo:2.5.4", Path.of("/home/me/.gefyra/default.conf"),
                null, "/home/me/.gefyra/default.yaml", "kind-dev", "10.199.0.1:31820", "client1");
        HostConfig hc = EngineModels.hostConfig(spec, false);
        assertEquals(Boolean.TRUE, hc.getPrivileged());
        assertArrayEquals(new Capability[] {Capability.NET_ADMIN}, hc.getCapAdd());
        assertEquals("host", hc.getPidMode());
        assertEquals(2, hc.getBinds().length);
        assertEquals("/var/run/docker.sock", hc.getBinds()[0].getPath());
        assertEquals("/var/run/docker.sock", hc.getBinds()[0].getVolume().getPath());
        assertEquals(AccessMode.rw, hc.getBinds()[0].getAccessMode());
        assertEquals("/home/me/.gefyra/default.conf", hc.getBinds()[1].getPath());
        assertEquals("/config/wg0.conf", hc.getBinds()[1].getVolume().getPath());
        assertNull(hc.getNetworkMode(), "the engine's default bridge");
        assertNull(hc.getDevices());
    }

    @Test
    void unprivilegedCargoMapsTunAndUnconfinesSystemPathsTheWayEachEngineUnderstands() throws Exception {
        ContainerSpec spec = CargoSpec.unprivileged("default", "img", Path.of("/c.conf"), "/run/podman/podman.sock",
                "/k.yaml", "ctx", "h:1", "c");
        HostConfig docker = EngineModels.hostConfig(spec, false);
        assertEquals(Boolean.FALSE, docker.getPrivileged());
        assertArrayEquals(new Capability[] {Capability.NET_ADMIN, Capability.SYS_ADMIN}, docker.getCapAdd());
        assertEquals("/dev/net/tun", docker.getDevices()[0].getPathOnHost());
        assertEquals("/dev/net/tun", docker.getDevices()[0].getPathInContainer());
        assertEquals("rwm", docker.getDevices()[0].getcGroupPermissions());
        assertEquals("/run/podman/podman.sock", docker.getBinds()[0].getPath());
        assertNull(docker.getSecurityOpts(), "Docker's API refuses the CLI-only option");
        String json = new ObjectMapper().writeValueAsString(docker);
        assertTrue(json.contains("\"MaskedPaths\":[]") && json.contains("\"ReadonlyPaths\":[]"), json);

        HostConfig podman = EngineModels.hostConfig(spec, true);
        assertEquals(List.of("systempaths=unconfined"), podman.getSecurityOpts(), "Podman's compat API takes the option");
        assertFalse(new ObjectMapper().writeValueAsString(podman).contains("MaskedPaths"));
    }

    @Test
    void capabilitiesAcceptTheCapPrefixAndRejectUnknownNames() {
        assertEquals(Capability.NET_ADMIN, EngineModels.capability("cap_net_admin"));
        assertThrows(IllegalArgumentException.class, () -> EngineModels.capability("FLY"));
    }
}
