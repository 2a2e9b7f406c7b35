package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.devtools.MockCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A mock cluster with the {@link GefyraOperatorDouble} running, and Ponte's {@link Fabric8GefyraCluster} on its own
 * client configured like production's (Fabric8ClusterConnector: no silent retries, bounded timeouts). Counts the
 * requests Ponte's client sends (the double's own requests are not counted).
 */
final class GefyraRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final InstallOptions OPTIONS = InstallOptions.defaults(GefyraImages.defaults());

    final MockCluster cluster = MockCluster.start();
    final GefyraOperatorDouble operator;
    final KubernetesClient ponteClient;
    final Fabric8GefyraCluster gefyra;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    GefyraRig() {
        this(GefyraOperatorDouble.Options.defaults(), Duration.ofSeconds(15));
    }

    GefyraRig(GefyraOperatorDouble.Options options, Duration requestTimeout) {
        operator = new GefyraOperatorDouble(cluster, options).start();
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(cluster.url())
                .withOauthToken(MockCluster.TOKEN)
                .withConnectionTimeout(5_000)
                .withRequestTimeout((int) requestTimeout.toMillis())
                .withRequestRetryBackoffLimit(0)
                .build();
        ponteClient = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("ponte-request-count", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        requests.add(request.method() + " " + request.uri().getRawPath()
                                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
                    }
                }))
                .build();
        gefyra = new Fabric8GefyraCluster(ponteClient);
    }

    /** Installs and waits for the double's operator to be ready. */
    GefyraRig installed() {
        gefyra.install(OPTIONS, Progress.NONE, new CancellationToken());
        gefyra.awaitOperatorReady(WAIT, Progress.NONE, new CancellationToken());
        return this;
    }

    /**
     * Creates a bridge or mount the way the gefyra CLI would (section 7.1, abbreviated) and waits until the operator
     * double has put Kopf's finalizer on it.
     */
    void seed(GefyraResources.Kind kind, String name, String clientName) throws Exception {
        var r = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("gefyra.dev/v1").withKind(kind.kind)
                .withNewMetadata().withName(name).withNamespace("gefyra")
                .addToLabels("gefyra.dev/client", clientName).endMetadata()
                .build();
        r.setAdditionalProperty("state", "ACTIVE");
        kind.in(cluster.client()).resource(r).create();
        kind.in(cluster.client()).withName(name)
                .informOnCondition(l -> !l.isEmpty() && l.getFirst().getFinalizers().contains(GefyraResources.FINALIZER))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Creates a client and waits until it is WAITING, or ACTIVE on {@code subnet} when that is not null. */
    void client(String name, String subnet) throws Exception {
        gefyra.createClient(name);
        gefyra.awaitClient(name, c -> c.state() == dev.ponte.core.gefyra.ClientState.WAITING, "WAITING", WAIT,
                new CancellationToken());
        if (subnet != null) {
            gefyra.setSubnet(name, subnet);
            gefyra.awaitClient(name, c -> c.state() == dev.ponte.core.gefyra.ClientState.ACTIVE, "ACTIVE", WAIT,
                    new CancellationToken());
        }
    }

    int requestCount() {
        return requests.size();
    }

    /** The requests Ponte sent since the last reset, as {@code METHOD path?query}. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void resetRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        try {
            ponteClient.close();
            operator.close();
        } finally {
            cluster.close();
        }
    }
}
