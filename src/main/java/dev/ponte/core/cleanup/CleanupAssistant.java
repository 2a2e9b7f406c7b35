package dev.ponte.core.cleanup;

import dev.ponte.core.cleanup.Leftover.Kind;
import dev.ponte.core.cleanup.Leftover.Target;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Leftovers;
import dev.ponte.core.connections.LocalConnections;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The cleanup assistant: finds, across every context and this machine's engine, what Ponte or the gefyra CLI made that
 * no live connection uses — this machine's connections that are not connected (their Cargo, network, containers, files,
 * client, bridges, mounts, as the start-up reconcile finds them), clients of other machines or of the gefyra CLI that
 * have no Cargo here, bridges and mounts of clients that are gone, shadow workloads and Carrier2 pods whose mount is
 * gone, the client RBAC upstream's uninstall leaves, and probe networks of interrupted subnet searches — and removes a
 * selection of them ({@link CleanupRemoval}), then checks again. Blocking operations for the task layer.
 */
public final class CleanupAssistant {
    private static final Pattern PROBE = Pattern.compile("gefyra-network-(.+)-probe-\\d+");

    private final Engines engines;
    private final Clusters clusters;
    private final Supplier<List<KubeContext>> contexts;
    private final Supplier<ConnectionsSnapshot> connections;
    private final LocalConnections local;
    private final Clock clock;
    private final java.time.Duration timeout;

    public CleanupAssistant(Engines engines, Clusters clusters, Supplier<List<KubeContext>> contexts,
                            Supplier<ConnectionsSnapshot> connections, LocalConnections local, Clock clock,
                            java.time.Duration timeout) {
        this.engines = engines;
        this.clusters = clusters;
        this.contexts = contexts;
        this.connections = connections;
        this.local = local;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Operation<CleanupScan> scan() {
        return (progress, cancel) -> {
            progress.step("Look for leftovers", 1, 1);
            return scanNow();
        };
    }

    /**
     * Removes {@code selected}, then scans again.
     *
     * @param confirmed ids of warned items (another machine's live client and what belongs to it) the user confirmed
     */
    public Operation<CleanupResult> remove(List<Leftover> selected, Set<String> confirmed) {
        return (progress, cancel) -> new CleanupRemoval(engines, clusters, local, timeout).run(selected, confirmed, this::scanNow,
                progress, cancel);
    }

    CleanupScan scanNow() {
        ConnectionsSnapshot snap = connections.get();
        Set<String> busy = new HashSet<>();
        Set<String> liveNames = new HashSet<>();
        Set<String> liveClients = new HashSet<>();
        Set<String> liveNetworks = new HashSet<>();
        for (ConnectionSnapshot c : snap.connections()) {
            if (c.state().isBusy() && c.name() != null) {
                busy.add(c.name());
            }
            if ((c.state().isUp() || c.state().isBusy()) && c.name() != null) {
                liveNames.add(c.name());
                if (c.clientId() != null) {
                    liveClients.add(c.clientId());
                }
                liveNetworks.add(Gefyra.NETWORK_PREFIX + c.name());
            }
        }
        List<Leftover> items = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        Set<String> knownClients = new HashSet<>(liveClients);
        Set<String> knownLocal = new HashSet<>();
        List<LocalConnections.Found> found;
        try {
            found = local.scan();
        } catch (RuntimeException e) {
            found = List.of();
            notChecked.add("this machine's connections: " + ErrorAdvice.explain(e, "the container engine").detail());
        }
        for (LocalConnections.Found f : found) {
            if (f.clientId() != null) {
                knownClients.add(f.clientId());
            }
            if (liveNames.contains(f.name())) {
                continue;
            }
            Origin origin = f.byGefyraCli() ? Origin.GEFYRA_CLI : Origin.THIS_MACHINE;
            String why = "connection " + f.name() + (f.context() == null ? "" : " (context " + f.context() + ")")
                    + " is not connected" + (f.parts().clusterChecked() ? "" : "; its cluster did not answer, so its cluster"
                    + " parts are listed from the journal");
            for (Leftovers.Part p : f.parts().parts()) {
                if (p.kind() == dev.ponte.core.connections.Journal.Kind.INSTALL) {
                    continue; // Gefyra's installation is not a leftover of one connection
                }
                knownLocal.add(p.kind() + "/" + p.name());
                items.add(new Leftover("conn:" + f.name() + ":" + p.kind() + ":" + p.name(), "connection " + f.name(), origin,
                        p.describe(), p.where(), why, null, new Target.ConnectionPart(f, p)));
            }
        }
        scanEngine(items, notChecked, liveNetworks, liveNames, knownLocal, busy);
        scanClusters(items, notChecked, knownClients);
        return new CleanupScan(dedupe(items), notChecked, clock.instant());
    }

    /** App containers and probe networks no connection the reconcile knows accounts for. */
    private void scanEngine(List<Leftover> items, List<String> notChecked, Set<String> liveNetworks, Set<String> liveNames,
                            Set<String> knownLocal, Set<String> busy) {
        try (ContainerEngine engine = engines.open()) {
            String endpoint = engine.info().endpoint();
            for (ContainerEngine.Network n : engine.networks()) {
                var m = PROBE.matcher(n.name());
                if (m.matches() && "true".equals(n.labels().get(CargoLabels.CREATED_BY)) && !busy.contains(m.group(1))
                        && !knownLocal.contains("NETWORK/" + n.name())) {
                    items.add(new Leftover("engine:" + endpoint + ":NETWORK:" + n.name(), "connection " + m.group(1),
                            "true".equals(n.labels().get(CargoLabels.PROBE)) ? Origin.THIS_MACHINE : Origin.GEFYRA_CLI,
                            "network " + n.name(), endpoint, "a throw-away network of an interrupted subnet search", null,
                            new Target.EngineObject(endpoint, Kind.NETWORK, n.name())));
                }
            }
            for (ContainerEngine.Container c : engine.containers(Map.of(CargoLabels.CREATED_BY, "true"))) {
                if (CargoLabels.ROLE_CARGO.equals(c.labels().get(CargoLabels.ROLE)) || knownLocal.contains("CONTAINER/" + c.name())
                        || knownLocal.contains("CARGO/" + c.name()) || c.ips().keySet().stream().anyMatch(liveNetworks::contains)
                        || liveNames.contains(c.labels().get(dev.ponte.core.run.RunLabels.CONNECTION))) {
                    // Cargo, a part of a connection listed above, or a container of a live connection (a stopped one too)
                    continue;
                }
                boolean onGefyra = c.ips().keySet().stream().anyMatch(n -> n.startsWith(Gefyra.NETWORK_PREFIX));
                if (onGefyra || c.ips().isEmpty() || !c.running()) {
                    String conn = c.labels().getOrDefault(dev.ponte.core.run.RunLabels.CONNECTION, "?");
                    items.add(new Leftover("engine:" + endpoint + ":CONTAINER:" + c.name(), "connection " + conn,
                            Gefyra.MANAGED_BY_PONTE.equals(c.labels().get(CargoLabels.MANAGED_BY)) ? Origin.THIS_MACHINE : Origin.GEFYRA_CLI,
                            "container " + c.name(), endpoint, "a container Gefyra ran for a connection that is gone", null,
                            new Target.EngineObject(endpoint, Kind.CONTAINER, c.name())));
                }
            }
        } catch (RuntimeException e) {
            notChecked.add("the container engine: " + ErrorAdvice.explain(e, "the container engine").detail());
        }
    }

    /** One pass per cluster (contexts with the same server are one cluster). */
    private void scanClusters(List<Leftover> items, List<String> notChecked, Set<String> knownClients) {
        Map<String, KubeContext> byServer = new LinkedHashMap<>();
        List<KubeContext> all;
        try {
            all = contexts.get();
        } catch (RuntimeException e) {
            notChecked.add("the kubeconfig: " + e.getMessage());
            return;
        }
        for (KubeContext k : all) {
            byServer.putIfAbsent(k.server() == null ? k.name() : k.server(), k);
        }
        for (KubeContext k : byServer.values()) {
            try (ClusterSession session = clusters.open(k.name())) {
                new ClusterLeftovers(k.name(), session.gefyra(), knownClients).scan(items);
            } catch (RuntimeException e) {
                var p = ErrorAdvice.explain(e, k.name());
                notChecked.add("context " + k.name() + ": " + p.title() + " — " + p.detail());
            }
        }
    }

    private static List<Leftover> dedupe(List<Leftover> items) {
        Map<String, Leftover> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.putIfAbsent(i.id(), i));
        return List.copyOf(byId.values());
    }

    /** The cluster-wide findings of one cluster. */
    private record ClusterLeftovers(String context, GefyraCluster g, Set<String> knownClients) {
        void scan(List<Leftover> items) {
            boolean installed = g.operatorStatus().installed();
            List<GefyraCluster.ClientInfo> clients = installed ? g.clients() : List.of();
            Set<String> existing = new HashSet<>();
            Map<String, String> warnings = new LinkedHashMap<>();
            for (GefyraCluster.ClientInfo c : clients) {
                existing.add(c.name());
                if (knownClients.contains(c.name())) {
                    continue; // this machine's: its connection's parts are listed with it (or it is live)
                }
                Origin origin = origin(c.name());
                String warning = c.state() == ClientState.ACTIVE
                        ? "GefyraClient " + c.name() + " is ACTIVE (since " + c.since() + "): " + (origin == Origin.OTHER_MACHINE
                        ? "another machine's Ponte" : "a gefyra CLI somewhere") + " is probably connected with it right now; removing it "
                        + "cuts that connection off and removes its bridges" : null;
                if (warning != null) {
                    warnings.put(c.name(), warning);
                }
                items.add(new Leftover("cluster:" + context + ":CLIENT:" + c.name(), "client " + c.name(), origin,
                        "GefyraClient " + c.name() + " (" + (c.state() == null ? "unknown state" : c.state()) + ")", context,
                        "no Cargo on this machine uses it", warning, new Target.ClusterObject(context, Kind.CLIENT, c.name(), null)));
            }
            if (installed) {
                List<Bridge> bridges = g.bridges(Map.of());
                Set<String> usedMounts = new HashSet<>();
                for (Bridge b : bridges) {
                    usedMounts.add(b.mount());
                    if (b.client() != null && !existing.contains(b.client())) {
                        items.add(new Leftover("cluster:" + context + ":BRIDGE:" + b.name(), "client " + b.client() + " (gone)",
                                origin(b.client()), "GefyraBridge " + b.name() + " → " + b.clientContainer(), context,
                                "its client " + b.client() + " is gone", null,
                                new Target.ClusterObject(context, Kind.BRIDGE, b.name(), null)));
                    } else if (b.client() != null && warnings.containsKey(b.client())) {
                        items.add(new Leftover("cluster:" + context + ":BRIDGE:" + b.name(), "client " + b.client(),
                                origin(b.client()), "GefyraBridge " + b.name() + " → " + b.clientContainer(), context,
                                "a bridge of client " + b.client() + ", which has no Cargo on this machine", warnings.get(b.client()),
                                new Target.ClusterObject(context, Kind.BRIDGE, b.name(), null)));
                    }
                }
                for (BridgeMount m : g.mounts()) {
                    boolean creatorGone = m.createdBy() != null && !existing.contains(m.createdBy());
                    boolean unused = bridges.stream().noneMatch(b -> b.mount().equals(m.name())
                            && (b.client() == null || existing.contains(b.client())));
                    if (creatorGone && unused && !knownClients.contains(m.createdBy())) {
                        items.add(new Leftover("cluster:" + context + ":MOUNT:" + m.name(), "client " + m.createdBy() + " (gone)",
                                origin(m.createdBy()), "GefyraBridgeMount " + m.name() + " on " + m.targetNamespace() + "/" + m.target(),
                                context, "made by client " + m.createdBy() + ", which is gone; no bridge of a client that exists uses it"
                                + " (removing it lets the operator restore the workload)", null,
                                new Target.ClusterObject(context, Kind.MOUNT, m.name(), null)));
                    }
                }
            }
            for (GefyraCluster.MountArtifact a : g.mountArtifacts()) {
                if (a.mount() == null) {
                    items.add(new Leftover("cluster:" + context + ":SHADOW:" + a.id(), "workloads in " + a.namespace(), Origin.OPERATOR,
                            a.what() + " " + a.namespace() + "/" + a.name(), context, "its GefyraBridgeMount is gone"
                            + (a.kind().equals("Pod") ? " (deleting the pod lets its controller start it with the original image)" : ""),
                            null, new Target.ClusterObject(context, Kind.SHADOW, a.id(), a)));
                }
            }
            for (String rbac : g.clientRbac()) {
                String name = rbac.substring(rbac.indexOf('/') + 1);
                boolean role = rbac.startsWith("ClusterRole/");
                String client = role ? null : name.substring(name.lastIndexOf("gefyra-client-") + "gefyra-client-".length());
                boolean left = role ? !installed : !existing.contains(client);
                if (left) {
                    items.add(new Leftover("cluster:" + context + ":RBAC:" + rbac, "Gefyra's client RBAC", Origin.OPERATOR, rbac, context,
                            role ? "Gefyra is not installed any more (upstream's uninstall leaves this ClusterRole)"
                                    : "its client " + client + " is gone (upstream's uninstall leaves these bindings)",
                            null, new Target.ClusterObject(context, Kind.RBAC, rbac, null)));
                }
            }
        }

        /** Ponte names its clients {@code ponte<hash>}; anything else is the gefyra CLI's. */
        static Origin origin(String client) {
            return client != null && client.matches("ponte[0-9a-f]{6,}") ? Origin.OTHER_MACHINE : Origin.GEFYRA_CLI;
        }
    }
}
