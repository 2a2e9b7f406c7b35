package dev.ponte.core.port;

import dev.ponte.core.model.KubeconfigSnapshot;
import java.nio.file.Path;
import java.util.List;

/** Reads and merges the user's kubeconfig files. Never throws: problems are part of the snapshot. */
public interface KubeconfigSource {
    /**
     * @param extraFiles files the user opened in Ponte, merged after the standard ones
     */
    KubeconfigSnapshot load(List<Path> extraFiles);
}
