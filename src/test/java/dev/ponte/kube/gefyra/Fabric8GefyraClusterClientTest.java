package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.port.GefyraCluster.SubnetRejectedException;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Fault;
import dev.ponte.kube.gefyra.GefyraOperatorDouble.Stage;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GefyraClient resources against the mock API server, answered by the operator double. */
class Fabric8GefyraClusterClientTest {
    private GefyraRig rig;

    @BeforeEach
    void start() {
        rig = new GefyraRig().installed();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private GefyraClient awaitState(String name, ClientState state) {
        return rig.gefyra.awaitClient(name, c -> c.state() == state, name + " " + state, WAIT, new CancellationToken());
    }

    @Test
    void createdClientReachesWaitingWithAServiceAccountLikeUpstreams() {
        rig.gefyra.createClient("laptop-1");
        GefyraClient c = awaitState("laptop-1", ClientState.WAITING);

        assertEquals("gefyra-client-laptop-1", c.serviceAccountName());
        assertEquals(List.of("CREATING", "WAITING"), rig.operator.stateHistory("laptop-1"));
        GenericKubernetesResource cr = Kind.CLIENT.in(rig.cluster.client()).withName("laptop-1").get();
        assertEquals("stowaway", cr.getAdditionalProperties().get("provider"));
        assertTrue(cr.getFinalizers().contains(GefyraResources.FINALIZER));
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) cr.getAdditionalProperties().get("serviceAccountData");
        assertEquals(Set.of("token", "ca.crt", "namespace"), data.keySet());
        assertEquals("gefyra", new String(Base64.getDecoder().decode(data.get("namespace"))));
        @SuppressWarnings("unchecked")
        Map<String, String> transitions = (Map<String, String>) cr.getAdditionalProperties().get("stateTransitions");
        assertTrue(transitions.get("WAITING").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"),
                transitions.toString());
        var k = rig.cluster.client();
        assertNotNull(k.serviceAccounts().inNamespace("gefyra").withName("gefyra-client-laptop-1").get());
        assertNotNull(k.rbac().clusterRoles().withName("gefyra-client").get());
        assertNotNull(k.rbac().clusterRoleBindings().withName("gefyra-rolebinding-gefyra-client-laptop-1").get());
        assertTrue(k.v1().events().inNamespace("gefyra").list().getItems().stream()
                .anyMatch(e -> "Ready".equals(e.getReason()) && "laptop-1".equals(e.getInvolvedObject().getName())));
    }

    @Test
    void createdClientCarriesUpstreamsBodyAndPontesLabel() {
        rig.gefyra.createClient("laptop-1");
        GenericKubernetesResource cr = Kind.CLIENT.in(rig.cluster.client()).withName("laptop-1").get();
        assertEquals("gefyraclient", cr.getKind());
        assertEquals("gefyra.dev/v1", cr.getApiVersion());
        assertEquals("ponte", cr.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertTrue(rig.requests().contains("POST /apis/gefyra.dev/v1/namespaces/gefyra/gefyraclients"), rig.requests()
                .toString());
    }

    @Test
    void creatingAnExistingClientFailsWith409() {
        rig.gefyra.createClient("laptop-1");
        ApiStatusException e = assertThrows(ApiStatusException.class, () -> rig.gefyra.createClient("laptop-1"));
        assertEquals(409, e.status());
    }

    @Test
    void subnetMakesTheClientActiveWithAllNineProviderConfigKeys() throws Exception {
        rig.gefyra.createClient("laptop-1");
        awaitState("laptop-1", ClientState.WAITING);
        rig.gefyra.setSubnet("laptop-1", "10.199.0.0/24");
        GefyraClient c = rig.gefyra.awaitClient("laptop-1",
                x -> x.state() == ClientState.ACTIVE && !x.providerConfig().isEmpty(), "ACTIVE", WAIT,
                new CancellationToken());

        assertEquals("10.199.0.0/24", c.subnet());
        assertEquals(Set.of("Interface.Address", "Interface.PrivateKey", "Interface.ListenPort", "Interface.DNS",
                "Peer.PublicKey", "Peer.PresharedKey", "Peer.Endpoint", "Peer.AllowedIPs", "Interface.PublicKey"),
                c.providerConfig().keySet());
        assertEquals("192.168.99.2", c.providerConfig().get("Interface.Address"));
        assertEquals(rig.operator.stowawayPublicKey(), c.providerConfig().get("Peer.PublicKey"));
        assertEquals(32, Base64.getDecoder().decode(c.providerConfig().get("Interface.PrivateKey")).length);
        assertEquals(List.of("CREATING", "WAITING", "ENABLING", "ACTIVE"), rig.operator.stateHistory("laptop-1"));
        assertEquals(List.of("10.199.0.0/24"), rig.gefyra.activeSubnets());
        assertFalse(c.toString().contains(c.providerConfig().get("Interface.PrivateKey")), "toString leaks a key");
    }

    @Test
    void subnetOfAnotherClientIsRefusedAndAFreeOneIsAccepted() throws Exception {
        for (String n : List.of("laptop-1", "laptop-2")) {
            rig.gefyra.createClient(n);
            awaitState(n, ClientState.WAITING);
        }
        rig.gefyra.setSubnet("laptop-1", "10.199.0.0/24");
        awaitState("laptop-1", ClientState.ACTIVE);

        SubnetRejectedException refused = assertThrows(SubnetRejectedException.class,
                () -> rig.gefyra.setSubnet("laptop-2", "10.199.0.0/24"));
        assertTrue(refused.getMessage().contains("already taken"), refused.getMessage());
        assertNull(rig.gefyra.client("laptop-2").orElseThrow().subnet());

        rig.gefyra.setSubnet("laptop-2", "10.199.1.0/24");
        GefyraClient second = awaitState("laptop-2", ClientState.ACTIVE);
        assertEquals("192.168.99.3", second.providerConfig().get("Interface.Address"));
        assertEquals(Set.of("10.199.0.0/24", "10.199.1.0/24"), Set.copyOf(rig.gefyra.activeSubnets()));
    }

    @Test
    void clearSubnetReturnsTheClientToWaitingWithoutProviderConfig() throws Exception {
        rig.gefyra.createClient("laptop-1");
        awaitState("laptop-1", ClientState.WAITING);
        rig.gefyra.setSubnet("laptop-1", "10.199.0.0/24");
        awaitState("laptop-1", ClientState.ACTIVE);
        int restarts = rig.operator.stowawayRestarts();

        rig.gefyra.clearSubnet("laptop-1");
        GefyraClient c = rig.gefyra.awaitClient("laptop-1",
                x -> x.state() == ClientState.WAITING && x.providerConfig().isEmpty(), "WAITING", WAIT,
                new CancellationToken());

        assertNull(c.subnet());
        assertEquals(List.of("CREATING", "WAITING", "ENABLING", "ACTIVE", "DISABLING", "WAITING"),
                rig.operator.stateHistory("laptop-1"));
        assertEquals(restarts + 1, rig.operator.stowawayRestarts(), "upstream restarts Stowaway to drop the peer");
        assertEquals(List.of(), rig.gefyra.activeSubnets());
    }

    @Test
    void deleteClientWaitsUntilTheOperatorRemovedItsFinalizer() throws Exception {
        rig.gefyra.createClient("laptop-1");
        awaitState("laptop-1", ClientState.WAITING);
        rig.operator.fault(Stage.CLIENT_TERMINATE, Fault.HOLD);

        CompletableFuture<Void> deleting = CompletableFuture.runAsync(
                () -> rig.gefyra.deleteClient("laptop-1", WAIT, new CancellationToken()));
        Thread.sleep(500); // give a wrong implementation the chance to return early
        assertFalse(deleting.isDone(), "deleteClient returned while the finalizer was still there");
        GenericKubernetesResource lingering = Kind.CLIENT.in(rig.cluster.client()).withName("laptop-1").get();
        assertNotNull(lingering.getMetadata().getDeletionTimestamp());

        rig.operator.clearFault(Stage.CLIENT_TERMINATE);
        deleting.get(10, TimeUnit.SECONDS);
        var k = rig.cluster.client();
        assertNull(Kind.CLIENT.in(k).withName("laptop-1").get());
        assertNull(k.serviceAccounts().inNamespace("gefyra").withName("gefyra-client-laptop-1").get());
        assertNull(k.rbac().clusterRoleBindings().withName("gefyra-rolebinding-gefyra-client-laptop-1").get());
    }

    @Test
    void deletingAMissingClientIsFine() {
        rig.gefyra.deleteClient("never-there", WAIT, new CancellationToken());
        assertTrue(rig.gefyra.client("never-there").isEmpty());
    }

    @Test
    void awaitClientFailsFastWhenTheClientDoesNotExist() {
        var e = assertThrows(dev.ponte.core.task.PonteException.class,
                () -> rig.gefyra.awaitClient("ghost", c -> true, "ghost WAITING", WAIT, new CancellationToken()));
        assertEquals(dev.ponte.core.task.Problem.Kind.NOT_FOUND, e.problem().kind());
    }
}
