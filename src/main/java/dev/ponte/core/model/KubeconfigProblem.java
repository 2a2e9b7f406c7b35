package dev.ponte.core.model;

import java.nio.file.Path;

/** Something wrong in one kubeconfig file; the rest of the files and contexts still load. */
public record KubeconfigProblem(Path file, String message) {
    @Override
    public String toString() {
        return file + ": " + message;
    }
}
