package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gefyra's {@code down} for one connection: removes Cargo, the network (and the run containers in it), this
 * connection's files, its bridges and the mounts Ponte made for it that nobody else uses, and its GefyraClient; with
 * {@code uninstall} also every Gefyra object in the cluster. Idempotent and fine on half-created state (it is also
 * the Clean up of leftovers). Local parts go first and always: when the cluster cannot be reached, the cluster steps
 * fail, the local ones still run, and the end says what remains in the cluster and why. Ends by checking that
 * nothing of the connection remains.
 */
public final class DownOperation implements Operation<DownOperation.Report> {
    static final String STRAYS = "Remove leftover networks";
    static final String CARGO = "Remove Cargo";
    static final String NETWORK = "Remove the local network";
    static final String FILES = "Remove local files";
    static final String BRIDGES = "Remove this connection's bridges";
    static final String CLIENT = "Unregister this machine";
    static final String UNINSTALL = "Uninstall Gefyra from the cluster";
    static final String VERIFY = "Check that nothing is left";

    /** What down removed, and what it found still there at the end (empty when clean). */
    public record Report(List<String> removed, List<String> leftovers) {
        public boolean clean() {
            return leftovers.isEmpty();
        }
    }

    private final Connection connection;
    private final Path stateDir;
    private final boolean uninstall;
    private final GefyraCluster cluster;
    private final ContainerEngine engine;
    private final Consumer<StepEvent> stepListener;
    private final Clock clock;
    private final Duration timeout;
    private final FileLog files;
    private final List<String> strayNetworks;

    public DownOperation(Connection connection, Path stateDir, boolean uninstall, GefyraCluster cluster,
                         ContainerEngine engine, Consumer<StepEvent> stepListener, Clock clock, Duration timeout) {
        this(connection, stateDir, uninstall, cluster, engine, stepListener, clock, timeout, FileLog.NONE, List.of());
    }

    /**
     * @param cluster       null when the connection's context is gone from the kubeconfig: the cluster steps then
     *                      report what they could not remove
     * @param strayNetworks networks of an interrupted subnet search to remove as well (Clean up)
     */
    public DownOperation(Connection connection, Path stateDir, boolean uninstall, GefyraCluster cluster,
                         ContainerEngine engine, Consumer<StepEvent> stepListener, Clock clock, Duration timeout,
                         FileLog files, List<String> strayNetworks) {
        this.connection = connection;
        this.stateDir = stateDir;
        this.uninstall = uninstall;
        this.cluster = cluster;
        this.engine = engine;
        this.stepListener = stepListener;
        this.clock = clock;
        this.timeout = timeout;
        this.files = files;
        this.strayNetworks = List.copyOf(strayNetworks);
    }

    @Override
    public Report run(Progress progress, CancellationToken cancel) throws Exception {
        List<String> names = new ArrayList<>();
        if (!strayNetworks.isEmpty()) {
            names.add(STRAYS);
        }
        names.addAll(List.of(CARGO, NETWORK, FILES, BRIDGES, CLIENT));
        if (uninstall) {
            names.add(UNINSTALL);
        }
        names.add(VERIFY);
        Steps s = new Steps(names, stepListener, progress, cancel, clock);
        List<String> removed = new ArrayList<>();
        /** Why cluster steps could not finish (the cluster unreachable, say): reported with the leftovers. */
        List<String> clusterTrouble = new ArrayList<>();

        if (!strayNetworks.isEmpty()) {
            s.run(STRAYS, step -> {
                for (String n : strayNetworks) {
                    if (engine.network(n).isPresent()) {
                        engine.removeNetwork(n);
                        removed.add("network " + n);
                    }
                }
                return strayNetworks.size() + " removed";
            });
        }
        s.run(CARGO, step -> {
            if (engine.container(connection.cargoName()).isEmpty()) {
                return "already gone";
            }
            engine.remove(connection.cargoName());
            removed.add("container " + connection.cargoName());
            return "removed " + connection.cargoName();
        });
        s.run(NETWORK, step -> {
            if (engine.network(connection.networkName()).isEmpty()) {
                return "already gone";
            }
            // Gefyra-run containers on the network go with it (upstream removes them too).
            for (ContainerEngine.Container c : engine.containers(Map.of(CargoLabels.CREATED_BY, "true"))) {
                if (c.ips().containsKey(connection.networkName()) && !c.name().equals(connection.cargoName())) {
                    engine.remove(c.name());
                    removed.add("container " + c.name());
                }
            }
            engine.removeNetwork(connection.networkName());
            removed.add("network " + connection.networkName());
            return "removed " + connection.networkName();
        });
        s.run(FILES, step -> {
            int n = 0;
            for (Path f : localFiles()) {
                if (Files.deleteIfExists(f)) {
                    removed.add("file " + f);
                    n++;
                }
                files.deleted(f);
            }
            return n == 0 ? "none" : n + " removed";
        });
        clusterStep(s, BRIDGES, clusterTrouble, step -> {
            String id = connection.clientId();
            if (id == null) {
                return "no client";
            }
            int n = 0;
            for (Bridge b : cluster.bridges(Map.of(RunLabels.BRIDGE_CLIENT, id))) {
                step.detail("deleting GefyraBridge " + b.name());
                cluster.deleteBridge(b.name(), timeout, cancel);
                removed.add("GefyraBridge " + b.name());
                n++;
            }
            for (BridgeMount m : cluster.mounts()) {
                if (id.equals(m.createdBy()) && cluster.bridges(Map.of(RunLabels.BRIDGE_MOUNT, m.name())).isEmpty()) {
                    step.detail("deleting GefyraBridgeMount " + m.name() + "; the operator restores the workload");
                    cluster.deleteMount(m.name(), timeout, cancel);
                    removed.add("GefyraBridgeMount " + m.name());
                    n++;
                }
            }
            return n == 0 ? "none" : n + " removed";
        });
        clusterStep(s, CLIENT, clusterTrouble, step -> {
            String id = connection.clientId();
            if (id == null || cluster.client(id).isEmpty()) {
                return "no client in the cluster";
            }
            if (cluster.client(id).map(c -> c.state() == ClientState.ACTIVE).orElse(false)) {
                cluster.clearSubnet(id);
            }
            step.detail("deleting GefyraClient " + id + "; the operator removes its peer and account");
            cluster.deleteClient(id, timeout, cancel);
            removed.add("GefyraClient " + id);
            return "GefyraClient " + id + " deleted";
        });
        if (uninstall) {
            clusterStep(s, UNINSTALL, clusterTrouble, step -> {
                List<String> gone = cluster.uninstall(timeout, progress, cancel);
                removed.addAll(gone);
                return gone.size() + " objects removed";
            });
        }
        List<String> left = new ArrayList<>();
        s.run(VERIFY, step -> {
            engine.container(connection.cargoName()).ifPresent(c -> left.add("container " + c.name()));
            engine.network(connection.networkName()).ifPresent(n -> left.add("network " + n.name()));
            for (String n : strayNetworks) {
                engine.network(n).ifPresent(x -> left.add("network " + x.name()));
            }
            for (Path f : localFiles()) {
                if (Files.exists(f)) {
                    left.add("file " + f);
                }
            }
            if (cluster == null) {
                left.addAll(inCluster(clusterTrouble));
            } else {
                try {
                    if (connection.clientId() != null) {
                        cluster.client(connection.clientId()).ifPresent(c -> left.add("GefyraClient " + c.name()));
                        cluster.bridges(Map.of(RunLabels.BRIDGE_CLIENT, connection.clientId()))
                                .forEach(b -> left.add("GefyraBridge " + b.name()));
                        // A mount this machine made that no bridge uses any more still holds Carrier2 in the workload.
                        for (BridgeMount m : cluster.mounts()) {
                            if (connection.clientId().equals(m.createdBy())
                                    && cluster.bridges(Map.of(RunLabels.BRIDGE_MOUNT, m.name())).isEmpty()) {
                                left.add("GefyraBridgeMount " + m.name());
                            }
                        }
                    }
                    if (uninstall) {
                        left.addAll(settled(cancel));
                    }
                } catch (RuntimeException e) {
                    clusterTrouble.add(ErrorAdvice.explain(e, "the cluster").detail());
                    left.addAll(inCluster(clusterTrouble));
                }
            }
            if (!left.isEmpty()) {
                throw new LeftoversException(left, clusterTrouble);
            }
            return "nothing left";
        });
        return new Report(removed, left);
    }

    /**
     * What of Gefyra is still in the cluster after the uninstall, once what is merely on its way out has gone: the
     * objects of a deleted namespace go after it (the API server collects them), so a moment's wait is no leftover.
     */
    private List<String> settled(CancellationToken cancel) throws InterruptedException {
        List<String>[] last = new List[] {cluster.leftovers()};
        try {
            dev.ponte.core.task.Poll.until("Gefyra's objects to go", () -> {
                last[0] = cluster.leftovers();
                return last[0].isEmpty() ? Boolean.TRUE : null;
            }, SETTLE, java.time.Duration.ofMillis(250), cancel);
        } catch (java.util.concurrent.TimeoutException e) {
            // what is still there after the wait is reported as left over
        }
        return last[0];
    }

    /** How long the check waits for a deleted namespace's objects to go. */
    static final Duration SETTLE = Duration.ofSeconds(20);

    /** What cannot be checked while the cluster does not answer: the connection's cluster objects, named. */
    private List<String> inCluster(List<String> trouble) {
        List<String> out = new ArrayList<>();
        if (connection.clientId() != null) {
            out.add("GefyraClient " + connection.clientId() + " and its bridges (in the cluster, not reachable)");
        }
        if (uninstall) {
            out.add("Gefyra's installation (in the cluster, not reachable)");
        }
        if (out.isEmpty() && !trouble.isEmpty()) {
            out.add("the connection's objects in the cluster (not reachable)");
        }
        return out;
    }

    /** A cluster step that does not stop the local ones: its failure is noted and reported at the end. */
    private void clusterStep(Steps s, String name, List<String> trouble, Steps.Work work) throws Exception {
        try {
            if (cluster == null) {
                s.run(name, step -> {
                    throw new dev.ponte.core.task.PonteException(new dev.ponte.core.task.Problem(
                            dev.ponte.core.task.Problem.Kind.KUBECONFIG, "Context gone",
                            "The context '" + connection.context() + "' is in no kubeconfig file now, so its cluster cannot be reached.",
                            "Add the context back, then press Disconnect again."));
                });
            } else {
                s.run(name, work);
            }
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (Exception e) {
            trouble.add(name + ": " + ErrorAdvice.explain(e, "the cluster").detail());
        }
    }

    /** The connection's files in {@code ~/.gefyra}; none when its name could lead anywhere else. */
    private List<Path> localFiles() {
        if (dev.ponte.core.connections.ConnectionNames.checkedName(connection.name()).isEmpty()) {
            return List.of();
        }
        return java.util.stream.Stream.of(".conf", ".yaml").map(ext -> stateDir.resolve(connection.name() + ext))
                .filter(p -> stateDir.equals(p.getParent())).toList();
    }

    /** Down finished, but these are still there. */
    public static final class LeftoversException extends Exception {
        private final List<String> leftovers;
        private final List<String> reasons;

        LeftoversException(List<String> leftovers, List<String> reasons) {
            super("Still there after disconnect: " + String.join(", ", leftovers));
            this.leftovers = List.copyOf(leftovers);
            this.reasons = List.copyOf(reasons);
        }

        public List<String> leftovers() {
            return leftovers;
        }

        /** Why the cluster steps could not finish (empty when they did). */
        public List<String> reasons() {
            return reasons;
        }
    }
}
