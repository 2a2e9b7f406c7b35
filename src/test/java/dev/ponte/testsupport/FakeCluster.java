package dev.ponte.testsupport;

import dev.ponte.core.model.Change;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** An in-memory cluster behind the ports: tests script what the API server answers and push watch events. */
public final class FakeCluster implements ClusterConnector {
    public Supplier<String> version = () -> "v1.31.2";
    public RuntimeException openFailure;
    public final List<String> namespaces = new ArrayList<>(List.of("default", "payments"));
    public RuntimeException namespaceFailure;
    public int opened;
    public int closed;
    public StreamListener<Workload> workloadListener;
    public StreamListener<PodSummary> podListener;
    public final List<String> watchedNamespaces = new ArrayList<>();
    public dev.ponte.core.port.WorkloadInspector inspector;

    @Override
    public ClusterSession open(KubeContext context) {
        if (openFailure != null) {
            throw openFailure;
        }
        opened++;
        return new ClusterSession() {
            @Override
            public String serverVersion() {
                return version.get();
            }

            @Override
            public Subscription watchNamespaces(StreamListener<String> listener) {
                if (namespaceFailure != null) {
                    listener.onError(namespaceFailure);
                } else {
                    namespaces.forEach(ns -> listener.onChange(Change.added(ns)));
                    listener.onSynced();
                }
                return () -> { };
            }

            @Override
            public Subscription watchWorkloads(String namespace, StreamListener<Workload> listener) {
                watchedNamespaces.add(namespace);
                workloadListener = listener;
                return () -> workloadListener = null;
            }

            @Override
            public Subscription watchPods(String namespace, StreamListener<PodSummary> listener) {
                podListener = listener;
                return () -> podListener = null;
            }

            @Override
            public dev.ponte.core.port.WorkloadInspector inspector() {
                if (inspector == null) {
                    throw new UnsupportedOperationException("FakeCluster has no inspector; set FakeCluster.inspector");
                }
                return inspector;
            }

            @Override
            public GefyraCluster gefyra() {
                throw new UnsupportedOperationException("FakeCluster has no Gefyra side");
            }

            @Override
            public void close() {
                closed++;
            }
        };
    }
}
