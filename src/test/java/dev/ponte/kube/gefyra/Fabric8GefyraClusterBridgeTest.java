package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.BridgeTargets.NS;
import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.model.Change;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mounts and bridges end to end on the mock API server with the operator double: the bodies Ponte sends are
 * upstream's, the waits report the operator's progress, and deleting gives the workload back.
 */
class Fabric8GefyraClusterBridgeTest {
    static final String MOUNT = "api-shop-k2x9q";
    static final String BRIDGE = "laptop-1-deployment-api-web-q7w3e";
    static final String CARRIER2 = "quay.io/gefyra/carrier2:2.5.4";
    static final MatchRules RULES = new MatchRules(List.of(
            new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT),
                    new MatchRules.Path("/api", MatchRules.Type.PREFIX))),
            new MatchRules.RuleSet(List.of(new MatchRules.Header("x-env", "dev-.*", MatchRules.Type.REGEX)))));

    private GefyraRig rig;
    private KubernetesClient k;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void step(String name, int index, int total) {
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }
    };

    @BeforeEach
    void start() {
        rig = new GefyraRig().installed();
        k = rig.cluster.client();
        // the double's webhook stays in place; this only records what reaches it
        rig.cluster.setRequestHook(request -> {
            if ("POST".equals(request.getMethod()) && request.getPath().matches(".*/gefyrabridge(mount)?s(\\?.*)?$")) {
                posted.add(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
            }
            return rig.operator.admission.admit(request);
        });
        BridgeTargets.twoPods(k, true, BridgeTargets.httpProbe());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    static MountRequest mountRequest() {
        return new MountRequest(MOUNT, NS, "deployment", "api", "web", "laptop-1");
    }

    static BridgeRequest bridgeRequest(String name) {
        return new BridgeRequest(name, MOUNT, "laptop-1", "my-app", "172.20.0.3",
                List.of(new PortMapping(8080, 8000), new PortMapping(9090, 9000)), RULES);
    }

    private Bridge activeBridge() {
        rig.gefyra.createMount(mountRequest());
        rig.gefyra.awaitMountActive(MOUNT, WAIT, progress, new CancellationToken());
        rig.gefyra.createBridge(bridgeRequest(BRIDGE));
        return rig.gefyra.awaitBridgeActive(BRIDGE, WAIT, progress, new CancellationToken());
    }

    @Test
    void mountAndBridgeBodiesAreExactlyUpstreams() throws Exception {
        activeBridge();

        ObjectMapper json = new ObjectMapper();
        assertEquals(2, posted.size(), posted.toString());
        assertEquals(json.readTree("""
                {"apiVersion":"gefyra.dev/v1","kind":"gefyrabridgemount",
                 "metadata":{"name":"api-shop-k2x9q","namespace":"gefyra","labels":{"ponte.dev/created-by":"laptop-1"}},
                 "targetNamespace":"shop","target":"deployment/api","targetContainer":"web",
                 "provider":"carrier2mount","providerParameter":{}}"""), json.readTree(posted.get(0)));
        assertEquals(json.readTree("""
                {"apiVersion":"gefyra.dev/v1","kind":"gefyrabridge",
                 "metadata":{"name":"laptop-1-deployment-api-web-q7w3e","namespace":"gefyra",
                   "labels":{"gefyra.dev/bridge-mount":"api-shop-k2x9q","gefyra.dev/client":"laptop-1",
                             "gefyra.dev/client-container":"my-app"}},
                 "provider":"carrier2","connectionProvider":"stowaway",
                 "providerParameter":{"rules":[
                   {"match":[{"matchHeader":{"name":"x-user","value":"alice","type":"exact"}},
                             {"matchPath":{"path":"/api","type":"prefix"}}]},
                   {"match":[{"matchHeader":{"name":"x-env","value":"dev-.*","type":"regex"}}]}]},
                 "client":"laptop-1","destinationIP":"172.20.0.3","target":"api-shop-k2x9q",
                 "targetNamespace":"","targetContainer":"","portMappings":["8000:8080","9000:9090"],
                 "handleProbes":true}"""), json.readTree(posted.get(1)));
    }

    @Test
    void mountBecomesActiveWithTheOperatorsMessagesAndPreparesTheWorkloadLikeUpstream() {
        rig.gefyra.createMount(mountRequest());
        BridgeMount mount = rig.gefyra.awaitMountActive(MOUNT, WAIT, progress, new CancellationToken());

        assertTrue(mount.active());
        assertEquals("laptop-1", mount.createdBy());
        assertEquals("deployment/api", mount.target());
        for (String expected : List.of("Created cluster upstream 'api-gefyra' for target workload 'api' in namespace 'shop'.",
                "Created cluster upstream service 'api-web-gefyra-svc' in namespace 'shop'.",
                "GefyraBridgeMount 'api-shop-k2x9q' is being installed",
                "Now patching Pod api-7d9c5-aaaaa (1 of 2 Pod(s)); container web with Carrier2")) {
            assertTrue(messages.contains(expected), expected + " not in " + messages);
        }
        // the wait ends at ACTIVE; upstream posts Ready just before it (which the wait may or may not report)
        assertTrue(k.v1().events().inNamespace("gefyra").list().getItems().stream().anyMatch(e -> "Ready".equals(e.getReason())
                && MOUNT.equals(e.getInvolvedObject().getName())
                && "GefyraBridgeMount 'api-shop-k2x9q' is ready".equals(e.getMessage())));
        Deployment shadow = k.apps().deployments().inNamespace(NS).withName("api-gefyra").get();
        assertEquals(Map.of("app", "api-gefyra", "tier", "backend-gefyra"), shadow.getMetadata().getLabels());
        assertEquals(Map.of("app", "api-gefyra"), shadow.getSpec().getSelector().getMatchLabels());
        String id = shadow.getSpec().getTemplate().getMetadata().getLabels().get("bridge.gefyra.dev/duplication-id");
        assertNotNull(id);
        assertEquals(Map.of("team", "payments"), shadow.getMetadata().getAnnotations());
        assertEquals(BridgeTargets.IMAGE, web(shadow.getSpec().getTemplate().getSpec().getContainers()).getImage());
        Service svc = k.services().inNamespace(NS).withName("api-web-gefyra-svc").get();
        assertEquals(Map.of("bridge.gefyra.dev/duplication-id", id), svc.getSpec().getSelector());
        assertEquals(List.of("8080-0:8080", "9090-1:9090"), svc.getSpec().getPorts().stream()
                .map(p -> p.getName() + ":" + p.getPort()).toList());
        for (String pod : List.of("api-7d9c5-aaaaa", "api-7d9c5-bbbbb")) {
            Pod p = k.pods().inNamespace(NS).withName(pod).get();
            assertEquals(CARRIER2, web(p.getSpec().getContainers()).getImage(), pod);
            assertEquals("registry.example/envoy:1", p.getSpec().getContainers().get(1).getImage(), "sidecar untouched");
            String stored = k.configMaps().inNamespace("gefyra").withName("gefyra-carrier2-restore-configmap").get()
                    .getData().get("shop-" + pod);
            assertEquals(Map.of("originalConfig", Map.of("image", BridgeTargets.IMAGE, "command", BridgeTargets.COMMAND,
                    "args", BridgeTargets.ARGS)), Serialization.unmarshal(stored, Map.class));
        }
    }

    @Test
    void bridgeBecomesActiveWithAStowawayRoutePerPortMapping() {
        Bridge bridge = activeBridge();

        assertTrue(bridge.active());
        assertEquals(Map.of("8080", "gefyra-stowaway-proxy-10000.gefyra.svc.cluster.local:10000",
                "9090", "gefyra-stowaway-proxy-10001.gefyra.svc.cluster.local:10001"), bridge.clusterEndpoint());
        assertEquals(List.of("8000:8080", "9000:9090"), bridge.portMappings());
        assertEquals(RULES, bridge.rules());
        assertEquals("my-app", bridge.clientContainer());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Added cluster endpoint 'gefyra-stowaway-proxy-10000")),
                messages.toString());
        assertEquals(List.of("172.20.0.3:8000,10000", "172.20.0.3:9000,10001"), routes());
        Service proxy = k.services().inNamespace("gefyra").withName("gefyra-stowaway-proxy-10000").get();
        assertEquals("172.20.0.3_8000", proxy.getMetadata().getLabels().get("gefyra.dev/destination"));
        assertEquals("laptop-1", proxy.getMetadata().getLabels().get("gefyra.dev/client-id"));
        assertEquals(10000, proxy.getSpec().getPorts().getFirst().getPort());
        assertEquals(List.of(BRIDGE), rig.gefyra.bridges(Map.of("gefyra.dev/client", "laptop-1",
                "gefyra.dev/client-container", "my-app")).stream().map(Bridge::name).toList());
        assertEquals(List.of(), rig.gefyra.bridges(Map.of("gefyra.dev/client", "laptop-2")));
    }

    @Test
    void unbridgeDeletesTheBridgeAndItsRoutes() {
        activeBridge();

        rig.gefyra.deleteBridge(BRIDGE, WAIT, new CancellationToken());

        assertEquals(List.of(), rig.gefyra.bridges(Map.of()));
        assertEquals(List.of(), routes());
        assertNull(k.services().inNamespace("gefyra").withName("gefyra-stowaway-proxy-10000").get());
        assertNull(k.services().inNamespace("gefyra").withName("gefyra-stowaway-proxy-10001").get());
        assertTrue(rig.gefyra.mount(MOUNT).orElseThrow().active(), "the mount stays for other users");
    }

    @Test
    void deletingTheMountGivesThePodsTheirOwnSpecBackAndRemovesEverythingItMade() {
        activeBridge();

        rig.gefyra.deleteMount(MOUNT, WAIT, new CancellationToken());

        assertTrue(rig.gefyra.mount(MOUNT).isEmpty());
        for (String pod : List.of("api-7d9c5-aaaaa", "api-7d9c5-bbbbb")) {
            Container web = web(k.pods().inNamespace(NS).withName(pod).get().getSpec().getContainers());
            assertEquals(BridgeTargets.IMAGE, web.getImage(), pod);
            assertEquals(BridgeTargets.COMMAND, web.getCommand(), pod);
            assertEquals(BridgeTargets.ARGS, web.getArgs(), pod);
        }
        assertNull(k.apps().deployments().inNamespace(NS).withName("api-gefyra").get());
        assertNull(k.services().inNamespace(NS).withName("api-web-gefyra-svc").get());
        assertEquals(List.of("api-7d9c5-aaaaa", "api-7d9c5-bbbbb"), k.pods().inNamespace(NS).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).sorted().toList(), "the shadow pods are gone");
        assertNotNull(k.apps().deployments().inNamespace(NS).withName("api").get().getSpec().getTemplate().getMetadata()
                .getAnnotations().get("kubectl.kubernetes.io/restartedAt"), "a rollout restart, as upstream");
        BridgeTargets.until("the mount's bridge to be deleted with it", () -> rig.gefyra.bridges(Map.of()).isEmpty());
        BridgeTargets.until("its routes to go", () -> routes().isEmpty());
        assertEquals(Map.of(), k.configMaps().inNamespace("gefyra").withName("gefyra-carrier2-restore-configmap").get()
                .getData());
    }

    @Test
    void aNewDestinationIpMovesTheRoute() {
        activeBridge();

        rig.gefyra.setBridgeDestination(BRIDGE, "172.20.0.9");

        BridgeTargets.until("the routes to point at the new address",
                () -> routes().equals(List.of("172.20.0.9:8000,10000", "172.20.0.9:9000,10001")), () -> routes().toString());
        BridgeTargets.until("the bridge to be ACTIVE again", () -> rig.gefyra.bridges(Map.of()).getFirst().active());
        Bridge moved = rig.gefyra.awaitBridgeActive(BRIDGE, WAIT, Progress.NONE, new CancellationToken());
        assertEquals("172.20.0.9", moved.destinationIp());
        assertEquals("172.20.0.9_8000", k.services().inNamespace("gefyra").withName("gefyra-stowaway-proxy-10000").get()
                .getMetadata().getLabels().get("gefyra.dev/destination"));
    }

    @Test
    void watchBridgesDeliversMountsAndBridgesLive() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Subscription ignored = rig.gefyra.watchBridges(listener(seen, Bridge::name, Bridge::state),
                listener(seen, BridgeMount::name, BridgeMount::state))) {
            activeBridge();
            BridgeTargets.until("ACTIVE bridge and mount in the stream", () -> seen.contains("MODIFIED " + BRIDGE + " ACTIVE")
                    && seen.contains("MODIFIED " + MOUNT + " ACTIVE"), seen::toString);
            rig.gefyra.deleteBridge(BRIDGE, WAIT, new CancellationToken());
            BridgeTargets.until("the bridge's deletion in the stream", () -> seen.stream()
                    .anyMatch(s -> s.startsWith("DELETED " + BRIDGE)), seen::toString);
        }
    }

    @Test
    void uninstallRemovesRealMountsAndBridgesAndRestoresTheWorkload() {
        activeBridge();

        rig.gefyra.uninstall(WAIT, Progress.NONE, new CancellationToken());

        // the mock's namespace is gone at once; the double empties it right after (a real one waits until it is)
        BridgeTargets.until("nothing of Gefyra's left", () -> rig.gefyra.leftovers().isEmpty(),
                () -> rig.gefyra.leftovers().toString());
        assertNull(k.apps().deployments().inNamespace(NS).withName("api-gefyra").get());
        assertNull(k.services().inNamespace(NS).withName("api-web-gefyra-svc").get());
        assertEquals(2, k.pods().inNamespace(NS).list().getItems().size(), "only the workload's own pods");
        for (Pod p : k.pods().inNamespace(NS).list().getItems()) {
            assertEquals(BridgeTargets.IMAGE, web(p.getSpec().getContainers()).getImage());
        }
        assertEquals(List.of("GefyraBridge/" + BRIDGE, "GefyraBridgeMount/" + MOUNT), rig.operator.restored());
    }

    private List<String> routes() {
        var map = k.configMaps().inNamespace("gefyra").withName("gefyra-stowaway-proxyroutes").get();
        return map == null || map.getData() == null ? List.of() : map.getData().values().stream().sorted().toList();
    }

    static Container web(List<Container> containers) {
        return containers.stream().filter(c -> "web".equals(c.getName())).findFirst().orElseThrow();
    }

    private static <T> StreamListener<T> listener(List<String> seen, java.util.function.Function<T, String> name,
                                                  java.util.function.Function<T, String> state) {
        return new StreamListener<>() {
            @Override
            public void onChange(Change<T> change) {
                seen.add(change.type() + " " + name.apply(change.item()) + " " + state.apply(change.item()));
            }

            @Override
            public void onSynced() {
            }

            @Override
            public void onError(Throwable error) {
                seen.add("ERROR " + error);
            }
        };
    }
}
