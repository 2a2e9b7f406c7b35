package dev.ponte.ui.run;

import dev.ponte.core.run.RunBackend;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine.Image;
import dev.ponte.core.port.ContainerEngine.Mount;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.ImageReference;
import dev.ponte.core.run.RunInput;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.common.TaskSlot;
import dev.ponte.ui.connection.StepItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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

/**
 * The Run dialog: upstream's {@code gefyra run} options as a form with live validation, prefilled
 * from a workload when opened from its row. The form keeps every value after a failure.
 */
public final class RunDialogViewModel {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One editable env row. */
    public static final class EnvRow {
        public final StringProperty key = new SimpleStringProperty("");
        public final StringProperty value = new SimpleStringProperty("");

        public EnvRow(String key, String value) {
            this.key.set(key);
            this.value.set(value);
        }
    }

    /**
     * One published port: host port → container port, on 127.0.0.1 unless the user chose all interfaces (then
     * anyone who can reach this machine can connect, see {@link PortExposure}).
     */
    public static final class PortRow {
        public final StringProperty hostPort = new SimpleStringProperty("");
        public final StringProperty containerPort = new SimpleStringProperty("");
        public final BooleanProperty allInterfaces = new SimpleBooleanProperty(false);

        public PortRow(String host, String container) {
            hostPort.set(host);
            containerPort.set(container);
        }
    }

    /** One bind mount: local folder → container path. */
    public static final class MountRow {
        public final StringProperty source = new SimpleStringProperty("");
        public final StringProperty target = new SimpleStringProperty("");
        public final BooleanProperty readOnly = new SimpleBooleanProperty(false);

        public MountRow(String source, String target, boolean readOnly) {
            this.source.set(source);
            this.target.set(target);
            this.readOnly.set(readOnly);
        }
    }

    /** A workload container whose environment may be copied. */
    public record EnvSource(String namespace, WorkloadKind kind, String workload, String container) {
        @Override
        public String toString() {
            return kind.shortName() + " " + workload + " / " + container;
        }
    }

    private final RunBackend backend;
    private final TaskRunner tasks;
    private final Executor ui;
    private final Connection connection;
    private final Set<String> takenNames;

    public final StringProperty image = new SimpleStringProperty("");
    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty command = new SimpleStringProperty("");
    public final StringProperty namespace = new SimpleStringProperty("default");
    public final ObjectProperty<EnvSource> envFrom = new SimpleObjectProperty<>();
    public final BooleanProperty resourcesFromWorkload = new SimpleBooleanProperty(false);
    public final BooleanProperty autoRemove = new SimpleBooleanProperty(false);
    private final ObservableList<EnvRow> env = FXCollections.observableArrayList();
    private final ObservableList<PortRow> ports = FXCollections.observableArrayList(r -> new javafx.beans.Observable[] {r.allInterfaces});
    private final ObservableList<MountRow> mounts = FXCollections.observableArrayList();
    private final ObservableList<String> imageChoices = FXCollections.observableArrayList();
    private final ObservableList<EnvSource> envSources = FXCollections.observableArrayList();
    private final ObservableList<StepItem> steps = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final StringBinding imageError;
    private final StringBinding nameError;
    private final StringBinding formError;
    private final StringBinding portRisk;
    private final BooleanBinding canRun;
    private long nanoCpus;
    private long memoryBytes;
    private TaskRunner.TaskHandle task;
    /** The image list and the workload read: a newer one of each supersedes the older. */
    private final TaskSlot imageLookup;
    private final TaskSlot workloadLookup;

    /**
     * @param takenNames names of containers that exist already (the dialog says so before the engine does)
     */
    public RunDialogViewModel(RunBackend backend, TaskRunner tasks, Executor ui, Connection connection, Set<String> takenNames) {
        this.backend = backend;
        this.tasks = tasks;
        this.imageLookup = new TaskSlot(tasks);
        this.workloadLookup = new TaskSlot(tasks);
        this.ui = ui;
        this.connection = connection;
        this.takenNames = Set.copyOf(takenNames);
        imageError = Bindings.createStringBinding(() -> {
            String i = image.get().strip();
            return i.isEmpty() ? "Choose or type an image." : ImageReference.validate(i);
        }, image);
        nameError = Bindings.createStringBinding(() -> {
            String n = name.get().strip();
            String error = RunInput.nameError(n);
            return error == null && this.takenNames.contains(n) ? "A container named " + n + " exists already." : error;
        }, name);
        formError = Bindings.createStringBinding(this::validateRows, env, ports, mounts, namespace, command);
        portRisk = Bindings.createStringBinding(() -> PortExposure.risk(ports, envFrom.get()), ports, envFrom);
        canRun = Bindings.createBooleanBinding(() -> imageError.get() == null && nameError.get() == null
                && formError.get() == null && !running.get() && connection != null, imageError, nameError, formError, running);
    }

    /** Loads the engine's images (and the workload's) for the image box, in the background. */
    public void loadImages() {
        imageLookup.look("Listing local images", (p, c) -> backend.images(), images -> {
            List<String> names = new ArrayList<>(imageChoices);
            for (Image i : images) {
                for (String t : i.tags()) {
                    if (!names.contains(t)) {
                        names.add(t);
                    }
                }
            }
            imageChoices.setAll(names);
        }, error -> note.set("Could not list local images: " + ErrorAdvice.explain(error, "the container engine").detail()));
    }

    /** Prefills the form from a workload ("Run locally like this…"): image, env-from, ports, resources. */
    public void prefillFrom(String ns, WorkloadKind kind, String workload) {
        namespace.set(ns);
        if (name.get().isBlank()) {
            name.set(uniqueName(workload + "-local"));
        }
        workloadLookup.look("Reading " + workload, (p, c) -> backend.describe(connection, ns, kind, workload), this::apply,
                error -> note.set("Could not read " + workload + ": " + ErrorAdvice.explain(error, "the cluster").detail()
                        + " Fill the form by hand."));
    }

    private void apply(WorkloadDetail detail) {
        envSources.setAll(detail.containers().stream()
                .map(c -> new EnvSource(detail.namespace(), detail.kind(), detail.name(), c.name())).toList());
        if (detail.containers().isEmpty()) {
            return;
        }
        ContainerDetail first = detail.containers().getFirst();
        detail.containers().forEach(c -> {
            if (!imageChoices.contains(c.image())) {
                imageChoices.addFirst(c.image());
            }
        });
        if (image.get().isBlank()) {
            image.set(first.image());
        }
        if (envFrom.get() == null) {
            envFrom.set(envSources.getFirst());
        }
        if (ports.isEmpty()) {
            first.ports().forEach(p -> ports.add(new PortRow(String.valueOf(p.port()), String.valueOf(p.port()))));
        }
        nanoCpus = first.cpuNanos();
        memoryBytes = first.memoryBytes();
        resourcesFromWorkload.set(nanoCpus > 0 || memoryBytes > 0);
        note.set(detail.readyPods() == 0 && envFrom.get() != null
                ? detail.name() + " has no ready pod: its environment will be read from the pod template." : "");
    }

    private String uniqueName(String base) {
        String n = base;
        for (int i = 2; takenNames.contains(n); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    /** The CPU/memory limits copied from the workload, in words, or empty. */
    public String resourcesText() {
        List<String> parts = new ArrayList<>();
        if (nanoCpus > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "%.2f CPU", nanoCpus / 1e9));
        }
        if (memoryBytes > 0) {
            parts.add(memoryBytes / (1024 * 1024) + " MiB");
        }
        return String.join(", ", parts);
    }

    /** The first problem of the namespace, the command and the rows (blank rows do not count), or null. */
    private String validateRows() {
        String error = RunInput.namespaceError(namespace.get());
        if (error == null) {
            error = RunInput.commandError(command.get());
        }
        Set<String> keys = new java.util.HashSet<>();
        for (EnvRow r : env) {
            String k = r.key.get().strip();
            if (error != null || k.isEmpty() && r.value.get().isEmpty()) {
                continue;
            }
            error = RunInput.envError(k, r.value.get());
            if (error == null && !keys.add(k)) {
                error = "Environment variable " + RunInput.shorten(k) + " is set twice.";
            }
        }
        Set<Integer> hostPorts = new java.util.HashSet<>();
        for (PortRow r : ports) {
            if (error != null || r.hostPort.get().isBlank() && r.containerPort.get().isBlank()) {
                continue;
            }
            Integer host = RunInput.port(r.hostPort.get());
            Integer container = RunInput.port(r.containerPort.get());
            if (host == null || container == null) {
                error = "Ports must be numbers from 1 to 65535 (" + RunInput.shorten(r.hostPort.get()) + " → "
                        + RunInput.shorten(r.containerPort.get()) + ").";
            } else if (!hostPorts.add(host)) {
                error = "Host port " + host + " is published twice.";
            }
        }
        for (MountRow m : mounts) {
            if (error == null && !(m.source.get().isBlank() && m.target.get().isBlank())) {
                error = RunInput.mountError(m.source.get(), m.target.get());
            }
        }
        return error;
    }

    /** The request the form describes (valid form assumed). */
    RunRequest request() {
        Map<String, String> vars = new LinkedHashMap<>();
        env.stream().filter(r -> !r.key.get().isBlank()).forEach(r -> vars.put(r.key.get().strip(), r.value.get()));
        List<PortBinding> bindings = ports.stream().filter(r -> !r.hostPort.get().isBlank())
                .map(r -> new PortBinding(PortExposure.hostIp(r), RunInput.port(r.hostPort.get()), RunInput.port(r.containerPort.get()), "tcp")).toList();
        List<Mount> binds = mounts.stream().filter(m -> !m.source.get().isBlank())
                .map(m -> new Mount(m.source.get(), m.target.get(), m.readOnly.get())).toList();
        EnvSource from = envFrom.get();
        return new RunRequest(connection, name.get().strip(), image.get().strip(), RunInput.splitCommand(command.get()),
                namespace.get().strip(), vars,
                from == null ? null : new RunRequest.EnvFrom(from.namespace(), from.kind(), from.workload(), from.container()),
                binds, bindings, autoRemove.get(), resourcesFromWorkload.get() ? nanoCpus : 0,
                resourcesFromWorkload.get() ? memoryBytes : 0, TIMEOUT);
    }

    /** Starts the container; the form stays filled whatever happens. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        RunRequest request = request();
        problem.set(null);
        result.set(null);
        steps.clear();
        running.set(true);
        task = tasks.run("Running " + request.name() + " in " + connection.name(),
                backend.run(request, e -> ui.execute(() -> StepItem.apply(steps, e))), r -> {
                    running.set(false);
                    result.set(r);
                }, error -> {
                    running.set(false);
                    problem.set(explain(error));
                });
    }

    /**
     * What a failed Run shows. The engine's failures carry their own words; what is left (the API server while the
     * environment is copied) is the cluster's. Run does not retry by itself: the advice says so.
     */
    public static Problem explain(Throwable error) {
        return error instanceof CancellationException
                ? new Problem(Problem.Kind.CANCELLED, "Run cancelled", "Nothing was left behind.", "Run again when ready.")
                : ErrorAdvice.explainOperation(error, "the cluster",
                "Ponte removed the container this attempt started; press Run to try again (the form keeps what you typed)");
    }

    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    public void addEnv() {
        env.add(new EnvRow("", ""));
    }

    public void addPort() {
        ports.add(new PortRow("", ""));
    }

    public void addMount(String folder) {
        mounts.add(new MountRow(folder, "/app", false));
    }

    public ObservableList<EnvRow> env() {
        return env;
    }

    public ObservableList<PortRow> ports() {
        return ports;
    }

    public ObservableList<MountRow> mounts() {
        return mounts;
    }

    public ObservableList<String> imageChoices() {
        return imageChoices;
    }

    public ObservableList<EnvSource> envSources() {
        return envSources;
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    public StringBinding imageErrorProperty() {
        return imageError;
    }

    public StringBinding nameErrorProperty() {
        return nameError;
    }

    /** Why the ports chosen for all interfaces are a risk; empty when every port is on 127.0.0.1. */
    public StringBinding portRiskProperty() {
        return portRisk;
    }

    public StringBinding formErrorProperty() {
        return formError;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public Connection connection() {
        return connection;
    }
}
