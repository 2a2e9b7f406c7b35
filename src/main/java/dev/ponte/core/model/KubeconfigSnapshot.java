package dev.ponte.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The merged view of every kubeconfig file Ponte reads, in kubectl's order.
 *
 * @param files          the files looked at, in merge order (existing or not)
 * @param contexts       valid contexts, in the order they were first defined
 * @param currentContext the current-context of the first file that sets one, if any
 * @param problems       what was wrong, per file
 */
public record KubeconfigSnapshot(List<Path> files, List<KubeContext> contexts, String currentContext,
                                 List<KubeconfigProblem> problems) {
    public KubeconfigSnapshot {
        files = List.copyOf(files);
        contexts = List.copyOf(contexts);
        problems = List.copyOf(problems);
    }

    /** No context to show and nothing wrong to explain: the onboarding case. */
    public boolean isEmpty() {
        return contexts.isEmpty() && problems.isEmpty();
    }

    public Optional<KubeContext> context(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
