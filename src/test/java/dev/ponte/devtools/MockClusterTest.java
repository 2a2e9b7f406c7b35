package dev.ponte.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockClusterTest {

    private static MockCluster cluster;
    private static KubernetesClient client;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startAndSeed() {
        cluster = MockCluster.start();
        client = cluster.client();
        cluster.seedDemo();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void urlIsLocalPlainHttp() {
        assertTrue(cluster.url().matches("http://127\\.0\\.0\\.1:\\d+"), cluster.url());
        assertEquals("JdkHttpClientImpl", client.getHttpClient().getClass().getSimpleName());
    }

    @Test
    void versionAnswersFixedGitVersion() {
        assertEquals("v1.31.2", client.getKubernetesVersion().getGitVersion());
        assertEquals("1", client.getKubernetesVersion().getMajor());
        assertEquals("31", client.getKubernetesVersion().getMinor());
        assertEquals("linux/amd64", client.getKubernetesVersion().getPlatform());
        assertNotNull(client.getKubernetesVersion().getBuildDate());
    }

    @Test
    void seesDemoNamespacesAndNodes() {
        Set<String> namespaces = names(client.namespaces().list().getItems());
        assertEquals(Set.of("default", "payments", "monitoring", "kube-system"), namespaces);
        assertEquals(Set.of("node-1", "node-2"), names(client.nodes().list().getItems()));
    }

    @Test
    void deploymentStatusIsVisible() {
        Deployment api = client.apps().deployments().inNamespace("default").withName("api").get();
        assertEquals(2, api.getSpec().getReplicas());
        assertEquals(2, api.getStatus().getReadyReplicas());
        assertEquals(2, api.getStatus().getReplicas());
        assertEquals("ghcr.io/acme/api:1.4", api.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        Deployment web = client.apps().deployments().inNamespace("default").withName("web").get();
        assertEquals(3, web.getStatus().getReadyReplicas());
        assertEquals("nginx:1.27", web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        Deployment worker = client.apps().deployments().inNamespace("default").withName("worker").get();
        assertEquals(2, worker.getSpec().getReplicas());
        assertEquals(1, worker.getStatus().getReadyReplicas());
        assertEquals(1, worker.getStatus().getUnavailableReplicas());

        StatefulSet redis = client.apps().statefulSets().inNamespace("default").withName("redis").get();
        assertEquals(1, redis.getStatus().getReadyReplicas());
        assertEquals("redis:7.2", redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        DaemonSet exporter = client.apps().daemonSets().inNamespace("monitoring").withName("node-exporter").get();
        assertEquals(2, exporter.getStatus().getDesiredNumberScheduled());
        assertEquals(2, exporter.getStatus().getNumberReady());

        assertFalse(client.apps().deployments().inNamespace("payments").list().getItems().isEmpty());
    }

    @Test
    void podsMatchSelectorsAndAreReady() {
        List<Pod> apiPods = client.pods().inNamespace("default").withLabel("app", "api").list().getItems();
        assertEquals(2, apiPods.size());
        for (Pod p : apiPods) {
            assertEquals("Running", p.getStatus().getPhase());
            assertTrue(p.getStatus().getContainerStatuses().get(0).getReady(), p.getMetadata().getName());
            assertTrue(Set.of("node-1", "node-2").contains(p.getSpec().getNodeName()));
            assertEquals("ReplicaSet", p.getMetadata().getOwnerReferences().get(0).getKind());
        }
        assertEquals(Set.of("node-1", "node-2"), apiPods.stream().map(p -> p.getSpec().getNodeName())
                .collect(Collectors.toSet()));

        assertEquals(3, client.pods().inNamespace("default").withLabel("app", "web").list().getItems().size());
        assertEquals(1, client.pods().inNamespace("default").withLabel("app", "redis").list().getItems().size());
        List<Pod> workerPods = client.pods().inNamespace("default").withLabel("app", "worker").list().getItems();
        assertEquals(2, workerPods.size());
        assertEquals(1, workerPods.stream().filter(p -> p.getStatus().getContainerStatuses().get(0).getReady()).count());
        assertEquals(2, client.pods().inNamespace("monitoring").withLabel("app", "node-exporter").list().getItems()
                .size());
    }

    @Test
    void creationTimestampsAreSpreadOverDays() {
        Deployment api = client.apps().deployments().inNamespace("default").withName("api").get();
        Instant created = Instant.parse(api.getMetadata().getCreationTimestamp());
        assertTrue(created.isBefore(Instant.now().minus(Duration.ofDays(11))), created.toString());
        assertTrue(api.getMetadata().getAnnotations() == null
                || !api.getMetadata().getAnnotations().containsKey(MockCluster.CREATION_TIMESTAMP_ANNOTATION));

        Set<String> podDays = client.pods().inAnyNamespace().list().getItems().stream()
                .map(p -> p.getMetadata().getCreationTimestamp().substring(0, 10)).collect(Collectors.toSet());
        assertTrue(podDays.size() >= 4, podDays.toString());
    }

    @Test
    void watchSeesDeploymentCreatedAfterItStarted() throws Exception {
        CountDownLatch live = new CountDownLatch(1);    // the mock replays existing objects as ADDED at watch start
        CountDownLatch added = new CountDownLatch(1);
        Watcher<Deployment> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                if (action == Action.ADDED && "api".equals(d.getMetadata().getName())) {
                    live.countDown();
                }
                if (action == Action.ADDED && "late".equals(d.getMetadata().getName())) {
                    added.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
        Watch watch = client.apps().deployments().inNamespace("default").watch(watcher);
        try {
            assertTrue(live.await(10, TimeUnit.SECONDS), "watch did not start");
            assertEquals(1, added.getCount());
            client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("late").endMetadata()
                    .withNewSpec().withReplicas(1)
                    .withNewSelector().addToMatchLabels("app", "late").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "late").endMetadata()
                    .withNewSpec().addNewContainer().withName("late").withImage("busybox").endContainer().endSpec()
                    .endTemplate().endSpec()
                    .build()).create();
            assertTrue(added.await(10, TimeUnit.SECONDS), "no ADDED event for deployment 'late'");
        } finally {
            watch.close();
            // a write right after a watch closed must not fail (see MockCluster.OffLoopCloseListener)
            CompletableFuture<?> delete = CompletableFuture.runAsync(
                    () -> client.apps().deployments().inNamespace("default").withName("late").delete());
            delete.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingAWatchDuringItsReplayDoesNotStallTheServer() throws Exception {
        try (MockCluster big = MockCluster.start()) {
            big.seedScale(1, 10, 1500);
            KubernetesClient c = big.client();
            Watcher<Pod> ignore = new Watcher<>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            };
            for (int i = 0; i < 3; i++) {
                // the mock is still replaying 1,500 ADDED events when the client closes the watch
                c.pods().inNamespace(MockCluster.BENCH_BIG_NAMESPACE).watch(ignore).close();
                CompletableFuture<Integer> list = CompletableFuture.supplyAsync(
                        () -> c.namespaces().list().getItems().size());
                assertEquals(1, list.get(10, TimeUnit.SECONDS), "server stalled after a watch was closed");
            }
        }
    }

    @Test
    void crudSemanticsHoldWithTheNameIndex() {
        var namespaces = client.namespaces();
        KubernetesClientException dup = assertThrows(KubernetesClientException.class, () -> namespaces
                .resource(new NamespaceBuilder().withNewMetadata().withName("payments").endMetadata().build()).create());
        assertEquals(409, dup.getCode());

        var configMaps = client.configMaps().inNamespace("payments");
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .addToData("a", "1").build()).create();
        // same name in another namespace is a different object
        client.configMaps().inNamespace("monitoring").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("settings").endMetadata().addToData("a", "other").build()).create();
        configMaps.withName("settings").edit(cm -> new ConfigMapBuilder(cm).addToData("b", "2").build());
        assertEquals("2", configMaps.withName("settings").get().getData().get("b"));
        assertEquals("other", client.configMaps().inNamespace("monitoring").withName("settings").get().getData()
                .get("a"));
        configMaps.withName("settings").delete();
        assertNull(configMaps.withName("settings").get());
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .addToData("a", "again").build()).create();
        assertEquals("again", configMaps.withName("settings").get().getData().get("a"));
        configMaps.withName("settings").delete();
        client.configMaps().inNamespace("monitoring").withName("settings").delete();

        assertTrue(cluster.nameIndexActive(), "the name index switched itself off");
    }

    @Test
    @SuppressWarnings("removal") // the (context, contents, path) variant is deprecated in 7.9 but is what Ponte's loader needs
    void writtenKubeconfigLoadsAndWorks() throws Exception {
        Path file = cluster.writeKubeconfig(tmp.resolve("kube/config"), "demo", "staging");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        String yaml = Files.readString(file);

        Config current = Config.fromKubeconfig(null, yaml, file.toString());
        assertEquals("demo", current.getCurrentContext().getName());
        assertEquals(2, current.getContexts().size());

        Config staging = Config.fromKubeconfig("staging", yaml, file.toString());
        assertEquals("staging", staging.getCurrentContext().getName());
        assertEquals("default", staging.getNamespace());
        assertEquals(MockCluster.TOKEN, staging.getAutoOAuthToken());
        assertTrue(staging.getMasterUrl().startsWith(cluster.url()), staging.getMasterUrl());

        try (KubernetesClient fromFile = new KubernetesClientBuilder().withConfig(staging)
                .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
            assertTrue(names(fromFile.namespaces().list().getItems()).containsAll(Set.of("default", "payments")));
            assertEquals("Bearer " + MockCluster.TOKEN, cluster.server().getLastRequest().getHeader("Authorization"));
            assertEquals("v1.31.2", fromFile.getKubernetesVersion().getGitVersion());
        }
    }

    @Test
    void expectationsTakePrecedenceOverCrud() {
        String path = "/api/v1/namespaces/default/pods/" + podName("api");
        // not a 5xx: the client retries those, and the retry would reach the CRUD store
        cluster.server().expect().get().withPath(path).andReturn(403, "forbidden").once();
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> client.pods().inNamespace("default").withName(podName("api")).get());
        assertEquals(403, e.getCode());
        assertNotNull(client.pods().inNamespace("default").withName(podName("api")).get());
        assertNull(client.pods().inNamespace("default").withName("no-such-pod").get());
    }

    @Test
    void seedScaleFillsBigNamespace() {
        try (MockCluster bench = MockCluster.start()) {
            bench.seedScale(5, 20, 100);
            KubernetesClient c = bench.client();
            assertEquals(5, c.namespaces().list().getItems().size());
            assertEquals(20, c.apps().deployments().inAnyNamespace().list().getItems().size());
            assertEquals(100, c.pods().inAnyNamespace().list().getItems().size());
            assertEquals(2, c.apps().deployments().inNamespace(MockCluster.BENCH_BIG_NAMESPACE).list().getItems()
                    .size());
            assertEquals(10, c.pods().inNamespace(MockCluster.BENCH_BIG_NAMESPACE).list().getItems().size());
            Deployment d = c.apps().deployments().inNamespace(MockCluster.BENCH_BIG_NAMESPACE).withName("app-0")
                    .get();
            assertEquals(5, d.getStatus().getReadyReplicas());
            assertEquals(5, c.pods().inNamespace(MockCluster.BENCH_BIG_NAMESPACE).withLabel("app", "app-0").list()
                    .getItems().size());
            assertTrue(bench.nameIndexActive());
        }
    }

    private static String podName(String app) {
        return client.pods().inNamespace("default").withLabel("app", app).list().getItems().get(0).getMetadata()
                .getName();
    }

    private static Set<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).collect(Collectors.toSet());
    }
}
