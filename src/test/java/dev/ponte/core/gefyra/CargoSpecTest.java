package dev.ponte.core.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.ContainerEngine.ContainerSpec;
import dev.ponte.core.port.ContainerEngine.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cargo as upstream 2.5.4 creates it (client/gefyra/types/client.py, local/utils.py, local/__init__.py). */
class CargoSpecTest {
    static final Path CONF = Path.of("/home/me/.gefyra/default.conf");

    static ContainerSpec upstream() {
        return CargoSpec.upstream("default", "quay.io/gefyra/cargo:2.5.4", CONF, null, "/home/me/.gefyra/default.yaml",
                "kind-dev", "172.18.0.1:31820", "ponte-abc");
    }

    @Test
    void upstreamSpecIsGefyrasCargo() {
        ContainerSpec s = upstream();
        assertEquals("gefyra-cargo-default", s.name());
        assertEquals("quay.io/gefyra/cargo:2.5.4", s.image());
        assertTrue(s.privileged());
        assertEquals(List.of("NET_ADMIN"), s.capAdd());
        assertTrue(s.pidHost());
        assertEquals(List.of(new Mount("/var/run/docker.sock", "/var/run/docker.sock", false),
                new Mount("/home/me/.gefyra/default.conf", "/config/wg0.conf", false)), s.mounts());
        assertNull(s.network(), "created on the engine's default bridge, connected to gefyra-network-<conn> afterwards");
        assertEquals(List.of(), s.securityOpts());
        assertEquals(List.of(), s.devices());
        assertEquals(List.of(), s.command(), "the image's entrypoint runs wg-quick");
        assertEquals(Map.of(), s.env());
    }

    @Test
    void theEightLabelsCarryTheConnectionRegistry() {
        assertEquals(Map.of(
                "created_by.gefyra.dev", "true",
                "gefyra.dev/role", "cargo",
                "active_kubeconfig.gefyra.dev", "/home/me/.gefyra/default.yaml",
                "active_context.gefyra.dev", "kind-dev",
                "cargo_endpoint.gefyra.dev", "172.18.0.1:31820",
                "connection_name.gefyra.dev", "default",
                "gefyraclient.gefyra.dev", "ponte-abc",
                "version.gefyra.dev", "2.5.4"), upstream().labels());
        assertEquals(Gefyra.VERSION, upstream().labels().get(CargoLabels.VERSION));
    }

    @Test
    void unprivilegedVariantSwapsPrivilegedForTheSettingsThatWorkOnDocker() {
        ContainerSpec u = CargoSpec.unprivileged("default", "img", CONF, "/run/podman/podman.sock",
                "/k.yaml", "ctx", "h:31820", "c");
        assertFalse(u.privileged());
        assertEquals(List.of("NET_ADMIN", "SYS_ADMIN"), u.capAdd());
        assertEquals(List.of("/dev/net/tun"), u.devices());
        assertEquals(List.of("systempaths=unconfined"), u.securityOpts());
        assertTrue(u.pidHost());
        assertEquals("gefyra-cargo-default", u.name());
        assertEquals(new Mount("/run/podman/podman.sock", "/var/run/docker.sock", false), u.mounts().getFirst(),
                "the engine's own socket, where Cargo's docker CLI expects it");
        assertEquals(CargoSpec.labels("default", "/k.yaml", "ctx", "h:31820", "c"), u.labels());
    }

    @Test
    void cargoSitsAtDot149OfItsNetwork() {
        assertEquals("172.18.0.149", Gefyra.cargoIp("172.18.0.0/16"));
        assertEquals("10.199.0.149", Gefyra.cargoIp("10.199.0.0/24"));
    }

    @Test
    void missingValuesAreRefusedEarly() {
        assertThrows(IllegalArgumentException.class, () -> CargoSpec.upstream(" ", "i", CONF, null, "k", "c", "e", "id"));
        assertThrows(NullPointerException.class, () -> CargoSpec.upstream("d", "i", CONF, null, "k", null, "e", "id"));
        assertThrows(NullPointerException.class, () -> CargoSpec.upstream("d", "i", null, null, "k", "c", "e", "id"));
    }

    @Test
    void privilegeRefusalIsRecognisedAnywhereInTheChain() {
        assertTrue(CargoSpec.privilegeRefused(new RuntimeException("start failed", new IllegalStateException(
                "OCI runtime create failed: runc create failed: unable to start container process: unable to apply caps:"
                        + " operation not permitted: unknown"))));
        assertFalse(CargoSpec.privilegeRefused(new RuntimeException("No such image: quay.io/gefyra/cargo:2.5.4")));
        assertFalse(CargoSpec.privilegeRefused(null));
    }
}
