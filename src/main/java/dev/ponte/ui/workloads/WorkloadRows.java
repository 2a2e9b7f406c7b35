package dev.ponte.ui.workloads;

import dev.ponte.core.model.Change;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows of the shown namespace, changed one watch batch at a time on the UI thread: workloads (a row object per
 * workload that stays while it changes) and pods. A batch costs what it changes, not what the namespace holds: the
 * lists are copied only when something in them is deleted.
 */
final class WorkloadRows {
    final ObservableList<WorkloadItem> items = FXCollections.observableArrayList();
    final ObservableList<PodSummary> pods = FXCollections.observableArrayList();
    private final Map<String, WorkloadItem> byKey = new HashMap<>();
    private final Map<String, Integer> podIndex = new HashMap<>();
    private int ready;

    /** Applies one batch of workload changes; returns the rows it removed. */
    Set<WorkloadItem> applyWorkloads(List<Change<Workload>> batch) {
        // Insertion-ordered: rows added by this batch go in, in the order they came.
        Map<String, WorkloadItem> added = new java.util.LinkedHashMap<>();
        Set<WorkloadItem> removed = new HashSet<>();
        for (Change<Workload> c : batch) {
            String key = c.item().key();
            WorkloadItem item = byKey.get(key);
            if (c.type() == Change.Type.DELETED) {
                if (item != null) {
                    byKey.remove(key);
                    ready -= readyOf(item.get());
                    if (added.remove(key) == null) {
                        removed.add(item);
                    }
                }
            } else if (item != null) {
                ready += readyOf(c.item()) - readyOf(item.get());
                item.set(c.item());
            } else {
                item = new WorkloadItem(c.item());
                byKey.put(key, item);
                ready += readyOf(c.item());
                added.put(key, item);
            }
        }
        if (!removed.isEmpty()) {
            items.removeIf(removed::contains);
        }
        if (!added.isEmpty()) {
            items.addAll(added.values());
        }
        return removed;
    }

    /** Applies one batch of pod changes: changed pods keep their place, new ones go last. */
    void applyPods(List<Change<PodSummary>> batch) {
        Map<String, PodSummary> added = new java.util.LinkedHashMap<>();
        Set<String> deleted = new HashSet<>();
        for (Change<PodSummary> c : batch) {
            String name = c.item().name();
            Integer at = podIndex.get(name);
            if (c.type() == Change.Type.DELETED) {
                added.remove(name);
                if (at != null) {
                    deleted.add(name);
                }
            } else if (at != null && !deleted.contains(name)) {
                pods.set(at, c.item());
            } else { // new, or deleted and back within this batch: it goes last, as if it had been away
                added.put(name, c.item());
            }
        }
        if (!deleted.isEmpty()) {
            pods.removeIf(p -> deleted.contains(p.name()));
            podIndex.clear();
            for (int i = 0; i < pods.size(); i++) {
                podIndex.put(pods.get(i).name(), i);
            }
        }
        if (!added.isEmpty()) {
            int next = pods.size();
            for (String name : added.keySet()) {
                podIndex.put(name, next++);
            }
            pods.addAll(added.values());
        }
    }

    /** Workloads with all their replicas ready. */
    int ready() {
        return ready;
    }

    void clear() {
        items.clear();
        byKey.clear();
        pods.clear();
        podIndex.clear();
        ready = 0;
    }

    private static int readyOf(Workload w) {
        return w.ready() >= w.desired() ? 1 : 0;
    }
}
