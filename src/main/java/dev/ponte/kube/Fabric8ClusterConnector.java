package dev.ponte.kube;

import dev.ponte.core.model.KubeContext;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.task.AuthPluginMissingException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Opens fabric8 clients (JDK HTTP client) for kube contexts read by {@link KubeconfigLoader}. */
public final class Fabric8ClusterConnector implements ClusterConnector {
    /** How long to wait for a TCP connection and for one request; a stuck cluster must not stall the UI's tasks. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final KubeconfigLoader loader;
    private final Supplier<List<Path>> extraFiles;
    private final Map<String, String> env;
    private final JdkHttpClientFactory httpClients = new JdkHttpClientFactory();
    private final PrivateFiles privateFiles;
    /** Shared by this connector's clients (one mapper and its deserializers); built by the first {@link #open}. */
    private KubernetesSerialization serialization;
    private volatile WatchChecks watchChecks = WatchChecks.DEFAULT;
    private volatile Duration requestTimeout = REQUEST_TIMEOUT;
    private volatile java.util.function.Consumer<io.fabric8.kubernetes.client.http.HttpClient.Builder> httpTuning = b -> { };

    /**
     * @param privateDir Ponte's private folder for the kubeconfig copies fabric8 re-reads (the app passes
     *                   {@code AppPaths.privateDir()}); created {@code rwx------} or checked, see
     *                   {@link dev.ponte.core.files.PrivateDirectory}
     */
    public Fabric8ClusterConnector(KubeconfigLoader loader, Supplier<List<Path>> extraFiles, Map<String, String> env,
                                   Path privateDir) {
        this(loader, extraFiles, env, PrivateFiles.in(privateDir));
    }

    /**
     * As above with {@code $XDG_RUNTIME_DIR/ponte}, else a private folder of this process's own in the system's
     * temporary folder (random name, {@code rwx------}): for tests and tools that pass no folder.
     */
    public Fabric8ClusterConnector(KubeconfigLoader loader, Supplier<List<Path>> extraFiles, Map<String, String> env) {
        this(loader, extraFiles, env, PrivateFiles.forEnvironment(env));
    }

    private Fabric8ClusterConnector(KubeconfigLoader loader, Supplier<List<Path>> extraFiles, Map<String, String> env,
                                    PrivateFiles privateFiles) {
        this.loader = loader;
        this.extraFiles = extraFiles;
        this.env = env;
        this.privateFiles = privateFiles;
    }

    /** How the sessions' live lists check that their watches still deliver (tests check more often). */
    public Fabric8ClusterConnector watchChecks(WatchChecks checks) {
        this.watchChecks = checks;
        return this;
    }

    /** How long one request may take (default {@link #REQUEST_TIMEOUT}; fault tests use less). */
    public Fabric8ClusterConnector requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /**
     * Adds to each session's HTTP client (tests inject transport faults here, e.g. an interceptor that fails a request
     * the way a reset connection does); the app adds nothing.
     */
    public Fabric8ClusterConnector httpTuning(java.util.function.Consumer<io.fabric8.kubernetes.client.http.HttpClient.Builder> tuning) {
        this.httpTuning = tuning;
        return this;
    }

    /** Removes private kubeconfig copies left by a Ponte that was killed. File I/O: call off the UI thread. */
    public void sweepStaleFiles() {
        privateFiles.sweepStale();
    }

    /** Knows the kinds Ponte reads and no others: fabric8's default would load every model jar's classes. */
    private synchronized KubernetesSerialization serialization() {
        if (serialization == null) {
            serialization = Fabric8Kinds.serialization();
        }
        return serialization;
    }

    @Override
    public ClusterSession open(KubeContext context) {
        var resolved = loader.resolve(context.name(), extraFiles.get());
        if (resolved.execCommand() != null) {
            KubeconfigLoader.findMissingExecutable(resolved.execCommand(), env).ifPresent(missing -> {
                throw new AuthPluginMissingException(missing);
            });
        }
        // fabric8 re-reads the kubeconfig file when a token expires (exec plugins): give it a private
        // file holding just this context, removed when the session closes.
        Path file = privateFiles.writeTemp("ponte-kubeconfig-", resolved.kubeconfigYaml());
        Config config;
        Fabric8Kinds.readKubeconfigExtensionsWithoutScan();
        try {
            config = Config.fromKubeconfig(context.name(), file.toFile());
        } catch (RuntimeException e) {
            privateFiles.delete(file);
            throw e;
        }
        ClientKeyAlgorithm.apply(config); // an EC key in PKCS#8 form works, as with kubectl
        config.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        config.setRequestTimeout((int) requestTimeout.toMillis());
        // Ponte retries with its own back-off and shows it; fabric8's silent retries would hide an outage.
        config.setRequestRetryBackoffLimit(0);
        return new Fabric8ClusterSession(new KubernetesClientBuilder()
                .withConfig(config).withHttpClientFactory(httpClients).withHttpClientBuilderConsumer(httpTuning)
                .withKubernetesSerialization(serialization()).build(),
                () -> privateFiles.delete(file), watchChecks);
    }
}
