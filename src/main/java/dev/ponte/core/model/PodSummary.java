package dev.ponte.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A pod as the detail pane shows it. */
public record PodSummary(String namespace, String name, String phase, int readyContainers, int containers,
                         int restarts, String node, Instant created, Map<String, String> labels,
                         List<String> containerNames) {
    public PodSummary {
        labels = Map.copyOf(labels);
        containerNames = List.copyOf(containerNames);
    }
}
