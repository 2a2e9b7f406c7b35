package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.Change;
import dev.ponte.core.port.StreamListener;
import dev.ponte.devtools.MockCluster;
import dev.ponte.testsupport.Queues;
import dev.ponte.testsupport.Wait;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream opens and closes its informers on threads of its own: the caller (the UI thread, switching namespaces)
 * never waits for fabric8, and a stream closed while it is still opening ends with nothing left running.
 */
class InformerStreamOpenCloseTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private final MockCluster cluster = MockCluster.start();
    private final KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
            .withMasterUrl(cluster.url()).withOauthToken(MockCluster.TOKEN).withRequestTimeout(2_000)
            .withConnectionTimeout(2_000).withRequestRetryBackoffLimit(0).build())
            .withHttpClientFactory(new JdkHttpClientFactory()).build();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<SharedIndexInformer<Namespace>> opened = new CopyOnWriteArrayList<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    InformerStreamOpenCloseTest() {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
                .build()).create();
    }

    @AfterEach
    void close() {
        release.countDown();
        client.close();
        cluster.close();
    }

    /** Informers that take until {@link #release} to build (as fabric8's do on a busy machine, only longer). */
    private InformerStream<String> slowStream() {
        return new InformerStream<String>(new StreamListener<>() {
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
                events.add("stale");
            }
        }, WatchChecks.DEFAULT, "slow").add(() -> {
            entered.countDown();
            try {
                if (!release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            SharedIndexInformer<Namespace> informer = client.namespaces().runnableInformer(0);
            opened.add(informer);
            return informer;
        }, Map::of, ns -> ns.getMetadata().getName());
    }

    @Test
    void startReturnsWhileTheInformersAreStillBeingBuiltAndTheyDeliverOnceTheyAre() throws Exception {
        InformerStream<String> stream = slowStream().start();
        try {
            assertTrue(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "the informers are being built");
            assertEquals(1, release.getCount(), "start() returned before they were");
            release.countDown();
            assertEquals("ADDED a", Queues.awaitMatching(events, e -> true, DEADLINE));
            assertEquals("synced", Queues.awaitMatching(events, e -> true, DEADLINE));
        } finally {
            stream.close();
        }
        Wait.polling("the informer to stop after close()", () -> !opened.getFirst().isRunning());
    }

    @Test
    void aStreamClosedWhileOpeningLeavesNoInformerRunningAndDeliversNothing() throws Exception {
        InformerStream<String> stream = slowStream().start();
        assertTrue(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "the informers are being built");
        stream.close(); // returns although the opening thread holds the epoch until released
        release.countDown();
        Wait.polling("the informer built after close() to be closed",
                () -> opened.size() == 1 && !opened.getFirst().isRunning()
                        && opened.getFirst().stopped().toCompletableFuture().isDone(),
                () -> "opened " + opened.size() + (opened.isEmpty() ? "" : ", running " + opened.getFirst().isRunning()));
        assertFalse(events.stream().anyMatch(e -> !e.startsWith("error")), "nothing delivered after close: " + events);
        assertTrue(events.isEmpty(), "a closed stream reports no error either: " + events);
    }
}
