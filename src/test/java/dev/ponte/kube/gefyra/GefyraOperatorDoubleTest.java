package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Fault;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator double itself: what it writes at start-up, its webhook's refusals, its faults and its keys. */
class GefyraOperatorDoubleTest {
    private GefyraRig rig;

    @BeforeEach
    void start() {
        rig = new GefyraRig().installed();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void startupCreatesCrdsStowawayAndBothReadyEvents() {
        var k = rig.cluster.client();
        for (String crd : GefyraResources.CRD_NAMES) {
            assertNotNull(k.apiextensions().v1().customResourceDefinitions().withName(crd).get(), crd);
        }
        assertEquals("0", k.configMaps().inNamespace("gefyra").withName("gefyra-stowaway-config").get().getData()
                .get("PEERS"));
        assertTrue(OperatorInstall.podReady(k.pods().inNamespace("gefyra").withName("gefyra-stowaway-0").get()));
        assertEquals("quay.io/gefyra/stowaway:2.5.4", k.apps().statefulSets().inNamespace("gefyra")
                .withName("gefyra-stowaway").get().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage());
        List<String> reasons = k.v1().events().inNamespace("gefyra").list().getItems().stream().map(e -> e.getReason())
                .toList();
        assertTrue(reasons.containsAll(List.of("Pulling", "Pulled", "Gefyra-Ready", "Gefyra-Webhook-Ready")),
                reasons.toString());
    }

    private KubernetesClientException patch(String name, String json) {
        return assertThrows(KubernetesClientException.class, () -> DoubleSupport.mergePatch(rig.ponteClient, Kind.CLIENT,
                name, json));
    }

    @Test
    void webhookRefusesProviderParameterOnCreate() {
        var body = ClientMapper.createBody("eager");
        body.setAdditionalProperty("providerParameter", Map.of("subnet", "10.199.0.0/24"));
        var e = assertThrows(KubernetesClientException.class, () -> Kind.CLIENT.in(rig.ponteClient).resource(body).create());
        assertEquals(500, e.getCode());
        assertTrue(e.getStatus().getMessage().contains("Cannot set 'providerParameter' when creating"),
                e.getStatus().getMessage());
    }

    @Test
    void webhookRefusesASubnetOutsideWaitingAndAMalformedOne() throws Exception {
        rig.operator.fault(Stage.CLIENT_WAIT, Fault.HOLD);
        rig.gefyra.createClient("slow");
        rig.gefyra.awaitClient("slow", c -> c.state() == ClientState.CREATING, "CREATING", WAIT, new CancellationToken());
        assertTrue(patch("slow", "{\"providerParameter\":{\"subnet\":\"10.199.0.0/24\"}}").getStatus().getMessage()
                .contains("when state is not WAITING"));

        rig.operator.clearFault(Stage.CLIENT_WAIT);
        rig.gefyra.awaitClient("slow", c -> c.state() == ClientState.WAITING, "WAITING", WAIT, new CancellationToken());
        assertTrue(patch("slow", "{\"providerParameter\":{\"subnet\":\"10.199.0.0\"}}").getStatus().getMessage()
                .contains("does not validate"));
    }

    @Test
    void enablingAndDisablingAPeerRestartsStowawayAndEditsItsConfigMap() throws Exception {
        int before = rig.operator.stowawayRestarts();
        rig.client("client-a", "10.199.0.0/24");
        var data = rig.cluster.client().configMaps().inNamespace("gefyra").withName("gefyra-stowaway-config").get()
                .getData();
        assertEquals("client000a,0", data.get("PEERS"));
        assertEquals("10.199.0.0/24", data.get("SERVER_ALLOWEDIPS_PEER_client000a"));
        assertEquals(before + 1, rig.operator.stowawayRestarts());

        rig.gefyra.clearSubnet("client-a");
        rig.gefyra.awaitClient("client-a", c -> c.state() == ClientState.WAITING, "WAITING", WAIT,
                new CancellationToken());
        assertEquals("0", rig.cluster.client().configMaps().inNamespace("gefyra").withName("gefyra-stowaway-config")
                .get().getData().get("PEERS"));
        assertEquals(before + 2, rig.operator.stowawayRestarts());
    }

    @Test
    void anErrorFaultPutsTheClientIntoErrorAndANewSubnetRecoversIt() throws Exception {
        rig.client("flaky", null);
        rig.operator.fault(Stage.CLIENT_ACTIVATE, Fault.ERROR);
        rig.gefyra.setSubnet("flaky", "10.199.0.0/24");
        rig.gefyra.awaitClient("flaky", c -> c.state() == ClientState.ERROR, "ERROR", WAIT, new CancellationToken());

        rig.operator.clearFault(Stage.CLIENT_ACTIVATE);
        rig.gefyra.clearSubnet("flaky");
        rig.gefyra.awaitClient("flaky", c -> c.state() == ClientState.WAITING, "WAITING", WAIT, new CancellationToken());
        assertEquals(List.of("CREATING", "WAITING", "ENABLING", "ERROR", "DISABLING", "WAITING"),
                rig.operator.stateHistory("flaky"));
    }

    @Test
    void disabledAccountManagementGoesStraightToWaitingWithoutAnAccount() throws Exception {
        try (GefyraRig noAccounts = new GefyraRig(new GefyraOperatorDouble.Options(java.time.Duration.ZERO,
                WireGuardKeys.generate(), ":31820", true), java.time.Duration.ofSeconds(15)).installed()) {
            noAccounts.client("plain", null);
            assertEquals(null, noAccounts.gefyra.client("plain").orElseThrow().serviceAccountName());
            assertEquals(null, noAccounts.cluster.client().rbac().clusterRoles().withName("gefyra-client").get());
        }
    }

    @Test
    void stepDelaySlowsEveryOperatorStep() throws Exception {
        try (GefyraRig slow = new GefyraRig(GefyraOperatorDouble.Options.defaults()
                .withStepDelay(java.time.Duration.ofMillis(200)), java.time.Duration.ofSeconds(15)).installed()) {
            long t0 = System.nanoTime();
            slow.client("patient", null); // finalizer, CREATING, WAITING: three steps
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 600, "WAITING after " + ms + " ms");
        }
    }

    @Test
    void wireGuardKeysAreRealCurve25519PairsInWireGuardsFormat() throws Exception {
        WireGuardKeys a = WireGuardKeys.generate();
        WireGuardKeys b = WireGuardKeys.generate();
        assertEquals(44, a.privateKey().length());
        assertEquals(32, Base64.getDecoder().decode(a.publicKey()).length);
        assertArrayEquals(agree(a.privateKey(), b.publicKey()), agree(b.privateKey(), a.publicKey()),
                "public keys do not belong to the private keys");
        assertEquals(32, Base64.getDecoder().decode(WireGuardKeys.presharedKey()).length);
    }

    private static byte[] agree(String privateKey, String publicKey) throws Exception {
        KeyFactory f = KeyFactory.getInstance("X25519");
        byte[] pub = Base64.getDecoder().decode(publicKey);
        byte[] bigEndian = new byte[33];
        for (int i = 0; i < 32; i++) {
            bigEndian[32 - i] = pub[i];
        }
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(f.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                Base64.getDecoder().decode(privateKey))));
        ka.doPhase(f.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(bigEndian))), true);
        return ka.generateSecret();
    }
}
