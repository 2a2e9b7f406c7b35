package dev.ponte.kube;

import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.kube.gefyra.Fabric8GefyraCluster;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A {@link ClusterSession} on one fabric8 client; watches are fabric8 informers (list + watch, relist on 410). */
final class Fabric8ClusterSession implements ClusterSession, dev.ponte.kube.logs.Fabric8Backed {
    private final KubernetesClient client;
    private final Runnable onClose;
    private final GefyraCluster gefyra;
    private final WatchChecks checks;

    Fabric8ClusterSession(KubernetesClient client, Runnable onClose) {
        this(client, onClose, WatchChecks.DEFAULT);
    }

    /** @param checks how the live lists check that their watches still deliver */
    Fabric8ClusterSession(KubernetesClient client, Runnable onClose, WatchChecks checks) {
        this.client = client;
        this.onClose = onClose;
        this.checks = checks;
        this.gefyra = new Fabric8GefyraCluster(client, checks);
    }

    /** For the pod-log adapter ({@code kube.logs}), which streams on this session's client. */
    @Override
    public KubernetesClient fabric8Client() {
        return client;
    }

    @Override
    public String serverVersion() {
        try {
            return client.getKubernetesVersion().getGitVersion();
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    @Override
    public Subscription watchNamespaces(StreamListener<String> listener) {
        return new InformerStream<>(listener, checks, "namespaces")
                .add(client.namespaces(), ns -> ns.getMetadata().getName())
                .start();
    }

    @Override
    public Subscription watchWorkloads(String namespace, StreamListener<Workload> listener) {
        var apps = client.apps();
        return new InformerStream<>(listener, checks, "workloads of " + namespace)
                .add(apps.deployments().inNamespace(namespace), ResourceMapper::deployment)
                .add(apps.statefulSets().inNamespace(namespace), ResourceMapper::statefulSet)
                .add(apps.daemonSets().inNamespace(namespace), ResourceMapper::daemonSet)
                .start();
    }

    @Override
    public Subscription watchPods(String namespace, StreamListener<PodSummary> listener) {
        return new InformerStream<>(listener, checks, "pods of " + namespace)
                .add(client.pods().inNamespace(namespace), ResourceMapper::pod)
                .start();
    }

    /** What fabric8 took from the kubeconfig's {@code proxy-url} for this server's scheme, password masked. */
    @Override
    public String proxyUrl() {
        var config = client.getConfiguration();
        String server = config.getMasterUrl();
        String proxy = server != null && server.startsWith("http://") ? config.getHttpProxy() : config.getHttpsProxy();
        return proxy == null || proxy.isBlank() ? null : dev.ponte.core.task.Redactor.redact(proxy);
    }

    @Override
    public GefyraCluster gefyra() {
        return gefyra;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            onClose.run();
        }
    }

    /** Stateless over the session's client, so a new one per call costs nothing. */
    @Override
    public dev.ponte.core.port.WorkloadInspector inspector() {
        return new Fabric8WorkloadInspector(client);
    }
}
