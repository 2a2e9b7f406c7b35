package dev.ponte.core.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConnectionNamesTest {
    @Test
    void aDockerSafeContextKeepsItsName() {
        assertEquals("kind-dev", ConnectionNames.forContext("kind-dev"));
        assertEquals("k3d-ponte-1", ConnectionNames.forContext("k3d-ponte-1"));
    }

    @Test
    void namesThatMakingSafeWouldMergeStayApart() {
        Set<String> names = new HashSet<>();
        for (String c : List.of("prod.eu", "prod_eu", "PROD-EU", "prod-eu", "prod eu", "prod/eu")) {
            names.add(ConnectionNames.forContext(c));
        }
        assertEquals(6, names.size(), names.toString());
        assertTrue(ConnectionNames.forContext("prod.eu").startsWith("prod-eu-"));
    }

    @Test
    void nonAsciiContextsGetAHashNotDefault() {
        String a = ConnectionNames.forContext("生产");
        String b = ConnectionNames.forContext("運用");
        assertTrue(a.startsWith("ctx-") && b.startsWith("ctx-"), a + " " + b);
        assertNotEquals(a, b);
        assertNotEquals("default", a);
    }

    @Test
    void longNamesAreCutAndStillUnique() {
        String a = ConnectionNames.forContext("arn:aws:eks:eu-central-1:123456789012:cluster/production-payments-platform");
        String b = ConnectionNames.forContext("arn:aws:eks:eu-central-1:123456789012:cluster/production-payments-platform2");
        assertTrue(a.length() <= ConnectionNames.MAX, a);
        assertNotEquals(a, b);
        assertTrue(ConnectionNames.checkedName(a).isPresent());
        assertTrue(ConnectionNames.isDockerName("gefyra-network-" + a + "-probe-31"));
    }

    @Test
    void theNameIsStableAndClientIdsDifferPerConnection() {
        assertEquals(ConnectionNames.forContext("prod.eu"), ConnectionNames.forContext("prod.eu"));
        String one = ConnectionNames.clientId("dev@laptop", "kind-dev");
        assertEquals(one, ConnectionNames.clientId("dev@laptop", "kind-dev"));
        assertNotEquals(one, ConnectionNames.clientId("dev@laptop", "staging"));
        assertNotEquals(one, ConnectionNames.clientId("other@laptop", "kind-dev"));
        assertTrue(one.matches("ponte[0-9a-f]{10}"), one);
    }

    @Test
    void aTakenNameGetsALongerHash() {
        String first = ConnectionNames.forContext("prod.eu");
        String second = ConnectionNames.unique("prod.eu", first::equals);
        assertNotEquals(first, second);
        assertTrue(ConnectionNames.checkedName(second).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../projects/app/values", "/etc/passwd", "a/b", "..", "a..b", "a\nb", "", " x", "-x", "X"})
    void namesFromLabelsThatCouldLeadElsewhereAreRefused(String bad) {
        assertFalse(ConnectionNames.checkedName(bad).isPresent(), bad);
    }

    @Test
    void overlongNamesAndClientsAreRefused() {
        assertFalse(ConnectionNames.checkedName("x".repeat(300)).isPresent());
        assertFalse(ConnectionNames.checkedClient("a".repeat(64)).isPresent());
        assertFalse(ConnectionNames.checkedClient("Ponte_1").isPresent());
        assertTrue(ConnectionNames.checkedClient("ponte3f9a1c07b2").isPresent());
        assertFalse(ConnectionNames.checkedContext("a\u0000b").isPresent());
        assertTrue(ConnectionNames.checkedContext("生产 (eu)").isPresent());
    }
}
