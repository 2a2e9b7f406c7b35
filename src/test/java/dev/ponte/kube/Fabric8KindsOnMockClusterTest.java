package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.core.model.Change;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.devtools.MockCluster;
import dev.ponte.kube.gefyra.GefyraManifests;
import dev.ponte.kube.gefyra.GefyraResources;
import dev.ponte.testsupport.Queues;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the mock API server (CRUD mode), with the serialization Ponte's clients use ({@link Fabric8Kinds}): every watch
 * and informer Ponte opens gets its objects as their classes straight from the watch event — never first as a
 * {@code GenericKubernetesResource} that fabric8 then converts (the recording serialization would see that
 * conversion) — the Gefyra custom resources arrive generic, a 410 Gone in a watch makes the informer list again, and
 * the install's creates return their classes.
 */
class Fabric8KindsOnMockClusterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final MockCluster cluster = MockCluster.start();
    private final Recording serialization = Fabric8Kinds.register(new Recording());
    private final KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
            .withMasterUrl(cluster.url()).withOauthToken(MockCluster.TOKEN).withRequestTimeout(5_000)
            .withConnectionTimeout(5_000).withRequestRetryBackoffLimit(0).build())
            .withHttpClientFactory(new JdkHttpClientFactory()).withKubernetesSerialization(serialization).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Records fabric8 turning an object read as one class into a resource class: the fallback for unknown kinds. */
    static final class Recording extends KubernetesSerialization {
        final List<String> conversions = new CopyOnWriteArrayList<>();

        Recording() {
            super(new ObjectMapper(), false);
        }

        @Override
        public <T> T convertValue(Object value, Class<T> type) {
            if (HasMetadata.class.isAssignableFrom(type)) {
                conversions.add((value == null ? "null" : value.getClass().getSimpleName()) + " → " + type.getSimpleName());
            }
            return super.convertValue(value, type);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        client.close();
        cluster.close();
    }

    @Test
    void theConnectorsClientsUseTheSerializationThatKnowsPontesKindsOnly(@TempDir Path dir) {
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kube/config"), "mock");
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "PATH", "/usr/bin");
        var connector = new Fabric8ClusterConnector(new KubeconfigLoader(env, dir.resolve("home")), List::of, env,
                dir.resolve("private"));
        try (ClusterSession a = connector.open(new KubeContext("mock", "mock", "mock", null, null, kubeconfig));
             ClusterSession b = connector.open(new KubeContext("mock", "mock", "mock", null, null, kubeconfig))) {
            KubernetesSerialization s = ((Fabric8ClusterSession) a).fabric8Client().getKubernetesSerialization();
            assertSame(s, ((Fabric8ClusterSession) b).fabric8Client().getKubernetesSerialization(),
                    "one serialization for the connector's clients");
            for (var kind : Fabric8Kinds.KINDS) {
                assertSame(kind, s.getRegisteredKubernetesResource(HasMetadata.getApiVersion(kind), HasMetadata.getKind(kind)));
            }
            assertNull(s.getRegisteredKubernetesResource("gateway.networking.k8s.io/v1", "Gateway"),
                    "the class loaders were scanned");
            assertEquals(MockCluster.GIT_VERSION, a.serverVersion());
        }
    }

    @Test
    void theLiveListsWatchEventsArriveAsTheirClasses() throws Exception {
        namespace("shop");
        Fabric8ClusterSession session = new Fabric8ClusterSession(client, () -> { });
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        open.add(session.watchNamespaces(listener(events, "ns", name -> name))::close);
        open.add(session.watchWorkloads("shop", listener(events, "workload", w -> w.kind() + " " + w.name()))::close);
        open.add(session.watchPods("shop", listener(events, "pod", p -> p.name()))::close);
        awaitAll(events, "ns synced", "workload synced", "pod synced");

        namespace("later");
        var k = cluster.client();
        Map<String, String> labels = Map.of("app", "web");
        k.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().withNewSelector().withMatchLabels(labels).endSelector().withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("c")
                .withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build()).create();
        k.apps().statefulSets().inNamespace("shop").resource(new StatefulSetBuilder().withNewMetadata().withName("db")
                .endMetadata().withNewSpec().withNewSelector().withMatchLabels(labels).endSelector().endSpec().build())
                .create();
        k.apps().daemonSets().inNamespace("shop").resource(new DaemonSetBuilder().withNewMetadata().withName("agent")
                .endMetadata().withNewSpec().withNewSelector().withMatchLabels(labels).endSelector().endSpec().build())
                .create();
        k.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-1").withLabels(labels)
                .endMetadata().build()).create();
        k.apps().deployments().inNamespace("shop").withName("web").edit(d -> new DeploymentBuilder(d).editSpec()
                .withReplicas(3).endSpec().build());
        k.pods().inNamespace("shop").withName("web-1").delete();

        awaitAll(events, "ns ADDED later", "workload ADDED DEPLOYMENT web", "workload ADDED STATEFUL_SET db",
                "workload ADDED DAEMON_SET agent", "workload MODIFIED DEPLOYMENT web", "pod ADDED web-1",
                "pod DELETED web-1");
        assertEquals(List.of(), serialization.conversions, "objects fabric8 read generically and converted");
    }

    @Test
    void theGefyraWaitsEventsAndCustomResourcesAndTheNamespaceWatchGetTheirClasses() throws Exception {
        namespace(GefyraResources.NAMESPACE);
        namespace("doomed");
        // as OperatorReadiness and StateWait open it
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        SharedIndexInformer<io.fabric8.kubernetes.api.model.Event> events =
                client.v1().events().inNamespace(GefyraResources.NAMESPACE).runnableInformer(0);
        events.addEventHandler(handler(seen));
        // as Fabric8GefyraCluster, StateWait and the bridges' live list open them
        SharedIndexInformer<GenericKubernetesResource> bridges = GefyraResources.Kind.BRIDGE.in(client).runnableInformer(0);
        bridges.addEventHandler(handler(seen));
        open.add(events::close);
        open.add(bridges::close);
        events.start().toCompletableFuture().get();
        bridges.start().toCompletableFuture().get();
        // as Gone.await watches a namespace being deleted
        Watch watch = client.namespaces().withName("doomed").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Namespace resource) {
                seen.add(action + " " + resource.getClass().getSimpleName() + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                seen.add("closed " + cause);
            }
        });
        open.add(watch::close);

        var k = cluster.client();
        k.v1().events().inNamespace(GefyraResources.NAMESPACE).resource(new EventBuilder().withNewMetadata()
                .withName("gefyra-ready.1").endMetadata().withReason("Gefyra-Ready").withNewInvolvedObject()
                .withKind("Deployment").withName("gefyra-operator").endInvolvedObject().build()).create();
        GenericKubernetesResource bridge = new GenericKubernetesResource();
        bridge.setApiVersion(GefyraResources.GROUP + "/" + GefyraResources.VERSION);
        bridge.setKind("GefyraBridge");
        bridge.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("b1")
                .withNamespace(GefyraResources.NAMESPACE).build());
        bridge.setAdditionalProperty("state", "REQUESTED");
        GefyraResources.Kind.BRIDGE.in(k).resource(bridge).create();
        k.namespaces().withName("doomed").delete();

        awaitAll(seen, "add Event gefyra-ready.1", "add GenericKubernetesResource b1", "DELETED Namespace doomed");
        assertEquals(List.of(), serialization.conversions, "objects fabric8 read generically and converted");
    }

    @Test
    void aGoneInTheWatchMakesTheInformerListAgain() throws Exception {
        namespace("shop");
        cluster.client().pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("p1")
                .endMetadata().build()).create();
        BlockingQueue<Integer> lists = new LinkedBlockingQueue<>();
        AtomicInteger listed = new AtomicInteger();
        AtomicBoolean goneSent = new AtomicBoolean();
        cluster.setRequestHook(request -> {
            String path = request.getPath();
            if (!"GET".equals(request.getMethod()) || !path.startsWith("/api/v1/namespaces/shop/pods")) {
                return null;
            }
            if (!path.contains("watch=true")) {
                lists.add(listed.incrementAndGet());
                return null;
            }
            if (goneSent.compareAndSet(false, true)) {
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, io.fabric8.mockwebserver.http.Response response) {
                        webSocket.send("{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\","
                                + "\"status\":\"Failure\",\"message\":\"too old resource version\","
                                + "\"reason\":\"Expired\",\"code\":410}}");
                    }
                });
            }
            return null;
        });
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        SharedIndexInformer<Pod> pods = client.pods().inNamespace("shop").runnableInformer(0);
        pods.addEventHandler(handler(seen));
        open.add(pods::close);
        pods.start().toCompletableFuture().get();
        Queues.awaitMatching(seen, "add Pod p1"::equals, DEADLINE);

        // fabric8 lists again only when it recognises the ERROR event's object as a Status with code 410; a watch that
        // does not would reconnect from the expired version instead, and the list count would stay at one
        Queues.awaitMatching(lists, n -> n == 2, DEADLINE);
        assertTrue(goneSent.get(), "the watch was opened");
        cluster.client().pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("p2")
                .endMetadata().build()).create();
        Queues.awaitMatching(seen, "add Pod p2"::equals, DEADLINE);
    }

    @Test
    void theInstallsCreatesReturnTheClassesTheyCreated() {
        for (HasMetadata object : GefyraManifests.objects(dev.ponte.core.gefyra.InstallOptions.defaults(
                dev.ponte.core.gefyra.GefyraImages.defaults()))) {
            HasMetadata created = client.resource(object).create();
            assertNotNull(created, object.getKind());
            assertSame(object.getClass(), created.getClass(), object.getKind());
        }
        assertEquals(List.of(), serialization.conversions);
    }

    /** Waits for all of {@code wanted}, in any order (the streams' informers deliver independently); fails on an error. */
    private static void awaitAll(BlockingQueue<?> queue, String... wanted) throws InterruptedException {
        java.util.Set<String> left = new java.util.HashSet<>(List.of(wanted));
        while (!left.isEmpty()) {
            Object got = Queues.awaitMatching(queue, e -> left.contains(String.valueOf(e))
                    || String.valueOf(e).contains("error") || String.valueOf(e).startsWith("closed"), DEADLINE);
            assertTrue(left.remove(String.valueOf(got)), "unexpected " + got + " while waiting for " + left);
        }
    }

    private void namespace(String name) {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .build()).create();
    }

    private static <T> StreamListener<T> listener(BlockingQueue<String> events, String stream,
                                                  java.util.function.Function<T, String> label) {
        return new StreamListener<>() {
            @Override
            public void onChange(Change<T> change) {
                events.add(stream + " " + change.type() + " " + label.apply(change.item()));
            }

            @Override
            public void onSynced() {
                events.add(stream + " synced");
            }

            @Override
            public void onError(Throwable error) {
                events.add(stream + " error " + error);
            }

            @Override
            public void onStale(Instant since, Throwable cause) {
                events.add(stream + " error (stale) " + cause);
            }
        };
    }

    /** Records "add|update|delete Class name" — the class the informer handed over. */
    private static <T extends HasMetadata> ResourceEventHandler<T> handler(BlockingQueue<Object> seen) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen.add("add " + obj.getClass().getSimpleName() + " " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen.add("update " + newObj.getClass().getSimpleName() + " " + newObj.getMetadata().getName());
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                seen.add("delete " + obj.getClass().getSimpleName() + " " + obj.getMetadata().getName());
            }
        };
    }
}
