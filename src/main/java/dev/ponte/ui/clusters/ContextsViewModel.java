package dev.ponte.ui.clusters;

import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.core.port.KubeconfigSource;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kubeconfig's contexts, the selected one, and what is wrong with the files. */
public final class ContextsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ContextsViewModel.class);

    private final KubeconfigSource source;
    private final TaskRunner tasks;
    private final UiSettings settings;

    private final ObservableList<ContextItemViewModel> contexts = FXCollections.observableArrayList();
    private final ObjectProperty<ContextItemViewModel> selected = new SimpleObjectProperty<>();
    private final ObservableList<KubeconfigProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper onboarding = new ReadOnlyBooleanWrapper(false);
    /** True until the first read of the kubeconfig ends (the window starts it after its first frame), and while reading. */
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper filesDescription = new ReadOnlyStringWrapper("");
    private dev.ponte.core.connections.ConnectionsSnapshot connections = dev.ponte.core.connections.ConnectionsSnapshot.EMPTY;

    public ContextsViewModel(KubeconfigSource source, TaskRunner tasks, UiSettings settings) {
        this.source = source;
        this.tasks = tasks;
        this.settings = settings;
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                settings.lastContext = now.name();
            }
        });
    }

    /** Reads the kubeconfig files again (in the background) and keeps what is still there. */
    public void reload() {
        loading.set(true);
        List<Path> extra = extraFiles();
        tasks.run("Reading kubeconfig", (progress, cancel) -> source.load(extra), this::apply, error -> {
            loading.set(false);
            LOG.warn("Reading kubeconfig failed: {}", error.toString());
            problems.setAll(new KubeconfigProblem(Path.of("kubeconfig"), "could not be read: " + error.getMessage()));
        });
    }

    /** The user picked a kubeconfig file with "Open kubeconfig file…". */
    public void addKubeconfigFile(Path file) {
        String path = file.toAbsolutePath().toString();
        if (settings.extraKubeconfigs == null) {
            settings.extraKubeconfigs = new java.util.ArrayList<>();
        }
        if (!settings.extraKubeconfigs.contains(path)) {
            settings.extraKubeconfigs.add(path);
        }
        reload();
    }

    /** The kubeconfig files opened in Ponte; entries that are no file path (null, blank, a NUL) are skipped. */
    public List<Path> extraFiles() {
        return extraFiles(settings);
    }

    /** The kubeconfig files the user opened in Ponte, as {@code settings} remembers them (usable paths only). */
    public static List<Path> extraFiles(UiSettings settings) {
        List<String> paths = settings.extraKubeconfigs;
        return paths == null ? List.of() : paths.stream().filter(UiSettings::usablePath).map(Path::of).toList();
    }

    private void apply(KubeconfigSnapshot snapshot) {
        loading.set(false);
        problems.setAll(snapshot.problems());
        filesDescription.set(String.join(", ", snapshot.files().stream().map(Path::toString).toList()));
        String keep = selected.get() == null ? null : selected.get().name();
        Map<String, ContextItemViewModel> existing = new HashMap<>();
        contexts.forEach(c -> existing.put(c.name(), c));
        List<ContextItemViewModel> items = snapshot.contexts().stream()
                .map(c -> reuse(existing.get(c.name()), c)).toList();
        contexts.setAll(items);
        showConnections(connections);
        onboarding.set(snapshot.isEmpty());
        String want = keep != null ? keep : settings.lastContext;
        ContextItemViewModel pick = find(want);
        if (pick == null) {
            pick = find(snapshot.currentContext());
        }
        if (pick == null && !items.isEmpty()) {
            pick = items.getFirst();
        }
        selected.set(pick);
    }

    private static ContextItemViewModel reuse(ContextItemViewModel old, KubeContext now) {
        return old != null && old.context().equals(now) ? old : new ContextItemViewModel(now);
    }

    /** Marks each context with its connection's state (none when it is not connected). */
    public void showConnections(dev.ponte.core.connections.ConnectionsSnapshot snapshot) {
        connections = snapshot;
        for (ContextItemViewModel c : contexts) {
            c.connectionProperty().set(snapshot.of(c.name()).map(x -> x.state())
                    .filter(st -> st != dev.ponte.core.connections.ConnectionState.NOT_CONNECTED
                            && st != dev.ponte.core.connections.ConnectionState.UNKNOWN).orElse(null));
        }
    }

    private ContextItemViewModel find(String name) {
        return name == null ? null : contexts.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    public ObservableList<ContextItemViewModel> contexts() {
        return contexts;
    }

    public ObjectProperty<ContextItemViewModel> selectedProperty() {
        return selected;
    }

    public ObservableList<KubeconfigProblem> problems() {
        return problems;
    }

    /** The problems for the clipboard: one line each, with the file's full path, credentials masked. */
    public String problemsText() {
        StringBuilder sb = new StringBuilder();
        problems.forEach(p -> sb.append(p.file()).append(": ").append(p.message()).append('\n'));
        return dev.ponte.core.task.Redactor.redact(sb.toString());
    }

    /** True when there is no kubeconfig at all: show how to get a cluster. */
    public ReadOnlyBooleanProperty onboardingProperty() {
        return onboarding.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The files read, for tooltips and diagnostics. */
    public ReadOnlyStringProperty filesDescriptionProperty() {
        return filesDescription.getReadOnlyProperty();
    }
}
