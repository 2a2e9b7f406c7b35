package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
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
 * Gefyra's {@code down} for one connection: removes Cargo, the network (and the run containers in
 * it), this machine's GefyraClient and its files; with {@code uninstall} also every Gefyra object
 * in the cluster. Idempotent and fine on half-created state; ends by checking that nothing of ours
 * remains and reports what it removed and what is left.
 */
public final class DownOperation implements Operation<DownOperation.Report> {
    static final String CARGO = "Remove Cargo";
    static final String NETWORK = "Remove the local network";
    static final String CLIENT = "Unregister this machine";
    static final String FILES = "Remove local files";
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

    public DownOperation(Connection connection, Path stateDir, boolean uninstall, GefyraCluster cluster,
                         ContainerEngine engine, Consumer<StepEvent> stepListener, Clock clock, Duration timeout) {
        this.connection = connection;
        this.stateDir = stateDir;
        this.uninstall = uninstall;
        this.cluster = cluster;
        this.engine = engine;
        this.stepListener = stepListener;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Report run(Progress progress, CancellationToken cancel) throws Exception {
        List<String> steps = new ArrayList<>(List.of(CARGO, NETWORK, CLIENT, FILES));
        if (uninstall) {
            steps.add(UNINSTALL);
        }
        steps.add(VERIFY);
        Steps s = new Steps(steps, stepListener, progress, cancel, clock);
        List<String> removed = new ArrayList<>();

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
                if (c.ips().containsKey(connection.networkName())) {
                    engine.remove(c.name());
                    removed.add("container " + c.name());
                }
            }
            engine.removeNetwork(connection.networkName());
            removed.add("network " + connection.networkName());
            return "removed " + connection.networkName();
        });
        s.run(CLIENT, step -> {
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
        s.run(FILES, step -> {
            int n = 0;
            for (Path f : localFiles()) {
                if (Files.deleteIfExists(f)) {
                    removed.add("file " + f);
                    n++;
                }
            }
            return n == 0 ? "none" : n + " removed";
        });
        if (uninstall) {
            s.run(UNINSTALL, step -> {
                List<String> gone = cluster.uninstall(timeout, progress, cancel);
                removed.addAll(gone);
                return gone.size() + " objects removed";
            });
        }
        List<String> left = new ArrayList<>();
        s.run(VERIFY, step -> {
            engine.container(connection.cargoName()).ifPresent(c -> left.add("container " + c.name()));
            engine.network(connection.networkName()).ifPresent(n -> left.add("network " + n.name()));
            if (connection.clientId() != null) {
                cluster.client(connection.clientId()).ifPresent(c -> left.add("GefyraClient " + c.name()));
            }
            for (Path f : localFiles()) {
                if (Files.exists(f)) {
                    left.add("file " + f);
                }
            }
            if (uninstall) {
                left.addAll(cluster.leftovers());
            }
            if (!left.isEmpty()) {
                throw new LeftoversException(left);
            }
            return "nothing left";
        });
        return new Report(removed, left);
    }

    private List<Path> localFiles() {
        return List.of(stateDir.resolve(connection.name() + ".conf"), stateDir.resolve(connection.name() + ".yaml"));
    }

    /** Down finished, but these are still there. */
    public static final class LeftoversException extends Exception {
        private final List<String> leftovers;

        LeftoversException(List<String> leftovers) {
            super("Still there after disconnect: " + String.join(", ", leftovers));
            this.leftovers = List.copyOf(leftovers);
        }

        public List<String> leftovers() {
            return leftovers;
        }
    }
}
