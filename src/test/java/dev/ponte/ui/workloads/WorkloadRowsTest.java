package dev.ponte.ui.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.Change;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class WorkloadRowsTest {
    private final WorkloadRows rows = new WorkloadRows();

    private static Workload deploy(String name, int ready, int desired) {
        return new Workload(WorkloadKind.DEPLOYMENT, "default", name, ready, desired, List.of(name + ":1"),
                Instant.EPOCH, Map.of("app", name));
    }

    private static PodSummary pod(String name, String phase) {
        return new PodSummary("default", name, phase, 1, 1, 0, "node-1", Instant.EPOCH, Map.of("app", "x"), List.of("main"));
    }

    private List<String> podNames() {
        return rows.pods.stream().map(p -> p.name() + "=" + p.phase()).toList();
    }

    @Test
    void podsChangedInPlaceKeepTheirPlaceAndNewOnesGoLast() {
        rows.applyPods(List.of(Change.added(pod("a", "Pending")), Change.added(pod("b", "Pending"))));
        rows.applyPods(List.of(Change.modified(pod("a", "Running")), Change.added(pod("c", "Pending"))));
        assertEquals(List.of("a=Running", "b=Pending", "c=Pending"), podNames());
    }

    @Test
    void aModifiedPodIsOneReplacementNotARebuildOfTheList() {
        rows.applyPods(List.of(Change.added(pod("a", "Pending")), Change.added(pod("b", "Pending"))));
        List<String> changes = new ArrayList<>();
        rows.pods.addListener((ListChangeListener<PodSummary>) c -> {
            while (c.next()) {
                changes.add(c.getFrom() + ":" + c.getAddedSize() + "+" + c.getRemovedSize() + "-");
            }
        });
        rows.applyPods(List.of(Change.modified(pod("b", "Running"))));
        assertEquals(List.of("1:1+1-"), changes);
    }

    @Test
    void deletionsWithinAndAcrossBatchesLeaveTheRightPodsAtTheRightIndexes() {
        rows.applyPods(List.of(Change.added(pod("a", "Pending")), Change.added(pod("b", "Pending")),
                Change.added(pod("c", "Pending"))));
        // b goes, d comes and goes in the same batch, a goes and comes back in the same batch.
        rows.applyPods(List.of(Change.deleted(pod("b", "Pending")), Change.added(pod("d", "Pending")),
                Change.deleted(pod("d", "Pending")), Change.deleted(pod("a", "Pending")),
                Change.added(pod("a", "Running"))));
        assertEquals(List.of("c=Pending", "a=Running"), podNames());
        // The index still points right after the deletion: c changes in place.
        rows.applyPods(List.of(Change.modified(pod("c", "Running")), Change.added(pod("e", "Pending"))));
        rows.applyPods(List.of(Change.modified(pod("e", "Running"))));
        assertEquals(List.of("c=Running", "a=Running", "e=Running"), podNames());
    }

    @Test
    void randomBatchesEndAsTheChangesSay() {
        Random random = new Random(15);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int round = 0; round < 300; round++) {
            List<Change<PodSummary>> batch = new ArrayList<>();
            for (int i = random.nextInt(8); i >= 0; i--) {
                String name = "p" + random.nextInt(30);
                String phase = "v" + round + "." + i;
                if (random.nextInt(3) == 0) {
                    batch.add(Change.deleted(pod(name, phase)));
                    expected.remove(name);
                } else {
                    batch.add(expected.containsKey(name) ? Change.modified(pod(name, phase)) : Change.added(pod(name, phase)));
                    expected.put(name, phase); // a name deleted earlier in this batch comes back last
                }
            }
            rows.applyPods(batch);
            assertEquals(expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(), podNames(),
                    "after round " + round);
        }
    }

    @Test
    void workloadRowsStayWhileTheirWorkloadChangesAndTheReadyCountFollows() {
        rows.applyWorkloads(List.of(Change.added(deploy("api", 1, 2)), Change.added(deploy("web", 1, 1))));
        assertEquals(1, rows.ready());
        WorkloadItem api = rows.items.getFirst();
        rows.applyWorkloads(List.of(Change.modified(deploy("api", 2, 2))));
        assertSame(api, rows.items.getFirst());
        assertEquals(2, rows.ready());
        Set<WorkloadItem> removed = rows.applyWorkloads(List.of(Change.deleted(deploy("web", 1, 1)),
                Change.added(deploy("db", 0, 1)), Change.deleted(deploy("db", 0, 1))));
        assertEquals(List.of("api"), rows.items.stream().map(i -> i.get().name()).toList());
        assertEquals(1, removed.size());
        assertEquals("web", removed.iterator().next().get().name());
        assertEquals(1, rows.ready());
        rows.clear();
        assertTrue(rows.items.isEmpty());
        assertEquals(0, rows.ready());
    }
}
