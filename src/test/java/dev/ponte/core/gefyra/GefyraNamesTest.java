package dev.ponte.core.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Default names as upstream's client builds them (client/gefyra/api/mount.py, api/bridge.py). */
class GefyraNamesTest {

    @Test
    void mountNameIsWorkloadNamespaceAndFiveRandomCharacters() {
        String name = GefyraNames.mountName("api", "shop");

        assertTrue(name.matches("api-shop-[a-z0-9]{5}"), name);
    }

    @Test
    void mountNameCutsWorkloadAt25AndNamespaceAt20() {
        String name = GefyraNames.mountName("a-very-long-workload-name-indeed", "a-rather-long-namespace-name",
                new SplittableRandom(1));

        assertTrue(name.matches("a-very-long-workload-name-a-rather-long-namesp-[a-z0-9]{5}"), name);
        assertTrue(name.length() <= GefyraNames.MAX_LENGTH);
    }

    @Test
    void bridgeNameReplacesTheSlashOfTheTarget() {
        String name = GefyraNames.bridgeName("laptop-1", "deployment/api", "web");

        assertTrue(name.matches("laptop-1-deployment-api-web-[a-z0-9]{5}"), name);
    }

    @Test
    void bridgeNameKeepsUpstreamsCutsWhileThatFits() {
        String name = GefyraNames.bridgeName("ponte-abcdefghij", "statefulset/postgres-primary", "postgres",
                new SplittableRandom(2));

        assertTrue(name.matches("ponte-abcdefghij-statefulset-postgres-postgres-[a-z0-9]{5}"), name);
    }

    @Test
    void aBridgeNameUpstreamWouldRefuseIsShortenedToFit() {
        String client = "ponte-0123456789abcdef0123456789"; // cut to 25
        String name = GefyraNames.bridgeName(client, "deployment/checkout-service-v2", "checkout-service-container");

        assertEquals(GefyraNames.MAX_LENGTH, name.length(), name);
        // upstream's cuts (client 25, target 20 ending in '-'), then the container shortened from 20 to 10
        assertTrue(name.matches("ponte-0123456789abcdef012-deployment-checkout--checkout-s-[a-z0-9]{5}"), name);
    }
}
