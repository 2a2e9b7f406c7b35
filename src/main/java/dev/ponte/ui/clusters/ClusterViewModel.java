package dev.ponte.ui.clusters;

import dev.ponte.core.model.Change;
import dev.ponte.core.model.ContextState;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Backoff;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.EventBatcher;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Staleness;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.common.TaskSlot;
import dev.ponte.ui.common.UiSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selected context's live session: reachability (probed, retried with back-off) and its
 * namespaces (watched, filtered; a typed namespace when listing is forbidden).
 */
public final class ClusterViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterViewModel.class);

    private final ClusterConnector connector;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final Executor ui;
    private final UiSettings settings;
    private final Backoff backoff;

    private final ReadOnlyObjectWrapper<ContextItemViewModel> context = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ClusterSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper retryMessage = new ReadOnlyStringWrapper("");
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final FilteredList<String> filteredNamespaces = new FilteredList<>(namespaces);
    private final StringProperty namespaceFilter = new SimpleStringProperty("");
    private final StringProperty selectedNamespace = new SimpleStringProperty();
    private final ReadOnlyStringWrapper namespaceNotice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper namespacesForbidden = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper namespacesStale = new ReadOnlyStringWrapper("");

    /** The selected context's turn: its probe, retries, session and namespace watch; a switch ends it. */
    private final TaskSlot slot;
    private int attempt;
    private final NamespaceFavourites favourites;
    /** The filtered namespaces as the list shows them: favourites (★) first. */
    private final javafx.collections.transformation.SortedList<String> shownNamespaces =
            new javafx.collections.transformation.SortedList<>(filteredNamespaces);

    public ClusterViewModel(ClusterConnector connector, TaskRunner tasks, Scheduler scheduler, Executor ui,
                            UiSettings settings, Backoff backoff) {
        this.connector = connector;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.ui = ui;
        this.settings = settings;
        this.backoff = backoff;
        this.slot = new TaskSlot(tasks);
        this.favourites = new NamespaceFavourites(settings);
        shownNamespaces.comparatorProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> favourites.order(context.get() == null ? null : context.get().name()), context, favourites.revisionProperty()));
        namespaceFilter.addListener((obs, old, now) -> {
            String f = now == null ? "" : now.strip().toLowerCase(Locale.ROOT);
            filteredNamespaces.setPredicate(f.isEmpty() ? null : ns -> ns.toLowerCase(Locale.ROOT).contains(f));
        });
        selectedNamespace.addListener((obs, old, now) -> {
            if (now != null && context.get() != null) {
                if (settings.lastNamespace == null) {
                    settings.lastNamespace = new java.util.LinkedHashMap<>();
                }
                settings.lastNamespace.put(context.get().name(), now);
            }
        });
    }

    /**
     * Switches to another context (or none): ends the old context's turn (its probe is cancelled and whatever it
     * still delivers is dropped; its session and watch are closed in the background), opens and probes the new one.
     */
    public void show(ContextItemViewModel item) {
        stop();
        attempt = 0;
        context.set(item);
        if (item != null) {
            connect(slot.next(), item);
        }
    }

    /** Tries the current context again now, skipping the back-off wait; also the namespaces' Refresh. */
    public void retryNow() {
        ContextItemViewModel item = context.get();
        if (item != null) {
            show(item);
        }
    }

    private void connect(TaskSlot.Turn turn, ContextItemViewModel item) {
        item.stateProperty().set(ContextState.CHECKING);
        item.stateDetailProperty().set("Connecting…");
        retryMessage.set("");
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        turn.run("Connecting to " + item.name(), (progress, cancel) -> {
            progress.step("Opening " + item.name(), 1, 2);
            ClusterSession s = connector.open(item.context());
            cancel.onCancel(() -> {
                if (finished.compareAndSet(false, true)) {
                    closeLater(s); // ends a request that hangs; never on the caller's (UI) thread
                }
            });
            try {
                progress.step("Asking the API server for its version", 2, 2);
                return new Opened(s, s.serverVersion());
            } catch (RuntimeException e) {
                if (finished.compareAndSet(false, true)) {
                    s.close();
                }
                throw e;
            }
        }, opened -> {
            finished.set(true);
            onConnected(turn, item, opened);
        }, error -> onFailed(turn, item, error), opened -> {
            if (finished.compareAndSet(false, true)) {
                closeLater(opened.session());
            }
        });
    }

    /** Closes a session off the UI thread (the client's shutdown and its private kubeconfig file are I/O). */
    private void closeLater(ClusterSession s) {
        tasks.runQuietly("Closing a cluster session", (p, c) -> {
            s.close();
            return Boolean.TRUE;
        }, done -> { }, error -> LOG.debug("Closing a cluster session: {}", error.toString()));
    }

    private record Opened(ClusterSession session, String version) {
    }

    private void onConnected(TaskSlot.Turn turn, ContextItemViewModel item, Opened opened) {
        attempt = 0;
        problem.set(null);
        item.stateProperty().set(ContextState.REACHABLE);
        item.serverVersionProperty().set(opened.version());
        item.stateDetailProperty().set("Reachable · " + opened.version());
        LOG.info("Context {} reachable, Kubernetes {}", item.name(), opened.version());
        session.set(opened.session());
        turn.onEnd(() -> {
            if (session.get() == opened.session()) {
                session.set(null);
            }
            closeLater(opened.session());
        });
        watchNamespaces(turn, item, opened.session());
    }

    private void onFailed(TaskSlot.Turn turn, ContextItemViewModel item, Throwable error) {
        Problem p = ErrorAdvice.explain(error, "the API server of " + item.name());
        if (p.kind() == Problem.Kind.CANCELLED) {
            item.stateProperty().set(ContextState.UNKNOWN);
            item.stateDetailProperty().set("Cancelled");
            problem.set(p);
            return;
        }
        problem.set(p);
        LOG.warn("Context {}: {} — {}", item.name(), p.title(), p.detail());
        if (p.retryable()) {
            attempt++;
            Duration wait = backoff.delay(attempt);
            item.stateProperty().set(ContextState.UNREACHABLE);
            String msg = "Retrying in " + wait.toSeconds() + " s (attempt " + attempt + ")";
            item.stateDetailProperty().set(p.detail() + " " + msg);
            retryMessage.set(msg);
            Subscription timer = scheduler.schedule(wait, () -> ui.execute(turn.guard(() -> connect(turn, item))));
            turn.onEnd(timer::close);
        } else {
            item.stateProperty().set(ContextState.NO_ACCESS);
            item.stateDetailProperty().set(p.title());
            retryMessage.set("");
        }
    }

    private void watchNamespaces(TaskSlot.Turn turn, ContextItemViewModel item, ClusterSession s) {
        namespaces.clear();
        namespacesStale.set("");
        EventBatcher<Change<String>> batcher = new EventBatcher<>(ui, turn.feed(this::applyNamespaces));
        Subscription watch = s.watchNamespaces(new StreamListener<>() {
            @Override
            public void onChange(Change<String> change) {
                batcher.add(change);
            }

            @Override
            public void onSynced() {
                ui.execute(turn.guard(() -> pickNamespace(item)));
            }

            @Override
            public void onError(Throwable error) {
                ui.execute(turn.guard(() -> onNamespacesFailed(turn, item, error)));
            }

            @Override
            public void onStale(java.time.Instant since, Throwable cause) {
                ui.execute(turn.guard(() -> namespacesStale.set(Staleness.message("Namespaces", since, cause,
                        "the API server of " + item.name()))));
            }

            @Override
            public void onCurrent() {
                ui.execute(turn.guard(() -> namespacesStale.set("")));
            }
        });
        turn.onEnd(watch::close);
    }

    private void applyNamespaces(List<Change<String>> batch) {
        java.util.TreeSet<String> set = new java.util.TreeSet<>(namespaces);
        for (Change<String> c : batch) {
            if (c.type() == Change.Type.DELETED) {
                set.remove(c.item());
            } else {
                set.add(c.item());
            }
        }
        String keep = selectedNamespace.get();
        namespaces.setAll(set);
        if (keep != null && !set.contains(keep) && !namespacesForbidden.get()) {
            selectedNamespace.set(null);
        }
    }

    private void pickNamespace(ContextItemViewModel item) {
        String remembered = rememberedNamespace(item.name());
        String own = item.context().defaultNamespace();
        for (String candidate : new String[] {selectedNamespace.get(), remembered, own, "default"}) {
            if (candidate != null && namespaces.contains(candidate)) {
                selectedNamespace.set(candidate);
                return;
            }
        }
        selectedNamespace.set(namespaces.isEmpty() ? null : namespaces.getFirst());
    }

    /** The namespace last used in this context, if the settings hold a usable one. */
    private String rememberedNamespace(String contextName) {
        Map<String, String> last = settings.lastNamespace;
        String ns = last == null ? null : last.get(contextName);
        return ns == null || ns.isBlank() ? null : ns;
    }

    private void onNamespacesFailed(TaskSlot.Turn turn, ContextItemViewModel item, Throwable error) {
        Problem p = ErrorAdvice.explain(error, "the API server of " + item.name());
        LOG.warn("Listing namespaces of {} failed: {} — {}", item.name(), p.title(), p.detail());
        if (p.kind() == Problem.Kind.FORBIDDEN || p.kind() == Problem.Kind.UNAUTHORIZED) {
            String remembered = rememberedNamespace(item.name());
            String own = item.context().defaultNamespace();
            String fallback = remembered != null ? remembered : own != null && !own.isBlank() ? own : "default";
            namespacesForbidden.set(true);
            namespaceNotice.set("You may not list namespaces on this cluster (" + statusWord(p) + "). Showing '"
                    + fallback + "' from your kubeconfig; type another namespace below to switch.");
            namespaces.setAll(fallback);
            selectedNamespace.set(fallback);
        } else {
            // The session is no good: a new turn (the old one's session and watch close) that starts with the retry.
            stopShowing();
            TaskSlot.Turn next = slot.next();
            onFailed(next, item, error);
        }
    }

    private static String statusWord(Problem p) {
        return p.kind() == Problem.Kind.FORBIDDEN ? "403 Forbidden" : "401 Unauthorized";
    }

    /** The user typed a namespace (when listing is forbidden, or to jump to one). */
    public void useNamespace(String typed) {
        String ns = typed == null ? "" : typed.strip();
        if (!ns.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || ns.length() > 63) {
            namespaceNotice.set("'" + ns + "' is not a valid namespace name (lower-case letters, digits and '-', at most 63).");
            return;
        }
        if (!namespaces.contains(ns)) {
            namespaces.add(ns);
        }
        selectedNamespace.set(ns);
    }

    /** Ends the context's turn: cancels its probe, closes its session and watches (in the background). Context switch and exit. */
    public void stop() {
        slot.end();
        stopShowing();
        problem.set(null);
        retryMessage.set("");
    }

    private void stopShowing() {
        session.set(null);
        namespaces.clear();
        selectedNamespace.set(null);
        namespaceNotice.set("");
        namespacesStale.set("");
        namespacesForbidden.set(false);
    }

    /**
     * "Namespaces may be out of date: the API server has not answered since 14:02:31 (…)" while the namespace watch
     * cannot be trusted; empty otherwise. The view offers Refresh ({@link #retryNow}).
     */
    public ReadOnlyStringProperty namespacesStaleProperty() {
        return namespacesStale.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ContextItemViewModel> contextProperty() {
        return context.getReadOnlyProperty();
    }

    /** The live session, or null while connecting or failed. */
    public ReadOnlyObjectProperty<ClusterSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty retryMessageProperty() {
        return retryMessage.getReadOnlyProperty();
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    /** The namespaces as the list shows them: filtered, favourites (★) first. */
    public javafx.collections.transformation.SortedList<String> shownNamespaces() {
        return shownNamespaces;
    }

    /** Pinned namespaces, per context. */
    public NamespaceFavourites favourites() {
        return favourites;
    }

    /** Pins or unpins a namespace of the selected context. */
    public void toggleFavourite(String namespace) {
        if (context.get() != null) {
            favourites.toggle(context.get().name(), namespace);
        }
    }

    public boolean isFavourite(String namespace) {
        return context.get() != null && favourites.isFavourite(context.get().name(), namespace);
    }

    public FilteredList<String> filteredNamespaces() {
        return filteredNamespaces;
    }

    public StringProperty namespaceFilterProperty() {
        return namespaceFilter;
    }

    public StringProperty selectedNamespaceProperty() {
        return selectedNamespace;
    }

    public ReadOnlyStringProperty namespaceNoticeProperty() {
        return namespaceNotice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty namespacesForbiddenProperty() {
        return namespacesForbidden.getReadOnlyProperty();
    }
}
