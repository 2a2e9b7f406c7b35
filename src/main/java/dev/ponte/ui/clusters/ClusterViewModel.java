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
import dev.ponte.ui.common.TaskRunner;
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

    /** Bumped on every context switch; callbacks of an older generation are ignored. */
    private int generation;
    private int attempt;
    private TaskRunner.TaskHandle probe;
    private Subscription retryTimer;
    private Subscription namespaceWatch;
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

    /** Switches to another context (or none): closes the old session, opens and probes the new one. */
    public void show(ContextItemViewModel item) {
        stop();
        generation++;
        attempt = 0;
        context.set(item);
        if (item != null) {
            connect(generation);
        }
    }

    /** Tries the current context again now, skipping the back-off wait. */
    public void retryNow() {
        ContextItemViewModel item = context.get();
        if (item != null) {
            show(item);
        }
    }

    private void connect(int gen) {
        ContextItemViewModel item = context.get();
        item.stateProperty().set(ContextState.CHECKING);
        item.stateDetailProperty().set("Connecting…");
        retryMessage.set("");
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        TaskRunner.TaskHandle handle = tasks.run("Connecting to " + item.name(), (progress, cancel) -> {
            progress.step("Opening " + item.name(), 1, 2);
            ClusterSession s = connector.open(item.context());
            cancel.onCancel(() -> {
                if (!finished.get()) {
                    s.close();
                }
            });
            try {
                progress.step("Asking the API server for its version", 2, 2);
                return new Opened(s, s.serverVersion());
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }, opened -> {
            finished.set(true);
            if (gen != generation) {
                opened.session().close();
                return;
            }
            onConnected(item, opened);
        }, error -> {
            finished.set(true);
            if (gen == generation) {
                onFailed(item, error, gen);
            }
        });
        if (!finished.get()) {
            probe = handle;
        }
    }

    private record Opened(ClusterSession session, String version) {
    }

    private void onConnected(ContextItemViewModel item, Opened opened) {
        probe = null;
        attempt = 0;
        problem.set(null);
        item.stateProperty().set(ContextState.REACHABLE);
        item.serverVersionProperty().set(opened.version());
        item.stateDetailProperty().set("Reachable · " + opened.version());
        LOG.info("Context {} reachable, Kubernetes {}", item.name(), opened.version());
        session.set(opened.session());
        watchNamespaces(item, opened.session(), generation);
    }

    private void onFailed(ContextItemViewModel item, Throwable error, int gen) {
        probe = null;
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
            retryTimer = scheduler.schedule(wait, () -> ui.execute(() -> {
                if (gen == generation) {
                    connect(gen);
                }
            }));
        } else {
            item.stateProperty().set(ContextState.NO_ACCESS);
            item.stateDetailProperty().set(p.title());
            retryMessage.set("");
        }
    }

    private void watchNamespaces(ContextItemViewModel item, ClusterSession s, int gen) {
        namespaces.clear();
        EventBatcher<Change<String>> batcher = new EventBatcher<>(ui, batch -> {
            if (gen == generation) {
                applyNamespaces(batch);
            }
        });
        namespaceWatch = s.watchNamespaces(new StreamListener<>() {
            @Override
            public void onChange(Change<String> change) {
                batcher.add(change);
            }

            @Override
            public void onSynced() {
                ui.execute(() -> {
                    if (gen == generation) {
                        pickNamespace(item);
                    }
                });
            }

            @Override
            public void onError(Throwable error) {
                ui.execute(() -> {
                    if (gen == generation) {
                        onNamespacesFailed(item, error);
                    }
                });
            }
        });
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

    private void onNamespacesFailed(ContextItemViewModel item, Throwable error) {
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
            ClusterSession s = session.get();
            session.set(null);
            if (s != null) {
                s.close();
            }
            onFailed(item, error, generation);
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

    /** Closes the session and all watches; used on context switch and on exit. */
    public void stop() {
        if (probe != null) {
            probe.cancel();
            probe = null;
        }
        if (retryTimer != null) {
            retryTimer.close();
            retryTimer = null;
        }
        if (namespaceWatch != null) {
            namespaceWatch.close();
            namespaceWatch = null;
        }
        ClusterSession s = session.get();
        session.set(null);
        if (s != null) {
            s.close();
        }
        namespaces.clear();
        selectedNamespace.set(null);
        namespaceNotice.set("");
        namespacesForbidden.set(false);
        problem.set(null);
        retryMessage.set("");
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
