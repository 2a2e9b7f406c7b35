package dev.ponte.ui.bridge;

import dev.ponte.core.model.WorkloadKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Opens the Run dialog for the wizard's "Run one now…", prefilled from the bridged container. */
@FunctionalInterface
public interface RunLauncher {
    /**
     * @return completes when the dialog closes: with the started container's name, or empty when
     *         nothing was run; may complete on any thread
     */
    CompletionStage<Optional<String>> open(RunPrefill prefill);

    /**
     * @param image the workload container's image (a starting point; the user usually picks a local one)
     * @param ports the local ports the wizard maps to, to publish or listen on
     */
    record RunPrefill(String namespace, WorkloadKind kind, String workload, String container, String image,
                      List<Integer> ports) {
        public RunPrefill {
            ports = List.copyOf(ports);
        }
    }
}
