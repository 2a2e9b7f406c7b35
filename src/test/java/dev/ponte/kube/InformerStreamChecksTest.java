package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.Change;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.Staleness;
import dev.ponte.devtools.MockCluster;
import dev.ponte.testsupport.Queues;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live lists notice a watch that went quiet (the connection stays open, nothing arrives: a dropped VPN) and an API
 * server that no longer answers, say so with the time since when, and read the list again.
 */
class InformerStreamChecksTest {
    private static final WatchChecks FAST = new WatchChecks(Duration.ofMillis(250), Duration.ofMillis(250));
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final MockCluster cluster = MockCluster.start();
    private final KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
            .withMasterUrl(cluster.url()).withOauthToken(MockCluster.TOKEN).withRequestTimeout(2_000)
            .withConnectionTimeout(2_000).withRequestRetryBackoffLimit(0).build())
            .withHttpClientFactory(new JdkHttpClientFactory()).build();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<Instant> staleSince = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Throwable> staleCauses = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Watches answered with a websocket that never says anything (the watch "works" and delivers nothing). */
    private volatile boolean quietWatches;
    /** Lists answered 503 (the API server does not answer properly). */
    private volatile boolean listsFail;
    private InformerStream<String> stream;

    InformerStreamChecksTest() {
        cluster.setRequestHook(request -> {
            String path = request.getPath();
            boolean get = "GET".equals(request.getMethod());
            if (get && quietWatches && path.contains("watch=true")) {
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() { });
            }
            if (get && listsFail && !path.contains("watch=true") && path.startsWith("/api/v1/namespaces")) {
                return new MockResponse().setResponseCode(503).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"message\":\"the server is currently unable to handle the request\","
                        + "\"reason\":\"ServiceUnavailable\",\"code\":503}");
            }
            return null;
        });
        namespace("a");
        namespace("b");
    }

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
        client.close();
        cluster.close();
    }

    private void namespace(String name) {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    private void start() throws InterruptedException {
        stream = new InformerStream<>(new StreamListener<String>() {
            @Override
            public void onChange(Change<String> change) {
                events.add(change.type() + " " + change.item());
            }

            @Override
            public void onSynced() {
                events.add("synced");
            }

            @Override
            public void onError(Throwable error) {
                events.add("error " + error);
            }

            @Override
            public void onStale(Instant since, Throwable cause) {
                staleSince.add(since);
                staleCauses.add(cause);
                events.add("stale");
            }

            @Override
            public void onCurrent() {
                events.add("current");
            }
        }, FAST, "namespaces").add(client.namespaces(), ns -> ns.getMetadata().getName()).start();
        Queues.awaitMatching(events, "synced"::equals, DEADLINE);
    }

    @Test
    void aWatchThatWentQuietIsCaughtByTheCheckAndTheListIsReadAgainWithWhatItMissed() throws Exception {
        quietWatches = true;
        start();

        namespace("c");
        cluster.client().namespaces().withName("a").delete();

        Queues.awaitMatching(events, "stale"::equals, DEADLINE);
        assertInstanceOf(Staleness.MissedChangesException.class, staleCauses.getFirst());
        List<String> seen = new ArrayList<>();
        String e;
        do {
            e = Queues.awaitMatching(events, x -> true, DEADLINE);
            seen.add(e);
        } while (!e.equals("current"));
        assertTrue(seen.contains("ADDED c"), seen.toString());
        assertTrue(seen.contains("DELETED a"), "an object that went while the watch was quiet is delivered as deleted " + seen);
        assertFalse(seen.stream().anyMatch(x -> x.startsWith("error")), seen.toString());
    }

    @Test
    void anApiServerThatStopsAnsweringMakesTheStreamStaleSinceTheLastGoodCheckUntilItAnswersAgain() throws Exception {
        start();
        Instant before = Instant.now();
        quietWatches = true; // the open watch goes quiet too, as with a dropped VPN
        listsFail = true;

        Queues.awaitMatching(events, "stale"::equals, DEADLINE);
        Queues.awaitMatching(events, "stale"::equals, DEADLINE); // the checks go on and say it again
        Instant first = staleSince.getFirst();
        assertEquals(first, staleSince.getLast(), "since stays the time of the last good check");
        assertEquals(503, ((ApiStatusException) staleCauses.getFirst()).status());
        assertFalse(first.isAfter(before.plusMillis(50)), first + " vs " + before);

        listsFail = false;
        quietWatches = false;
        namespace("d");
        List<String> seen = new ArrayList<>();
        String e;
        do {
            e = Queues.awaitMatching(events, x -> !x.equals("stale"), DEADLINE);
            seen.add(e);
        } while (!e.equals("current"));
        assertTrue(seen.contains("ADDED d"), seen.toString());
    }

    @Test
    void aHealthyWatchUnderChurnIsNeverReportedStale() throws Exception {
        start();
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            String name = "churn-" + n++;
            namespace(name);
            cluster.client().namespaces().withName(name).edit(ns -> new NamespaceBuilder(ns)
                    .editMetadata().addToLabels("edited", "yes").endMetadata().build());
        }
        int created = n;
        Queues.awaitMatching(events, ("ADDED churn-" + (created - 1))::equals, DEADLINE);
        stream.check(); // one more check once everything has arrived
        assertFalse(events.contains("stale"), "no stale report while the watch delivers; " + created + " created");
        assertTrue(staleSince.isEmpty());
    }
}
