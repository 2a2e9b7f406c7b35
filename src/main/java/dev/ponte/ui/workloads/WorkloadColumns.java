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
                ColumnSpec.<Workload>text("name", "Name", 220, Workload::name).wrapping(),
                // The short kind (Deploy, STS, DS), as the kind chips say it: the table fits a 1024 px window.
                ColumnSpec.<Workload>text("kind", "Kind", 70, w -> w.kind().shortName())
                        .fitting(java.util.Arrays.stream(dev.ponte.core.model.WorkloadKind.values()).map(k -> k.shortName()).toList())
                        .explained(k -> java.util.Arrays.stream(dev.ponte.core.model.WorkloadKind.values())
                                .filter(x -> x.shortName().equals(k)).map(x -> x.kind()).findFirst().orElse(k)),
                // Ready carries the status too: its tone (ready, progressing, unavailable, scaled to 0) and its tooltip.
                new ColumnSpec<Workload, Workload>("ready", "Ready", 70, w -> w, WorkloadColumns::ready,
                        Comparator.comparingInt((Workload w) -> w.ready() - w.desired()).thenComparingInt(Workload::ready))
                        .styled(w -> tone(w.status()))
                        .explained(w -> w.status().label() + " — " + w.ready() + " of " + w.desired() + " ready"),
                ColumnSpec.<Workload>text("images", "Images", 260, w -> String.join(", ", w.images())).wrapping(),
                age("age", clock, Workload::created));
    }

    static String tone(dev.ponte.core.model.WorkloadStatus s) {
        return switch (s) {
            case READY -> "tone-success";
            case PROGRESSING -> "tone-warning";
            case UNAVAILABLE -> "tone-danger";
            case SCALED_DOWN -> "tone-muted";
        };
    }

    public static List<ColumnSpec<PodSummary, ?>> pods(Clock clock) {
        return List.of(
                ColumnSpec.<PodSummary>text("pod-name", "Pod", 260, PodSummary::name).wrapping(),
                ColumnSpec.<PodSummary>text("pod-status", "Status", 130, PodSummary::phase).styled(WorkloadColumns::podTone).wrapping(),
                ColumnSpec.text("pod-ready", "Ready", 70, p -> p.readyContainers() + "/" + p.containers()),
                new ColumnSpec<PodSummary, Integer>("pod-restarts", "Restarts", 80, PodSummary::restarts,
                        String::valueOf, Comparator.naturalOrder()),
                ColumnSpec.<PodSummary>text("pod-node", "Node", 140, PodSummary::node).wrapping(),
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
