package dev.ponte.ui.workloads;

import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.ui.common.ColumnSpec;
import dev.ponte.ui.common.Format;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Column descriptors for the workload and pod tables: what each column shows and how it sorts. */
public final class WorkloadColumns {
    private WorkloadColumns() {
    }

    public static List<ColumnSpec<Workload, ?>> workloads(Clock clock) {
        return List.of(
                ColumnSpec.text("name", "Name", 220, Workload::name),
                ColumnSpec.text("kind", "Kind", 110, w -> w.kind().kind()),
                new ColumnSpec<Workload, Workload>("ready", "Ready", 70, w -> w, WorkloadColumns::ready,
                        Comparator.comparingInt((Workload w) -> w.ready() - w.desired()).thenComparingInt(Workload::ready)),
                ColumnSpec.text("images", "Images", 260, w -> String.join(", ", w.images())),
                age("age", clock, Workload::created),
                new ColumnSpec<Workload, dev.ponte.core.model.WorkloadStatus>("status", "Status", 120, Workload::status,
                        dev.ponte.core.model.WorkloadStatus::label, Comparator.naturalOrder())
                        .styled(s -> switch (s) {
                            case READY -> "tone-success";
                            case PROGRESSING -> "tone-warning";
                            case UNAVAILABLE -> "tone-danger";
                            case SCALED_DOWN -> "tone-muted";
                        }));
    }

    public static List<ColumnSpec<PodSummary, ?>> pods(Clock clock) {
        return List.of(
                ColumnSpec.text("pod-name", "Pod", 260, PodSummary::name),
                ColumnSpec.text("pod-status", "Status", 130, PodSummary::phase).styled(WorkloadColumns::podTone),
                ColumnSpec.text("pod-ready", "Ready", 70, p -> p.readyContainers() + "/" + p.containers()),
                new ColumnSpec<PodSummary, Integer>("pod-restarts", "Restarts", 80, PodSummary::restarts,
                        String::valueOf, Comparator.naturalOrder()),
                ColumnSpec.text("pod-node", "Node", 140, PodSummary::node),
                age("pod-age", clock, PodSummary::created));
    }

    static String podTone(String phase) {
        return switch (phase == null ? "" : phase) {
            case "Running", "Succeeded" -> "tone-success";
            case "Pending", "ContainerCreating", "Terminating" -> "tone-warning";
            default -> "tone-danger";
        };
    }

    static String ready(Workload w) {
        return w.ready() + "/" + w.desired();
    }

    private static <T> ColumnSpec<T, Instant> age(String id, Clock clock, java.util.function.Function<T, Instant> created) {
        // Sorted by creation time, newest first when ascending by age.
        return new ColumnSpec<>(id, "Age", 70, created, i -> Format.age(i, clock.instant()),
                Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
    }
}
