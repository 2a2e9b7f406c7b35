package dev.ponte.core.setups;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.run.BridgeState;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.LocalState;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.TaskLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved setups: "Save as setup…" on a running local container stores its run spec and its bridges with their rules
 * per context; "Start setup" re-creates all of it ({@link StartSetup}); setups can be renamed and edited, duplicated,
 * deleted, exported to a file and imported from one. Runs through this service's {@link #recording} backend are
 * remembered (without secret values) so a container can be saved later, also after a restart of Ponte.
 *
 * <p>Thread-safe; subscribers get the whole list (sorted by context, then name) on the changing thread.
 */
public final class SetupService {
    private static final Logger LOG = LoggerFactory.getLogger(SetupService.class);
    private final SetupStore store;
    private final ConnectionService connections;
    private final RunBackend runs;
    private final Function<Connection, BridgeBackend> bridges;
    private final TaskLauncher tasks;
    private final Clock clock;
    private final List<Consumer<List<Setup>>> listeners = new CopyOnWriteArrayList<>();

    /** What "Save as setup…" made, and what the user should know about it. */
    public record Saved(Setup setup, List<String> notes) {
        public Saved {
            notes = List.copyOf(notes);
        }
    }

    public SetupService(SetupStore store, ConnectionService connections, RunBackend runs,
                        Function<Connection, BridgeBackend> bridges, TaskLauncher tasks, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.runs = runs;
        this.bridges = bridges;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** {@code delegate} with every successful Run remembered for "Save as setup…" (secret values dropped). */
    public RunBackend recording(RunBackend delegate) {
        return new RecordingRuns(delegate, (conn, request) -> store.recordRun(conn.name(), spec(request)));
    }

    /** The run spec of a request, as a setup keeps it: secret-looking typed values become names to ask for. */
    static Setup.Run spec(RunRequest r) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> ask = new ArrayList<>();
        r.env().forEach((k, v) -> {
            if (SecretValues.looksSecret(k, v)) {
                ask.add(k);
            } else {
                env.put(k, v);
            }
        });
        return new Setup.Run(r.image(), r.name(), r.command(), r.namespace(), env, ask,
                r.envFrom() == null ? null : new Setup.EnvFrom(r.envFrom().namespace(), r.envFrom().kind(),
                        r.envFrom().workload(), r.envFrom().container()),
                r.mounts().stream().map(m -> new Setup.Volume(m.source(), m.target(), m.readOnly())).toList(),
                r.ports().stream().map(p -> new Setup.Port(p.hostIp(), p.hostPort(), p.containerPort(), p.protocol())).toList(),
                r.autoRemove(), r.nanoCpus(), r.memoryBytes());
    }

    public List<Setup> all() {
        return sorted(store.all());
    }

    /** The setups of one context. */
    public List<Setup> of(String context) {
        return all().stream().filter(s -> s.context().equals(context)).toList();
    }

    public Optional<Setup> get(String id) {
        return store.get(id);
    }

    /** Gets the list now and after every change. */
    public Subscription subscribe(Consumer<List<Setup>> listener) {
        listeners.add(listener);
        listener.accept(all());
        return () -> listeners.remove(listener);
    }

    /**
     * Saves {@code container} of the connection shown in {@code state}, with every bridge of this machine that points
     * at it, as a setup named {@code name} of {@code context}.
     */
    public Saved saveFrom(String context, String name, LocalState state, String container) {
        LocalContainer c = state.containers().stream().filter(x -> x.name().equals(container)).findFirst()
                .orElseThrow(() -> new PonteException(new Problem(Problem.Kind.NOT_FOUND, "No container " + container,
                        "It is not on the connection " + state.connection().name() + " any more.", "Refresh the list.")));
        List<String> notes = new ArrayList<>();
        Setup.Run run = store.recordedRun(state.connection().name(), container).filter(r -> r.image().equals(c.image()))
                .orElseGet(() -> {
                    notes.add("Ponte did not start " + container + " (or started it before it kept run specs): its "
                            + "environment, env-from and folders are not known. Edit the setup to add them.");
                    return new Setup.Run(c.image(), c.name(), List.of(), c.namespace() == null ? "default" : c.namespace(),
                            Map.of(), List.of(), null, List.of(), c.ports().stream().map(p -> new Setup.Port(
                                    p.hostIp() == null || p.hostIp().isEmpty() ? "127.0.0.1" : p.hostIp(), p.hostPort(),
                                    p.containerPort(), p.protocol() == null ? "tcp" : p.protocol())).toList(),
                            false, 0, 0);
                });
        if (!run.askAtStart().isEmpty()) {
            notes.add(String.join(", ", run.askAtStart()) + (run.askAtStart().size() == 1 ? " looks" : " look")
                    + " like a secret: not stored; Start setup asks for " + (run.askAtStart().size() == 1 ? "it." : "them."));
        }
        if (run.envFrom() != null) {
            notes.add("The environment copied from " + run.envFrom().workload() + " is not stored; Start setup copies it again.");
        }
        List<Setup.BridgeSpec> specs = new ArrayList<>();
        for (BridgeState b : state.bridgesOf(container)) {
            bridge(b).ifPresentOrElse(specs::add, () -> notes.add("The bridge " + b.bridge().name()
                    + " was left out: its mount is not known yet."));
        }
        Setup setup = new Setup(UUID.randomUUID().toString(), unique(context, name), context, run, specs, clock.instant());
        store.put(setup);
        LOG.info("Saved setup '{}' of {}: {} with {} bridge(s)", setup.name(), context, container, specs.size());
        publish();
        return new Saved(setup, notes);
    }

    private static Optional<Setup.BridgeSpec> bridge(BridgeState s) {
        BridgeMount m = s.mount();
        if (m == null) {
            return Optional.empty();
        }
        String kindWord = m.target().contains("/") ? m.target().substring(0, m.target().indexOf('/')) : "deployment";
        WorkloadKind kind = switch (kindWord.toLowerCase(Locale.ROOT)) {
            case "statefulset" -> WorkloadKind.STATEFUL_SET;
            default -> WorkloadKind.DEPLOYMENT;
        };
        List<PortMapping> ports = new ArrayList<>();
        for (String wire : s.bridge().portMappings()) { // upstream's "<local>:<remote>"
            String[] p = wire.split(":");
            if (p.length == 2) {
                try {
                    ports.add(new PortMapping(Integer.parseInt(p[1].trim()), Integer.parseInt(p[0].trim())));
                } catch (NumberFormatException e) {
                    LOG.debug("Port mapping {} of {} skipped", wire, s.bridge().name());
                }
            }
        }
        return Optional.of(new Setup.BridgeSpec(m.targetNamespace(), kind, m.workloadName(), m.targetContainer(), ports,
                s.bridge().rules()));
    }

    /** Saves an edited setup (name, run spec, bridges), checked like an imported one. */
    public Setup update(Setup edited) {
        Setup checked = check(edited);
        Setup before = store.get(edited.id()).orElseThrow(() -> new PonteException(new Problem(Problem.Kind.NOT_FOUND,
                "The setup is gone", "It was deleted meanwhile.", "Save it again.")));
        String name = checked.name().equals(before.name()) ? checked.name() : unique(checked.context(), checked.name());
        Setup saved = new Setup(checked.id(), name, checked.context(), checked.run(), checked.bridges(), clock.instant());
        store.put(saved);
        publish();
        return saved;
    }

    public Setup duplicate(String id) {
        Setup s = store.get(id).orElseThrow();
        Setup copy = new Setup(UUID.randomUUID().toString(), unique(s.context(), s.name() + " (copy)"), s.context(),
                s.run(), s.bridges(), clock.instant());
        store.put(copy);
        publish();
        return copy;
    }

    public void delete(String id) {
        if (store.remove(id)) {
            publish();
        }
    }

    /** Writes the setups to {@code file} (owner-only; no secret inside). */
    public void export(List<String> ids, Path file) throws IOException {
        List<Setup> list = ids.stream().map(store::get).flatMap(Optional::stream).toList();
        dev.ponte.core.files.OwnerOnly.replace(file, store.export(list));
    }

    /**
     * Imports the setups of {@code file} into {@code context} (new ids; a name taken gets " (2)"). Every field is
     * checked first; a file that fails a check imports nothing and the exception says what is wrong.
     */
    public List<Setup> importFrom(Path file, String context) throws IOException {
        List<Setup> read;
        try {
            if (Files.size(file) > 4 * 1024 * 1024) {
                throw new SetupJson.Invalid(file.getFileName().toString(), "larger than 4 MB: not a setups file");
            }
            read = store.parse(Files.readAllBytes(file));
        } catch (SetupJson.Invalid e) {
            throw new PonteException(new Problem(Problem.Kind.REFUSED, "Cannot import " + file.getFileName(),
                    e.getMessage(), "Export the setup again from Ponte, or fix that field in the file."), e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new PonteException(new Problem(Problem.Kind.REFUSED, "Cannot import " + file.getFileName(),
                    "It is not JSON: " + e.getOriginalMessage(), "Pick a file exported by Ponte's Export…."), e);
        }
        List<Setup> added = new ArrayList<>();
        for (Setup s : read) {
            Setup n = new Setup(UUID.randomUUID().toString(), unique(context, s.name()), context, s.run(), s.bridges(),
                    clock.instant());
            store.put(n);
            added.add(n);
        }
        publish();
        return added;
    }

    /** The step names "Start setup" will show, in order (for the dialog before it starts). */
    public static List<String> steps(Setup s) {
        return StartSetup.stepNames(s);
    }

    /**
     * Starts a setup through the task layer: Connect if needed, Run, Bridge each, with rollback on failure or Cancel.
     *
     * @param asked the values of {@link Setup.Run#askAtStart}, typed by the user now (never stored)
     */
    public TaskLauncher.Cancellable start(String id, Map<String, String> asked, Consumer<StepEvent> steps,
                                          Consumer<String> onSuccess, Consumer<Throwable> onFailure) {
        Setup s = store.get(id).orElseThrow(() -> new PonteException(new Problem(Problem.Kind.NOT_FOUND,
                "The setup is gone", "It was deleted.", "Save it again.")));
        return tasks.launch("Start setup " + s.name(), new StartSetup(s, asked, connections, runs, bridges, steps, clock),
                onSuccess, onFailure);
    }

    private Setup check(Setup s) {
        try {
            return new SetupJson().readSetup(new SetupJson().write(s));
        } catch (SetupJson.Invalid e) {
            throw new PonteException(new Problem(Problem.Kind.REFUSED, "The setup cannot be saved", e.getMessage(),
                    "Correct that field."), e);
        }
    }

    private String unique(String context, String name) {
        String base = name.isBlank() ? "Setup" : name.strip();
        String candidate = base;
        int n = 2;
        while (taken(context, candidate)) {
            candidate = base + " (" + n++ + ")";
        }
        return candidate;
    }

    private boolean taken(String context, String name) {
        return store.all().stream().anyMatch(s -> s.context().equals(context) && s.name().equalsIgnoreCase(name));
    }

    private void publish() {
        List<Setup> now = all();
        for (Consumer<List<Setup>> l : listeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                LOG.error("A setups listener failed", e);
            }
        }
    }

    private static List<Setup> sorted(List<Setup> list) {
        return list.stream().sorted(Comparator.comparing(Setup::context).thenComparing(s -> s.name().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
