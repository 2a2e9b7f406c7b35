package dev.ponte.core.connections;

import dev.ponte.core.port.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Ponte has created and not yet removed, written down <em>before</em> each create: the operator install, each
 * GefyraClient, network, Cargo, app container, mount, bridge and connection file, and each operation in flight. A
 * crash, a kill or a quit at any moment therefore leaves a journal that names everything that may exist; the
 * start-up reconcile checks each entry against the engine and the cluster. Every change is on disk (atomic, fsync'ed,
 * owner-only) before the call that changes the world goes out. No secrets: only kinds, names and places.
 *
 * <p>Thread-safe. Listeners hear each change after it is on disk (the crash tests stop a process right there).
 *
 * <p>Several processes may share one journal (the window and the command line): each change is made under the
 * store's lock on what is on disk now ({@link Store#exclusive}), so neither overwrites the other's entries, and each
 * operation in flight is marked live by its process ({@link Store#operationStarted}); an operation of a process that
 * is still running is not taken for an interrupted one ({@link #runningElsewhere}).
 */
public final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** The kinds of things recorded. */
    public enum Kind { INSTALL, CLIENT, NETWORK, CARGO, CONTAINER, FILE, MOUNT, BRIDGE }

    /**
     * {@code CREATING}: about to be created (it may or may not exist); {@code CREATED}: it exists; {@code REMOVING}:
     * being removed; {@code REMOVED}: gone — never stored, only what listeners hear when an entry is forgotten.
     */
    public enum Status { CREATING, CREATED, REMOVING, REMOVED }

    /**
     * One thing Ponte made.
     *
     * @param where the engine endpoint (engine objects), the kube context (cluster objects) or the folder (files)
     */
    public record Entry(Kind kind, String name, String connection, String context, String where, Status status, Instant since,
                        String operation) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
        }

        boolean same(Kind k, String w, String n) {
            return kind == k && name.equals(n) && Objects.equals(where, w);
        }

        /** "network gefyra-network-kind-dev" — how the user reads it. */
        public String describe() {
            return switch (kind) {
                case INSTALL -> "Gefyra's installation in " + context;
                case CLIENT -> "GefyraClient " + name;
                case NETWORK -> "network " + name;
                case CARGO -> "Cargo container " + name;
                case CONTAINER -> "container " + name;
                case FILE -> "file " + where + "/" + name;
                case MOUNT -> "GefyraBridgeMount " + name;
                case BRIDGE -> "GefyraBridge " + name;
            };
        }
    }

    /** The names a context's connection has, fixed the first time it connects. */
    public record Identity(String context, String connection, String clientId) {
    }

    /**
     * An operation that was running (Connect, Disconnect, Run, Bridge, Unbridge, …) and has not ended.
     *
     * @param id what the entries it created carry as their {@code operation}
     */
    public record Running(String connection, String context, String operation, String id, Instant started) {
        /** Connect, Disconnect, Reconnect and Clean up concern the whole connection; Run, Bridge, Unbridge only their parts. */
        public boolean wholeConnection() {
            return WHOLE.contains(operation);
        }
    }

    static final java.util.Set<String> WHOLE = java.util.Set.of("Connect", "Disconnect", "Reconnect", "Clean up");

    /** What the file holds. */
    public record Data(int version, List<Identity> identities, List<Entry> entries, List<Running> running) {
        public static final Data EMPTY = new Data(1, List.of(), List.of(), List.of());

        public Data {
            identities = identities == null ? List.of() : List.copyOf(identities.stream().filter(Objects::nonNull).toList());
            entries = entries == null ? List.of() : List.copyOf(entries.stream().filter(Objects::nonNull).toList());
            running = running == null ? List.of() : List.copyOf(running.stream().filter(Objects::nonNull).toList());
        }
    }

    /** Where the journal lives. */
    public interface Store {
        Data load();

        void save(Data data);

        /**
         * Runs {@code work} holding the lock other processes' journals take for their changes (a file lock); a store
         * only this process sees needs none.
         */
        default <T> T exclusive(java.util.function.Supplier<T> work) {
            return work.get();
        }

        /** True when another process changed the journal since this one last loaded or saved it. */
        default boolean changedElsewhere() {
            return false;
        }

        /** This process runs operation {@code id} now (holds its mark until {@link #operationEnded}). */
        default void operationStarted(String id) {
        }

        default void operationEnded(String id) {
        }

        /** True while another process that is still alive runs operation {@code id}. */
        default boolean runningElsewhere(String id) {
            return false;
        }
    }

    private final Store store;
    private final Clock clock;
    private final Map<String, Identity> identities = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Running> running = new ArrayList<>();
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    /** Operations this process started and has not ended. */
    private final java.util.Set<String> own = new java.util.HashSet<>();

    public Journal(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        use(store.load());
    }

    private void use(Data data) {
        identities.clear();
        entries.clear();
        running.clear();
        data.identities().forEach(i -> identities.put(i.context(), i));
        entries.addAll(data.entries());
        running.addAll(data.running());
    }

    /** Reads the journal again if another process (the window, the command line) changed it. */
    public synchronized void refresh() {
        store.exclusive(() -> {
            reloadIfChanged();
            return null;
        });
    }

    private void reloadIfChanged() {
        if (store.changedElsewhere()) {
            use(store.load());
        }
    }

    /** A change on what is on disk now, under the store's lock: another process's entries are kept. */
    private void change(Runnable change) {
        store.exclusive(() -> {
            reloadIfChanged();
            change.run();
            return null;
        });
    }

    /** True when another process (the command line, another window) changed the journal since this one last read or wrote it. */
    public synchronized boolean changedElsewhere() {
        return store.changedElsewhere();
    }

    /** Operations another process runs right now (not interrupted: that process is alive and will end them). */
    public synchronized List<Running> runningElsewhere() {
        return store.exclusive(() -> {
            reloadIfChanged();
            return running.stream().filter(r -> !own.contains(r.id()) && store.runningElsewhere(r.id())).toList();
        });
    }

    /** The operation another process runs on the connection right now, if any. */
    public Optional<Running> busyElsewhere(String connection) {
        return runningElsewhere().stream().filter(r -> r.connection().equals(connection)).findFirst();
    }

    /** A journal kept only in memory (tests, the command line's dry runs). */
    public static Journal inMemory(Clock clock) {
        return new Journal(new Store() {
            private Data data = Data.EMPTY;

            @Override
            public Data load() {
                return data;
            }

            @Override
            public void save(Data d) {
                data = d;
            }
        }, clock);
    }

    /** The context's connection names: the recorded ones, or new ones (recorded now) from {@code machine}. */
    public synchronized Identity identity(String context, String machine) {
        return store.exclusive(() -> {
            reloadIfChanged();
            Identity known = identities.get(context);
            if (known != null) {
                return known;
            }
            String name = ConnectionNames.unique(context, n -> identities.values().stream().anyMatch(i -> i.connection().equals(n)));
            Identity id = new Identity(context, name, ConnectionNames.clientId(machine, name));
            identities.put(context, id);
            save(null);
            return id;
        });
    }

    /** Records names found on a connection that no journal knew (made before the journal, or by the gefyra CLI). */
    public synchronized void adopt(Identity id) {
        change(() -> {
            if (!identities.containsKey(id.context())
                    && identities.values().stream().noneMatch(i -> i.connection().equals(id.connection()))) {
                identities.put(id.context(), id);
                save(null);
            }
        });
    }

    /** The recorded names of a context's connection, if it ever connected. */
    public synchronized Optional<Identity> knownIdentity(String context) {
        return Optional.ofNullable(identities.get(context));
    }

    public synchronized List<Identity> identities() {
        return List.copyOf(identities.values());
    }

    /** Records that {@code entry} is about to be created (status CREATING); on disk when this returns. */
    public synchronized void creating(Kind kind, String name, String connection, String context, String where, String operation) {
        Entry e = new Entry(kind, name, connection, context, where, Status.CREATING, clock.instant(), operation);
        change(() -> {
            entries.removeIf(x -> x.same(kind, where, name));
            entries.add(e);
            save(e);
        });
    }

    /** Marks the entry created. */
    public synchronized void created(Kind kind, String where, String name) {
        mark(kind, where, name, Status.CREATED);
    }

    /** Marks the entry as being removed. */
    public synchronized void removing(Kind kind, String where, String name) {
        mark(kind, where, name, Status.REMOVING);
    }

    /** Forgets the entry: it is gone. */
    public synchronized void removed(Kind kind, String where, String name) {
        change(() -> {
            Optional<Entry> e = find(kind, where, name);
            if (e.isPresent()) {
                entries.remove(e.get());
                save(gone(e.get()));
            }
        });
    }

    private Entry gone(Entry e) {
        return new Entry(e.kind(), e.name(), e.connection(), e.context(), e.where(), Status.REMOVED, clock.instant(), e.operation());
    }

    /** Forgets every entry that matches (e.g. everything of a context after an uninstall). */
    public synchronized void removedAll(Predicate<Entry> which) {
        change(() -> {
            List<Entry> gone = entries.stream().filter(which).toList();
            if (!gone.isEmpty()) {
                entries.removeAll(gone);
                save(gone(gone.getFirst()));
            }
        });
    }

    public synchronized Optional<Entry> find(Kind kind, String where, String name) {
        return entries.stream().filter(x -> x.same(kind, where, name)).findFirst();
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<Entry> entriesOf(String connection) {
        return entries.stream().filter(e -> connection.equals(e.connection())).toList();
    }

    /** Records that an operation of {@code connection} starts; returns its id for {@link #ended} and the entries it makes. */
    public synchronized String started(String connection, String context, String operation) {
        String id = operation + "#" + java.util.UUID.randomUUID().toString().substring(0, 8);
        change(() -> {
            store.operationStarted(id);
            own.add(id);
            running.add(new Running(connection, context, operation, id, clock.instant()));
            save(null);
        });
        return id;
    }

    /** The operation ended (done, failed or cancelled after undoing): it is no longer interrupted if Ponte stops now. */
    public synchronized void ended(String id) {
        change(() -> {
            if (running.removeIf(r -> r.id().equals(id))) {
                save(null);
            }
            if (own.remove(id)) {
                store.operationEnded(id);
            }
        });
    }

    /** Forgets every running record of the connection (the reconcile dealt with them). */
    public synchronized void endedAll(String connection) {
        change(() -> {
            // Only what no live process runs: another process's operation is its own to end.
            if (running.removeIf(r -> r.connection().equals(connection) && (own.contains(r.id()) || !store.runningElsewhere(r.id())))) {
                save(null);
            }
        });
    }

    public synchronized List<Running> running() {
        return List.copyOf(running);
    }

    /** Hears every change once it is on disk: the entry changed (null for identities and operations). */
    public Subscription listen(Consumer<Entry> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void mark(Kind kind, String where, String name, Status status) {
        change(() -> {
            Optional<Entry> e = find(kind, where, name);
            if (e.isPresent() && e.get().status() != status) {
                Entry now = new Entry(kind, name, e.get().connection(), e.get().context(), where, status, clock.instant(),
                        e.get().operation());
                entries.set(entries.indexOf(e.get()), now);
                save(now);
            }
        });
    }

    private void save(Entry changed) {
        store.save(new Data(1, List.copyOf(identities.values()), List.copyOf(entries), List.copyOf(running)));
        for (Consumer<Entry> l : listeners) {
            try {
                l.accept(changed);
            } catch (RuntimeException ex) {
                LOG.warn("A journal listener failed: {}", ex.toString());
            }
        }
    }
}
