package dev.ponte.core.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One context of the merged kubeconfig: which cluster and user it joins, its default namespace
 * and the file that defined it. Holds no credentials.
 */
public record KubeContext(String name, String cluster, String user, String namespace, String server, Path sourceFile) {
    public KubeContext {
        Objects.requireNonNull(name, "name");
    }

    /** The namespace to show when nothing else is known: the context's own, else {@code default}. */
    public String defaultNamespace() {
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }
}
