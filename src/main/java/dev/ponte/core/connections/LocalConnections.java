package dev.ponte.core.connections;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.Engines;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This machine's connections as the start-up reconcile finds them ({@link Reconciler}: the journal against the engines,
 * the clusters and {@code ~/.gefyra}, Ponte's and the gefyra CLI's alike), and their removal through the same
 * journaled {@link DownOperation} that Clean up runs — for the cleanup assistant, which must not have a remover of its
 * own for what Disconnect already removes.
 */
public final class LocalConnections {
    /**
     * One connection of this machine with everything of it that exists.
     *
     * @param strays probe networks its interrupted subnet search left
     */
    public record Found(String context, String name, String clientId, Connection connection, Leftovers parts,
                        String engineEndpoint, boolean byGefyraCli, List<String> strays) {
        public Found {
            strays = List.copyOf(strays);
        }
    }

    private final Engines engines;
    private final Clusters clusters;
    private final ConnectionSettings settings;
    private final Journal journal;
    private final ConnectionOperations operations;

    public LocalConnections(Engines engines, Clusters clusters, ConnectionSettings settings, Journal journal, Clock clock,
                            Duration timeout) {
        this.engines = engines;
        this.clusters = clusters;
        this.settings = settings;
        this.journal = journal;
        this.operations = new ConnectionOperations(engines, clusters, settings, journal, clock, timeout,
                dev.ponte.core.gefyra.SubnetPicker::forThisHost);
    }

    /** Every connection anything of this machine names, with its parts. Blocking (engines and clusters are asked). */
    public List<Found> scan() {
        return new Reconciler(engines, clusters, settings, journal).run(null).stream()
                .filter(f -> !f.leftovers().isEmpty())
                .map(f -> new Found(f.context(), f.name(), f.clientId(), f.connection(), f.leftovers(), f.engineEndpoint(),
                        f.byGefyraCli(), f.strays()))
                .toList();
    }

    /**
     * Removes the connection's parts as Disconnect does (Cargo, network and the containers on it, its files, its bridges,
     * the mounts its client made that nobody uses, its client; the probe networks of its subnet search), journaled, and
     * checks that nothing of it is left. Gefyra's installation stays.
     */
    public Operation<DownOperation.Report> remove(Found f, Consumer<StepEvent> steps) {
        Connection conn = f.connection() != null ? f.connection() : Connection.named(f.name(), f.context(), f.clientId());
        return (progress, cancel) -> {
            String op = journal.started(f.name(), f.context(), "Clean up");
            try {
                DownOperation.Report report = operations.down(f.context(), conn, false, f.engineEndpoint(), f.strays(), false,
                        op, steps).run(progress, cancel);
                journal.removedAll(x -> f.name().equals(x.connection()));
                return report;
            } finally {
                journal.ended(op);
            }
        };
    }

    /** Whether a connection of this name is one the journal gave this machine (Ponte made it here). */
    public boolean ours(String clientId) {
        return clientId != null && journal.identities().stream().anyMatch(i -> clientId.equals(i.clientId()));
    }

    /** This machine's client names: the journal's, and those {@code machine} would give its connections. */
    public Supplier<List<String>> clientIds() {
        return () -> journal.identities().stream().map(Journal.Identity::clientId).toList();
    }
}
