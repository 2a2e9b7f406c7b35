package dev.ponte.ui.workloads;

import dev.ponte.core.model.Change;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.EventBatcher;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Staleness;
import dev.ponte.ui.common.TaskSlot;
import dev.ponte.ui.common.ListState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The workloads of one namespace, live from watches, with a text filter and kind toggles; and the
 * pods of the selected workload.
 */
public final class WorkloadsViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkloadsViewModel.class);
    private final Executor ui;
    private long shownAt;

    private final WorkloadRows rows = new WorkloadRows();
    private final ObservableList<WorkloadItem> items = rows.items;
    private final FilteredList<WorkloadItem> visibleItems = new FilteredList<>(items);
    private final FilteredList<PodSummary> podsOfSelected = new FilteredList<>(rows.pods, p -> false);
    /** The workload whose selector {@link #podsOfSelected} filters by (null: none, no pods). */
    private Workload podsFilteredFor;
    private final StringProperty filter = new SimpleStringProperty("");
    private final Map<WorkloadKind, BooleanProperty> kindShown = new EnumMap<>(WorkloadKind.class);
    private final ObjectProperty<WorkloadItem> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ListState> state = new ReadOnlyObjectWrapper<>(ListState.EMPTY);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper namespace = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    /** The shown namespace's turn: its watches; showing another namespace (or a Refresh) ends it. */
    private final TaskSlot slot = new TaskSlot();
    private final ReadOnlyStringWrapper stale = new ReadOnlyStringWrapper("");
    private ClusterSession shownSession;
    private final javafx.collections.ObservableMap<String, List<dev.ponte.core.run.BridgeState>> bridges =
            FXCollections.observableHashMap();

    public WorkloadsViewModel(Executor ui) {
        this.ui = ui;
        for (WorkloadKind k : WorkloadKind.values()) {
            BooleanProperty shown = new SimpleBooleanProperty(true);
            shown.addListener((obs, o, n) -> refilter());
            kindShown.put(k, shown);
        }
        filter.addListener((obs, o, n) -> refilter());
        selected.addListener((obs, o, n) -> refilterPods());
    }

    /** Shows the workloads of {@code ns} through {@code session}; null for either clears the table. */
    public void show(ClusterSession session, String ns) {
        stop();
        namespace.set(ns == null ? "" : ns);
        shownSession = session;
        if (session == null || ns == null) {
            state.set(ListState.EMPTY);
            return;
        }
        state.set(ListState.LOADING);
        shownAt = System.nanoTime();
        TaskSlot.Turn turn = slot.next();
        EventBatcher<Change<Workload>> workloadEvents = new EventBatcher<>(ui, turn.feed(this::applyWorkloads));
        Subscription w = session.watchWorkloads(ns, listener(turn, workloadEvents::add,
                () -> watchPods(turn, session, ns)));
        turn.onEnd(w::close);
    }

    /**
     * The pods pane shows only the selected workload's pods, so their list (in a namespace, often five times the
     * workloads) waits until the table's is in rather than share the API server, the network and the cores with it.
     */
    private void watchPods(TaskSlot.Turn turn, ClusterSession session, String ns) {
        EventBatcher<Change<PodSummary>> podEvents = new EventBatcher<>(ui, turn.feed(rows::applyPods));
        Subscription p = session.watchPods(ns, listener(turn, podEvents::add, null));
        turn.onEnd(p::close);
    }

    /** Lists the shown namespace's workloads again from scratch (the stale banner's Refresh). */
    public void refresh() {
        show(shownSession, namespace.get().isEmpty() ? null : namespace.get());
    }

    /** @param listed for the workloads' watch, what follows its initial list (on the UI thread); null for the pods' */
    private <T> StreamListener<T> listener(TaskSlot.Turn turn, Consumer<Change<T>> sink, Runnable listed) {
        boolean main = listed != null;
        return new StreamListener<>() {
            @Override
            public void onChange(Change<T> change) {
                sink.accept(change);
            }

            @Override
            public void onSynced() {
                if (main) {
                    // Queued behind the batches already posted, so the rows are in when this runs.
                    ui.execute(turn.guard(() -> {
                        updateState();
                        listed.run();
                        // Read by scripts/screenshot and the benchmark; keep the wording.
                        LOG.info("workloads of {} listed: {} in {} ms", namespace.get(), items.size(),
                                (System.nanoTime() - shownAt) / 1_000_000);
                    }));
                }
            }

            @Override
            public void onError(Throwable error) {
                if (main) {
                    ui.execute(turn.guard(() -> {
                        problem.set(ErrorAdvice.explain(error, "namespace " + namespace.get()));
                        state.set(ListState.ERROR);
                    }));
                }
            }

            @Override
            public void onStale(java.time.Instant since, Throwable cause) {
                if (main) {
                    ui.execute(turn.guard(() -> stale.set(Staleness.message("Workloads", since, cause,
                            "the API server"))));
                }
            }

            @Override
            public void onCurrent() {
                if (main) {
                    ui.execute(turn.guard(() -> stale.set("")));
                }
            }
        };
    }

    private void applyWorkloads(List<Change<Workload>> batch) {
        if (rows.applyWorkloads(batch).contains(selected.get())) {
            selected.set(null);
        }
        refilterPods();
        // Rows show as soon as they arrive; only "empty" has to wait for the end of the initial list.
        if (state.get() != ListState.LOADING || !items.isEmpty()) {
            updateState();
        }
    }

    private void updateState() {
        problem.set(null);
        state.set(items.isEmpty() ? ListState.EMPTY : ListState.DATA);
        summary.set(items.size() + " workloads · " + rows.ready() + " ready");
    }

    private void refilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        Predicate<WorkloadItem> p = i -> kindShown.get(i.get().kind()).get()
                && (f.isEmpty() || i.get().name().toLowerCase(Locale.ROOT).contains(f)
                || i.get().images().stream().anyMatch(img -> img.toLowerCase(Locale.ROOT).contains(f)));
        visibleItems.setPredicate(p);
    }

    /** Filters the pods again when the selection or the selected workload changed (not on every batch: O(pods)). */
    private void refilterPods() {
        WorkloadItem sel = selected.get();
        Workload w = sel == null ? null : sel.get();
        if (w != podsFilteredFor) {
            podsFilteredFor = w;
            podsOfSelected.setPredicate(w == null ? p -> false : p -> w.selects(p.labels()));
        }
    }

    /** Stops the watches (context or namespace switch, exit); what they still deliver is dropped. */
    public void stop() {
        slot.end();
        stale.set("");
        rows.clear();
        selected.set(null);
        problem.set(null);
        summary.set("");
    }

    /** This machine's bridges, shown on the rows of the workloads they serve. Call on the UI thread. */
    public void showBridges(List<dev.ponte.core.run.BridgeState> states) {
        Map<String, List<dev.ponte.core.run.BridgeState>> next = new HashMap<>();
        for (dev.ponte.core.run.BridgeState s : states) {
            if (s.mount() == null || s.mount().target() == null || !s.mount().target().contains("/")) {
                continue;
            }
            String kindWord = s.mount().target().substring(0, s.mount().target().indexOf('/')).toLowerCase(java.util.Locale.ROOT);
            WorkloadKind kind = switch (kindWord) {
                case "deployment", "deploy", "deployments" -> WorkloadKind.DEPLOYMENT;
                case "statefulset", "sts", "statefulsets" -> WorkloadKind.STATEFUL_SET;
                default -> null;
            };
            if (kind != null) {
                next.computeIfAbsent(bridgeKey(s.mount().targetNamespace(), kind, s.mount().workloadName()),
                        k -> new ArrayList<>()).add(s);
            }
        }
        bridges.keySet().retainAll(next.keySet());
        bridges.putAll(next);
    }

    private static String bridgeKey(String ns, WorkloadKind kind, String name) {
        return ns + "/" + kind.name() + "/" + name;
    }

    /** The workload a Gefyra shadow copy ({@code <name>-gefyra}, shared/gefyra-protocol.md 7.2) stands in for, or null. */
    public static String shadowOf(dev.ponte.core.model.Workload w) {
        return w.name().endsWith("-gefyra") && w.name().length() > "-gefyra".length()
                ? w.name().substring(0, w.name().length() - "-gefyra".length()) : null;
    }

    /** The bridges on one workload row (empty when none). */
    public List<dev.ponte.core.run.BridgeState> bridgesOf(dev.ponte.core.model.Workload w) {
        return bridges.getOrDefault(bridgeKey(w.namespace(), w.kind(), w.name()), List.of());
    }

    public javafx.collections.ObservableMap<String, List<dev.ponte.core.run.BridgeState>> bridges() {
        return bridges;
    }

    public FilteredList<WorkloadItem> visibleItems() {
        return visibleItems;
    }

    public ObservableList<WorkloadItem> items() {
        return items;
    }

    public FilteredList<PodSummary> podsOfSelected() {
        return podsOfSelected;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty kindShownProperty(WorkloadKind kind) {
        return kindShown.get(kind);
    }

    public ObjectProperty<WorkloadItem> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<ListState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty namespaceProperty() {
        return namespace.getReadOnlyProperty();
    }

    /** "Workloads may be out of date since …" while the watch cannot be trusted; empty otherwise. */
    public ReadOnlyStringProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
