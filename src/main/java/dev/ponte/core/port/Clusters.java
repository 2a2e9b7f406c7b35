package dev.ponte.core.port;

/** Sessions to the API servers of the kubeconfig's contexts, by context name. */
public interface Clusters {
    /**
     * Opens a session for the context (no network I/O yet); a {@link dev.ponte.core.task.PonteException} with advice
     * when the context is no longer in any kubeconfig file or its credentials cannot work.
     */
    ClusterSession open(String context);

    /** The kubeconfig file that defines the context, as Cargo's label records it (null when unknown). */
    String kubeconfigOf(String context);
}
