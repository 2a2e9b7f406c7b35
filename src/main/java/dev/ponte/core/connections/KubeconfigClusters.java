package dev.ponte.core.connections;

import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.KubeconfigSource;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Cluster sessions by context name, from the kubeconfig files as they are now (the user may have edited them). */
public final class KubeconfigClusters implements Clusters {
    private final KubeconfigSource kubeconfig;
    private final ClusterConnector connector;
    private final Supplier<List<Path>> extraFiles;

    public KubeconfigClusters(KubeconfigSource kubeconfig, ClusterConnector connector, Supplier<List<Path>> extraFiles) {
        this.kubeconfig = kubeconfig;
        this.connector = connector;
        this.extraFiles = extraFiles;
    }

    @Override
    public ClusterSession open(String context) {
        return connector.open(context(context));
    }

    @Override
    public String kubeconfigOf(String context) {
        return context(context).sourceFile().toString();
    }

    private KubeContext context(String name) {
        KubeconfigSnapshot snapshot = kubeconfig.load(extraFiles.get());
        return snapshot.context(name).orElseThrow(() -> new PonteException(new Problem(Problem.Kind.KUBECONFIG,
                "Context " + name + " is not in your kubeconfig",
                "The connection was made for context '" + name + "', which no kubeconfig file defines now.",
                "Add the context back (or open its kubeconfig file in Ponte); Clean up removes the local parts meanwhile.")));
    }
}
