package dev.ponte.core.cleanup;

import dev.ponte.core.cleanup.Leftover.Kind;
import dev.ponte.core.cleanup.Leftover.Target;
import dev.ponte.core.connections.LocalConnections;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Removes a selection of leftovers: this machine's connections through Disconnect's own removal
 * ({@link LocalConnections#remove}, all of a connection's parts together), cluster objects in the order that lets the
 * operator clean up behind them (bridges, mounts, clients, then what the operator made, then RBAC), local containers
 * before networks. One failure does not stop the rest. Then scans again and names what of the selection is still there.
 * Never removes an item whose warning the user did not confirm.
 */
final class CleanupRemoval {
    private final Engines engines;
    private final Clusters clusters;
    private final LocalConnections local;
    private final Duration timeout;

    CleanupRemoval(Engines engines, Clusters clusters, LocalConnections local, Duration timeout) {
        this.engines = engines;
        this.clusters = clusters;
        this.local = local;
        this.timeout = timeout;
    }

    CleanupResult run(List<Leftover> selected, Set<String> confirmed, Supplier<CleanupScan> rescan, Progress progress,
               CancellationToken cancel) {
        List<String> unconfirmed = selected.stream().filter(i -> i.warning() != null && !confirmed.contains(i.id()))
                .map(Leftover::warning).distinct().toList();
        if (!unconfirmed.isEmpty()) {
            throw new PonteException(new Problem(Problem.Kind.REFUSED, "Not removed: it may be in use",
                    String.join(" ", unconfirmed), "Confirm the warning for each of these, or leave them out of the selection."));
        }
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, LocalConnections.Found> connections = new LinkedHashMap<>();
        Map<String, String> connectionFailures = new LinkedHashMap<>();
        Map<String, List<Leftover>> byContext = new LinkedHashMap<>();
        Map<String, List<Leftover>> byEngine = new LinkedHashMap<>();
        for (Leftover i : selected) {
            switch (i.target()) {
                case Target.ConnectionPart p -> connections.putIfAbsent(p.connection().name(), p.connection());
                case Target.ClusterObject c -> byContext.computeIfAbsent(c.context(), x -> new ArrayList<>()).add(i);
                case Target.EngineObject e -> byEngine.computeIfAbsent(e.endpoint(), x -> new ArrayList<>()).add(i);
            }
        }
        int total = connections.size() + byContext.size() + byEngine.size() + 1;
        int step = 0;
        for (LocalConnections.Found f : connections.values()) {
            cancel.throwIfCancelled();
            progress.step("Remove connection " + f.name(), ++step, total);
            try {
                DownOperation.Report r = local.remove(f, e -> { }).run(progress, cancel);
                removed.addAll(r.removed());
            } catch (DownOperation.LeftoversException e) {
                // Disconnect's own check also counts what it could not ask (a connection without a context): the scan
                // below decides what is really left
                connectionFailures.put(f.name(), "connection " + f.name() + ": still there: " + String.join(", ", e.leftovers())
                        + (e.reasons().isEmpty() ? "" : " (" + String.join("; ", e.reasons()) + ")"));
            } catch (java.util.concurrent.CancellationException e) {
                throw e;
            } catch (Exception e) {
                failures.add("connection " + f.name() + ": " + ErrorAdvice.explain(e, f.context()).detail());
            }
        }
        for (Map.Entry<String, List<Leftover>> ctx : byContext.entrySet()) {
            cancel.throwIfCancelled();
            progress.step("Remove from " + ctx.getKey(), ++step, total);
            try (ClusterSession session = clusters.open(ctx.getKey())) {
                GefyraCluster g = session.gefyra();
                List<Leftover> ordered = ctx.getValue().stream()
                        .sorted(Comparator.comparingInt(i -> order(((Target.ClusterObject) i.target()).kind()))).toList();
                for (Leftover i : ordered) {
                    cancel.throwIfCancelled();
                    progress.message(i.what());
                    Target.ClusterObject c = (Target.ClusterObject) i.target();
                    try {
                        switch (c.kind()) {
                            case BRIDGE -> g.deleteBridge(c.name(), timeout, cancel);
                            case MOUNT -> g.deleteMount(c.name(), timeout, cancel);
                            case CLIENT -> g.deleteClient(c.name(), timeout, cancel);
                            case SHADOW -> g.deleteMountArtifact(c.artifact());
                            case RBAC -> g.deleteClientRbac(c.name());
                            default -> throw new IllegalArgumentException("not a cluster object: " + c.kind());
                        }
                        removed.add(i.what());
                    } catch (java.util.concurrent.CancellationException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        failures.add(i.what() + ": " + ErrorAdvice.explain(e, ctx.getKey()).detail());
                    }
                }
            } catch (java.util.concurrent.CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                failures.add("context " + ctx.getKey() + ": " + ErrorAdvice.explain(e, ctx.getKey()).detail());
            }
        }
        for (Map.Entry<String, List<Leftover>> eng : byEngine.entrySet()) {
            cancel.throwIfCancelled();
            progress.step("Remove local leftovers", ++step, total);
            try (ContainerEngine engine = engines.open(eng.getKey())) {
                List<Leftover> ordered = eng.getValue().stream()
                        .sorted(Comparator.comparingInt(i -> ((Target.EngineObject) i.target()).kind() == Kind.CONTAINER ? 0 : 1)).toList();
                for (Leftover i : ordered) {
                    Target.EngineObject o = (Target.EngineObject) i.target();
                    try {
                        if (o.kind() == Kind.CONTAINER) {
                            engine.remove(o.name());
                        } else {
                            engine.removeNetwork(o.name());
                        }
                        removed.add(i.what());
                    } catch (RuntimeException e) {
                        failures.add(i.what() + ": " + ErrorAdvice.explain(e, "the container engine").detail());
                    }
                }
            } catch (RuntimeException e) {
                failures.add("the engine " + eng.getKey() + ": " + ErrorAdvice.explain(e, "the container engine").detail());
            }
        }
        progress.step("Check that nothing is left", total, total);
        CleanupScan after = rescan.get();
        List<Leftover> remaining = selected.stream().filter(i -> after.item(i.id()).isPresent()).toList();
        connectionFailures.forEach((name, line) -> {
            if (remaining.stream().anyMatch(i -> i.group().equals("connection " + name))) {
                failures.add(line);
            }
        });
        return new CleanupResult(removed, failures, remaining, after);
    }

    private static int order(Kind k) {
        return switch (k) {
            case BRIDGE -> 0;
            case MOUNT -> 1;
            case CLIENT -> 2;
            case SHADOW -> 3;
            case RBAC -> 4;
            default -> 5;
        };
    }
}
