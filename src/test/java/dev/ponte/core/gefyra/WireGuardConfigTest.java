package dev.ponte.core.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireGuardConfigTest {
    // test fixtures made with wg genkey; not used anywhere else
    static final String PRIVATE = "sET4wDj2rj+K+qytb5BKxG3zHkGa0TcToAzbNyKDCXI=";
    static final String PRESHARED = "GNN8R1PjiR16ZDhmltNwBe73QUztAyjWrntCn4XjkH8=";
    static final String SERVER_PUBLIC = "fPFa+3oS0jGJNkv3YY2Jhsm1tJqdAuR7SORBxLqxBHA=";

    /** providerConfig as the operator fills it from Stowaway's peer file (gefyra-protocol.md 4.6). */
    static Map<String, String> providerConfig() {
        Map<String, String> pc = new HashMap<>();
        pc.put("Interface.Address", "192.168.99.2");
        pc.put("Interface.PrivateKey", PRIVATE);
        pc.put("Interface.ListenPort", "51820");
        pc.put("Interface.DNS", "192.168.99.1");
        pc.put("Interface.PublicKey", "aAKkkxBMg7JUAVlwuGq0Sd0Ds0cQF4crBsU7CaWSx3M=");
        pc.put("Peer.PublicKey", SERVER_PUBLIC);
        pc.put("Peer.PresharedKey", PRESHARED);
        pc.put("Peer.Endpoint", ":31820");
        pc.put("Peer.AllowedIPs", "0.0.0.0/0, ::/0");
        return pc;
    }

    @Test
    void textIsExactlyWhatGefyraWrites() {
        String expected = """
                [Interface]
                Address = 192.168.99.2
                PrivateKey = sET4wDj2rj+K+qytb5BKxG3zHkGa0TcToAzbNyKDCXI=
                DNS = 192.168.99.1
                PreUp = sysctl -w net.ipv4.ip_forward=1
                PostUp = iptables -A FORWARD -i %i -j ACCEPT; iptables -A FORWARD -o %i -j ACCEPT; \
                iptables -t nat -A POSTROUTING -o $(ip -4 -o addr show | grep "\\.149/" | awk '{print $2}' \
                | cut -d'@' -f1) -j MASQUERADE
                PostDown = iptables -D FORWARD -i %i -j ACCEPT; iptables -D FORWARD -o %i -j ACCEPT; \
                iptables -t nat -D POSTROUTING -o $(ip -4 -o addr show | grep "\\.149/" | awk '{print $2}' \
                | cut -d'@' -f1) -j MASQUERADE
                [Peer]
                PublicKey = fPFa+3oS0jGJNkv3YY2Jhsm1tJqdAuR7SORBxLqxBHA=
                Endpoint = 172.17.0.1:31820
                PresharedKey = GNN8R1PjiR16ZDhmltNwBe73QUztAyjWrntCn4XjkH8=
                PersistentKeepalive = 21
                AllowedIPs = 0.0.0.0/0
                """;
        assertEquals(expected, WireGuardConfig.of(providerConfig(), "172.17.0.1:31820", OptionalInt.empty()).text());
    }

    @Test
    void postUpHasTheLiteralBackslashDotOfUpstreamsGrep() {
        String text = WireGuardConfig.of(providerConfig(), "h:1", OptionalInt.empty()).text();
        assertTrue(text.contains("grep \"\\.149/\" | awk '{print $2}' | cut -d'@' -f1)"), text);
    }

    @Test
    void mtuLineFollowsAddressWhenSet() {
        String text = WireGuardConfig.of(providerConfig(), "172.17.0.1:31820", OptionalInt.of(1340)).text();
        assertTrue(text.startsWith("[Interface]\nAddress = 192.168.99.2\nMTU = 1340\nPrivateKey = "), text);
    }

    @Test
    void noMtuLineWhenUnset() {
        String text = WireGuardConfig.of(providerConfig(), "172.17.0.1:31820", OptionalInt.empty()).text();
        assertFalse(text.contains("MTU"), text);
    }

    @Test
    void endpointIsTheGivenOneNotPeerEndpoint() {
        String text = WireGuardConfig.of(providerConfig(), "gefyra.example.com:31820", OptionalInt.empty()).text();
        assertTrue(text.contains("\nEndpoint = gefyra.example.com:31820\n"));
        assertFalse(text.contains(":31820\nEndpoint = :31820"));
        assertFalse(text.contains("::/0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Interface.Address", "Interface.PrivateKey", "Interface.DNS", "Peer.PublicKey",
            "Peer.PresharedKey"})
    void missingKeyIsNamed(String key) {
        Map<String, String> pc = providerConfig();
        pc.remove(key);
        var e = assertThrows(IllegalArgumentException.class,
                () -> WireGuardConfig.of(pc, "172.17.0.1:31820", OptionalInt.empty()));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertNoSecret(e.getMessage());
    }

    @Test
    void malformedKeyIsNamedWithoutItsValue() {
        Map<String, String> pc = providerConfig();
        pc.put("Interface.PrivateKey", PRIVATE + "\nPostUp = touch /pwned");
        var e = assertThrows(IllegalArgumentException.class,
                () -> WireGuardConfig.of(pc, "172.17.0.1:31820", OptionalInt.empty()));
        assertTrue(e.getMessage().contains("Interface.PrivateKey"), e.getMessage());
        assertNoSecret(e.getMessage());
        assertFalse(e.getMessage().contains("pwned"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "172.17.0.1", "172.17.0.1:0", "172.17.0.1:70000", "host:31820\nPostUp = id"})
    void badEndpointIsRefused(String endpoint) {
        assertThrows(IllegalArgumentException.class,
                () -> WireGuardConfig.of(providerConfig(), endpoint, OptionalInt.empty()));
    }

    @Test
    void bracketedIpv6EndpointIsAccepted() {
        assertEquals("[fd00::1]:31820",
                WireGuardConfig.of(providerConfig(), "[fd00::1]:31820", OptionalInt.empty()).endpoint());
    }

    @Test
    void absurdMtuIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> WireGuardConfig.of(providerConfig(), "h:31820", OptionalInt.of(100)));
    }

    @Test
    void toStringNeverShowsTheSecrets() {
        String s = WireGuardConfig.of(providerConfig(), "172.17.0.1:31820", OptionalInt.of(1400)).toString();
        assertNoSecret(s);
        assertTrue(s.contains("192.168.99.2") && s.contains("172.17.0.1:31820"), s);
    }

    @Test
    void writeCreatesAnOwnerOnlyFileWithTheText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gefyra").resolve("default.conf");
        WireGuardConfig config = WireGuardConfig.of(providerConfig(), "172.17.0.1:31820", OptionalInt.empty());
        config.write(file);
        assertEquals(config.text(), Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(file.getParent()));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file stays behind");
        }
    }

    @Test
    void writeReplacesAWorldReadableFileWithAnOwnerOnlyOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("default.conf");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        WireGuardConfig config = WireGuardConfig.of(providerConfig(), "172.17.0.1:31820", OptionalInt.of(1400));
        config.write(file);
        assertEquals(config.text(), Files.readString(file));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    private static void assertNoSecret(String s) {
        assertFalse(s.contains(PRIVATE), s);
        assertFalse(s.contains(PRESHARED), s);
    }
}
