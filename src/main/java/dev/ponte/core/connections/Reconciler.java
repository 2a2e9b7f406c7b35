package dev.ponte.core.connections;

import dev.ponte.core.connections.Journal.Entry;
import dev.ponte.core.connections.Journal.Kind;
import dev.ponte.core.connections.Leftovers.Part;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.run.RunLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares what the journal says Ponte made with what exists: in each engine the journal names (and the one in use),
 * in each context's cluster, and in {@code ~/.gefyra}. Labelled objects no journal knows (Ponte's from before the
 * journal, the gefyra CLI's) count too. The result is one {@link Found} per connection with anything left. Blocking.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** A throw-away network of a subnet search: {@code gefyra-network-<connection>-probe-<i>}. */
    private static final Pattern PROBE = Pattern.compile("gefyra-network-(.+)-probe-\\d+");

    /**
     * One connection found.
     *
     * @param connection   the live parts, from Cargo's labels, when Cargo exists
     * @param strays       probe networks its interrupted subnet search left
     * @param installedByUs the journal says this connection was installing Gefyra when it stopped
     */
    record Found(String context, String name, String clientId, Connection connection, Leftovers leftovers,
                 String engineEndpoint, boolean byGefyraCli, List<String> strays, boolean installedByUs,
                 List<Interrupted> operations, List<Entry> ghosts) {
    }

    /** A Run, Bridge or Unbridge that was running when Ponte stopped, with what it had made that is still there. */
    record Interrupted(Journal.Running running, Leftovers leftovers) {
    }

    private final Engines engines;
    private final Clusters clusters;
    private final ConnectionSettings settings;
    private final Journal journal;

    Reconciler(Engines engines, Clusters clusters, ConnectionSettings settings, Journal journal) {
        this.engines = engines;
        this.clusters = clusters;
        this.settings = settings;
        this.journal = journal;
    }

    /** What one engine shows of Gefyra. */
    private record EngineView(String endpoint, Map<String, Connection> cargos, Map<String, ContainerEngine.Network> networks,
                              List<ContainerEngine.Container> apps, Set<String> containers) {
    }

    /** Everything found, connection by connection. {@code only}: just this connection name (null: all). */
    List<Found> run(String only) {
        journal.refresh();
        // A connection another live process (the window, the command line) is working on right now is in flux: that
        // process reports it when it is done, and the next reconcile looks at it then.
        Set<String> busyElsewhere = new java.util.HashSet<>();
        journal.runningElsewhere().forEach(r -> busyElsewhere.add(r.connection()));
        List<Entry> entries = journal.entries();
        Set<String> endpoints = new LinkedHashSet<>();
        String current = safeEndpoint();
        if (current != null) {
            endpoints.add(current);
        }
        entries.stream().filter(e -> isEngineKind(e.kind()) && e.where() != null).forEach(e -> endpoints.add(e.where()));
        List<EngineView> views = new ArrayList<>();
        for (String endpoint : endpoints) {
            try (ContainerEngine engine = engines.open(endpoint)) {
                views.add(look(engine, endpoint));
            } catch (RuntimeException e) {
                LOG.info("Reconcile: engine {} does not answer ({}); its journal entries stay", endpoint, e.toString());
            }
        }
        // Every connection name anything mentions, with what each source says about its context.
        Map<String, String> contexts = new LinkedHashMap<>();
        journal.identities().forEach(i -> contexts.put(i.connection(), i.context()));
        for (Entry e : entries) {
            if (e.connection() != null && ConnectionNames.checkedName(e.connection()).isPresent()) {
                contexts.putIfAbsent(e.connection(), e.context());
            }
        }
        journal.running().forEach(r -> contexts.putIfAbsent(r.connection(), r.context()));
        for (EngineView v : views) {
            v.cargos().values().forEach(c -> contexts.merge(c.name(), c.context() == null ? "" : c.context(),
                    (a, b) -> a == null || a.isEmpty() ? b : a));
            v.networks().values().forEach(n -> {
                String name = n.name().substring(Gefyra.NETWORK_PREFIX.length());
                if (ConnectionNames.checkedName(name).isPresent() && !PROBE.matcher(n.name()).matches()) {
                    contexts.putIfAbsent(name, n.labels().getOrDefault(CargoLabels.CONTEXT, ""));
                }
            });
        }
        // Each connection's cluster is asked on its own thread: one that does not answer (a VPN is down) must not
        // hold up the others until its connect timeout.
        List<java.util.concurrent.Future<Found>> checks = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<String, String> c : contexts.entrySet()) {
                if (only != null && !only.equals(c.getKey()) || busyElsewhere.contains(c.getKey())) {
                    continue;
                }
                String context = c.getValue() == null || c.getValue().isEmpty() ? null : c.getValue();
                checks.add(threads.submit(() -> check(c.getKey(), context, views, entries)));
            }
        }
        List<Found> out = new ArrayList<>();
        for (var f : checks) {
            try {
                out.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Reconcile of one connection failed: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    private Found check(String name, String context, List<EngineView> views, List<Entry> entries) {
        List<Part> parts = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        Connection cargo = null;
        boolean network = false;
        String endpoint = null;
        for (EngineView v : views) {
            Connection c = v.cargos().get(name);
            if (c != null && context != null && c.context() != null && !c.context().equals(context)) {
                LOG.warn("Reconcile: {} is labelled for context {}, but connection {} belongs to context {}; not taken for it",
                        c.cargoName(), c.context(), name, context);
                c = null;
            }
            if (c != null) {
                cargo = c;
                endpoint = v.endpoint();
                parts.add(new Part(Kind.CARGO, c.cargoName(), v.endpoint()));
            }
            ContainerEngine.Network n = v.networks().get(Gefyra.NETWORK_PREFIX + name);
            String label = n == null ? null : n.labels().get(CargoLabels.CONTEXT);
            if (n != null && context != null && label != null && !label.equals(context)) {
                n = null;
            }
            if (n != null) {
                network = true;
                endpoint = endpoint == null ? v.endpoint() : endpoint;
                parts.add(new Part(Kind.NETWORK, n.name(), v.endpoint()));
                for (ContainerEngine.Container a : v.apps()) {
                    if (a.ips().containsKey(n.name())) {
                        parts.add(new Part(Kind.CONTAINER, a.name(), v.endpoint()));
                    }
                }
            }
            for (ContainerEngine.Network p : v.networks().values()) {
                var m = PROBE.matcher(p.name());
                if (m.matches() && m.group(1).equals(name)) {
                    strays.add(p.name());
                    endpoint = endpoint == null ? v.endpoint() : endpoint;
                    parts.add(new Part(Kind.NETWORK, p.name(), v.endpoint()));
                }
            }
        }
        Optional<Journal.Identity> id = journal.identities().stream().filter(i -> i.connection().equals(name)).findFirst();
        String clientId = cargo != null && cargo.clientId() != null ? cargo.clientId() : id.map(Journal.Identity::clientId).orElse(null);
        for (String ext : List.of(".conf", ".yaml")) {
            Path f = settings.gefyraDir().resolve(name + ext);
            if (Files.exists(f)) {
                parts.add(new Part(Kind.FILE, name + ext, settings.gefyraDir().toString()));
            }
        }
        List<Entry> mine = entries.stream().filter(e -> name.equals(e.connection())).toList();
        boolean installedByUs = mine.stream().anyMatch(e -> e.kind() == Kind.INSTALL);
        boolean clusterChecked = false;
        boolean clientActive = false;
        if (context != null) {
            try (ClusterSession session = clusters.open(context)) {
                GefyraCluster g = session.gefyra();
                if (clientId != null) {
                    Optional<GefyraClient> client = g.client(clientId);
                    if (client.isPresent()) {
                        parts.add(new Part(Kind.CLIENT, clientId, context));
                        clientActive = client.get().state() == ClientState.ACTIVE;
                    }
                    for (Bridge b : g.bridges(Map.of(RunLabels.BRIDGE_CLIENT, clientId))) {
                        parts.add(new Part(Kind.BRIDGE, b.name(), context));
                    }
                    for (BridgeMount m : g.mounts()) {
                        if (clientId.equals(m.createdBy())) {
                            parts.add(new Part(Kind.MOUNT, m.name(), context));
                        }
                    }
                }
                if (installedByUs && g.operatorStatus().installed()) {
                    parts.add(new Part(Kind.INSTALL, "gefyra", context));
                }
                clusterChecked = true;
            } catch (RuntimeException e) {
                LOG.info("Reconcile: the cluster of context {} cannot be checked now ({}); listing the journal's entries",
                        context, e.toString());
                for (Entry e2 : mine) {
                    if (!isEngineKind(e2.kind()) && e2.kind() != Kind.FILE) {
                        parts.add(new Part(e2.kind(), e2.name(), e2.where()));
                    }
                }
            }
        }
        String interrupted = journal.running().stream().filter(r -> r.connection().equals(name) && r.wholeConnection())
                .map(Journal.Running::operation).findFirst().orElse(null);
        List<Interrupted> operations = new ArrayList<>();
        for (Journal.Running r : journal.running()) {
            if (r.connection().equals(name) && !r.wholeConnection()) {
                List<Part> opParts = new ArrayList<>();
                for (Entry e : mine) {
                    if ((r.id().equals(e.operation()) || e.status() == Journal.Status.REMOVING)
                            && exists(e, views, context, clusterChecked)) {
                        opParts.add(new Part(e.kind(), e.name(), e.where()));
                    }
                }
                operations.add(new Interrupted(r, new Leftovers(opParts, r.operation(), false, clusterChecked, "Ponte")));
            }
        }
        boolean complete = cargo != null && cargo.cargoRunning() && network && interrupted == null
                && (clientActive || !clusterChecked || clientId == null);
        boolean byCli = cargo != null && !cargo.ponte();
        String origin = byCli ? "the gefyra CLI" : "Ponte";
        Set<String> running = new java.util.HashSet<>();
        journal.running().forEach(r -> running.add(r.id()));
        // Entries of finished operations whose thing is gone (removed by hand, say): the journal forgets them.
        List<Entry> ghosts = new ArrayList<>();
        for (Entry e : mine) {
            if ((e.operation() != null && running.contains(e.operation())) || e.kind() == Kind.INSTALL) {
                continue;
            }
            boolean knowable = switch (e.kind()) {
                case NETWORK, CARGO, CONTAINER -> views.stream().anyMatch(v -> v.endpoint().equals(e.where()));
                case FILE -> true;
                default -> clusterChecked;
            };
            if (knowable && !exists(e, views, context, clusterChecked)) {
                ghosts.add(e);
            }
        }
        return new Found(context, name, clientId, cargo, new Leftovers(dedupe(parts), interrupted, complete, clusterChecked, origin),
                endpoint, byCli, strays, installedByUs, operations, ghosts);
    }

    /** Whether the thing an entry names is there (cluster things: when the cluster could not be asked, assumed so). */
    private boolean exists(Entry e, List<EngineView> views, String context, boolean clusterChecked) {
        return switch (e.kind()) {
            case CONTAINER, CARGO -> views.stream().anyMatch(v -> v.endpoint().equals(e.where()) && v.containers().contains(e.name()));
            case NETWORK -> views.stream().anyMatch(v -> v.endpoint().equals(e.where()) && v.networks().containsKey(e.name()));
            case FILE -> Files.exists(Path.of(e.where()).resolve(e.name()));
            case BRIDGE, MOUNT, CLIENT, INSTALL -> !clusterChecked || clusterHas(e, context);
        };
    }

    private boolean clusterHas(Entry e, String context) {
        if (context == null) {
            return false;
        }
        try (ClusterSession session = clusters.open(context)) {
            GefyraCluster g = session.gefyra();
            return switch (e.kind()) {
                case BRIDGE -> g.bridges(Map.of()).stream().anyMatch(b -> b.name().equals(e.name()));
                case MOUNT -> g.mount(e.name()).isPresent();
                case CLIENT -> g.client(e.name()).isPresent();
                case INSTALL -> g.operatorStatus().installed();
                default -> false;
            };
        } catch (RuntimeException ex) {
            return true;
        }
    }

    private EngineView look(ContainerEngine engine, String endpoint) {
        Map<String, Connection> cargos = new LinkedHashMap<>();
        for (ContainerEngine.Container c : engine.containers(Map.of(CargoLabels.ROLE, CargoLabels.ROLE_CARGO))) {
            Connection conn = Connection.fromCargo(c.name(), c.labels(), c.ips(), c.running());
            if (conn == null) {
                LOG.warn("Reconcile: container {} says it is a Cargo but its labels name no usable connection; ignored",
                        ConnectionNames.isDockerName(c.name()) ? c.name() : "(unnamed)");
            } else {
                cargos.put(conn.name(), conn);
            }
        }
        Map<String, ContainerEngine.Network> networks = new LinkedHashMap<>();
        for (ContainerEngine.Network n : engine.networks()) {
            if (n.name().startsWith(Gefyra.NETWORK_PREFIX) && "true".equals(n.labels().get(CargoLabels.CREATED_BY))) {
                networks.put(n.name(), n);
            }
        }
        List<ContainerEngine.Container> labelled = engine.containers(Map.of(CargoLabels.CREATED_BY, "true"));
        List<ContainerEngine.Container> apps = labelled.stream()
                .filter(c -> !CargoLabels.ROLE_CARGO.equals(c.labels().get(CargoLabels.ROLE))).toList();
        Set<String> names = new java.util.HashSet<>();
        labelled.forEach(c -> names.add(c.name()));
        engine.containers(Map.of(CargoLabels.ROLE, CargoLabels.ROLE_CARGO)).forEach(c -> names.add(c.name()));
        return new EngineView(endpoint, cargos, networks, apps, names);
    }

    private String safeEndpoint() {
        try {
            return engines.endpoint();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean isEngineKind(Kind k) {
        return k == Kind.NETWORK || k == Kind.CARGO || k == Kind.CONTAINER;
    }

    private static List<Part> dedupe(List<Part> parts) {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            if (out.stream().noneMatch(x -> x.kind() == p.kind() && x.name().equals(p.name())
                    && Objects.equals(x.where(), p.where()))) {
                out.add(p);
            }
        }
        return out;
    }
}
