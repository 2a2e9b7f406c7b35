package dev.ponte.core.port;

import dev.ponte.core.model.KubeContext;

/** Opens a session to the API server of one kube context. */
public interface ClusterConnector {
    /**
     * Prepares a client for the context. Does no network I/O; fails early for problems that can be
     * seen locally (a missing exec auth plugin, say) with a {@link dev.ponte.core.task.PonteException}.
     */
    ClusterSession open(KubeContext context);
}
