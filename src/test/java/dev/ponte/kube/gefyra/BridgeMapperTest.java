package dev.ponte.kube.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MountRequest;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bodies read back into the core records; what upstream sends without rules. */
class BridgeMapperTest {

    @Test
    void aBridgeReadsBackAsSent() {
        var body = BridgeMapper.bridgeBody(Fabric8GefyraClusterBridgeTest.bridgeRequest("b1"));
        Bridge bridge = BridgeMapper.toBridge(body);

        assertEquals("b1", bridge.name());
        assertEquals(Fabric8GefyraClusterBridgeTest.MOUNT, bridge.mount());
        assertEquals("laptop-1", bridge.client());
        assertEquals("my-app", bridge.clientContainer());
        assertEquals("172.20.0.3", bridge.destinationIp());
        assertEquals(List.of("8000:8080", "9000:9090"), bridge.portMappings());
        assertEquals(Fabric8GefyraClusterBridgeTest.RULES, bridge.rules());
        assertNull(bridge.state());
    }

    @Test
    void withoutRulesProviderParameterIsEmptyAsUpstreamSendsIt() {
        var body = BridgeMapper.bridgeBody(new BridgeRequest("b1", "m", "c", "box", "172.20.0.3",
                List.of(new BridgeRequest.PortMapping(80, 8000)), new MatchRules(List.of())));

        assertEquals(Map.of(), body.getAdditionalProperties().get("providerParameter"));
        assertEquals(List.of("8000:80"), body.getAdditionalProperties().get("portMappings"));
    }

    @Test
    void aMountWithoutCreatorHasNoLabelsAndReadsBack() {
        var body = BridgeMapper.mountBody(new MountRequest("m", "shop", "statefulset", "db", "postgres"));
        BridgeMount mount = BridgeMapper.toMount(body);

        assertTrue(body.getMetadata().getLabels() == null || body.getMetadata().getLabels().isEmpty());
        assertEquals("statefulset/db", mount.target());
        assertEquals("db", mount.workloadName());
        assertNull(mount.createdBy());
        assertEquals("{\"apiVersion\":\"gefyra.dev/v1\",\"kind\":\"gefyrabridgemount\",\"metadata\":{\"name\":\"m\","
                + "\"namespace\":\"gefyra\"},\"targetNamespace\":\"shop\",\"target\":\"statefulset/db\","
                + "\"targetContainer\":\"postgres\",\"provider\":\"carrier2mount\",\"providerParameter\":{}}",
                Serialization.asJson(body));
    }

    @Test
    void rulesPonteDoesNotKnowAreLeftOut() {
        MatchRules rules = BridgeMapper.readRules(Map.of("rules", List.of(Map.of("match", List.of(
                Map.of("matchHeader", Map.of("name", "x-user", "value", "bob", "type", "exact")),
                Map.of("matchQuery", Map.of("name", "q")),
                Map.of("matchPath", Map.of("path", "/x", "type", "glob")))))));

        assertEquals(new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-user", "bob", MatchRules.Type.EXACT))))), rules);
    }
}
