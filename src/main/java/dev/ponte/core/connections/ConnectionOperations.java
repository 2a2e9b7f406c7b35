package dev.ponte.core.connections;

import dev.ponte.core.connections.Journal.Kind;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.lifecycle.ConnectionRequest;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.lifecycle.FileLog;
import dev.ponte.core.lifecycle.ReconnectOperation;
import dev.ponte.core.lifecycle.UpOperation;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.StepEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the operations the {@link ConnectionService} runs, each on the real ports with everything it creates going
 * through the {@link Journal} first. The cluster session and the engine stay open until the operation (and its
 * rollback) has finished: cancelling never closes what the rollback needs.
 */
final class ConnectionOperations {
    private final Engines engines;
    private final Clusters clusters;
    private final ConnectionSettings settings;
    private final Journal journal;
    private final Clock clock;
    private final Duration stepTimeout;
    private final Supplier<SubnetPicker> picker;

    ConnectionOperations(Engines engines, Clusters clusters, ConnectionSettings settings, Journal journal, Clock clock,
                         Duration stepTimeout, Supplier<SubnetPicker> picker) {
        this.engines = engines;
        this.clusters = clusters;
        this.settings = settings;
        this.journal = journal;
        this.clock = clock;
        this.stepTimeout = stepTimeout;
        this.picker = picker;
    }

    /** Gefyra's {@code up} for the context under the given names. */
    Operation<Connection> up(String context, Journal.Identity id, String op, Consumer<StepEvent> steps) {
        return (progress, cancel) -> {
            try (ClusterSession session = clusters.open(context); ContainerEngine raw = engines.open()) {
                String endpoint = raw.info().endpoint();
                ContainerEngine engine = new JournaledEngine(raw, journal, id.connection(), context, endpoint, op);
                GefyraCluster cluster = new JournaledCluster(session.gefyra(), journal, id.connection(), context, op);
                return new UpOperation(request(context, id, endpoint), cluster, engine, steps, clock, picker.get(),
                        files(id.connection(), context, op)).run(progress, cancel);
            }
        };
    }

    /** Gefyra's {@code down}; also the Clean up of leftovers ({@code strays}: probe networks to remove too). */
    Operation<DownOperation.Report> down(String context, Connection connection, boolean uninstall, String engineEndpoint,
                                         List<String> strays, boolean uninstallIfAlone, String op, Consumer<StepEvent> steps) {
        return (progress, cancel) -> {
            ClusterSession session = openOrNull(context);
            try (ContainerEngine raw = engineEndpoint == null ? engines.open() : engines.open(engineEndpoint)) {
                String endpoint = raw.info().endpoint();
                ContainerEngine engine = new JournaledEngine(raw, journal, connection.name(), context, endpoint, op);
                GefyraCluster cluster = session == null ? null
                        : new JournaledCluster(session.gefyra(), journal, connection.name(), context, op);
                boolean remove = uninstall || (uninstallIfAlone && cluster != null && alone(cluster, connection.clientId()));
                return new DownOperation(connection, settings.gefyraDir(), remove, cluster, engine, steps, clock, stepTimeout,
                        files(connection.name(), context, op), strays).run(progress, cancel);
            } finally {
                if (session != null) {
                    session.close();
                }
            }
        };
    }

    /** A new Cargo for the same client and subnet (the tunnel stayed down). */
    Operation<Connection> reconnect(String context, Journal.Identity id, String op, Consumer<StepEvent> steps) {
        return (progress, cancel) -> {
            try (ClusterSession session = clusters.open(context); ContainerEngine raw = engines.open()) {
                String endpoint = raw.info().endpoint();
                ContainerEngine engine = new JournaledEngine(raw, journal, id.connection(), context, endpoint, op);
                return new ReconnectOperation(request(context, id, endpoint), session.gefyra(), engine, steps, clock,
                        files(id.connection(), context, op)).run(progress, cancel);
            }
        };
    }

    /** Removes what an interrupted Run, Bridge or Unbridge left in a standing connection. */
    Operation<List<String>> cleanParts(String context, String connection, String clientId, Leftovers parts, String op,
                                       Consumer<StepEvent> steps) {
        return (progress, cancel) -> {
            ClusterSession session = openOrNull(context);
            try (ContainerEngine raw = engines.open()) {
                ContainerEngine engine = new JournaledEngine(raw, journal, connection, context, raw.info().endpoint(), op);
                GefyraCluster cluster = session == null ? null : new JournaledCluster(session.gefyra(), journal, connection, context, op);
                return new PartsCleanup(parts, engine, cluster, clientId, stepTimeout, steps, clock).run(progress, cancel);
            } finally {
                if (session != null) {
                    session.close();
                }
            }
        };
    }

    /** No other client is registered: an install this connection made may go with it. */
    private static boolean alone(GefyraCluster cluster, String clientId) {
        return cluster.leftovers().stream()
                .filter(s -> s.startsWith("GefyraClient/"))
                .allMatch(s -> clientId != null && s.endsWith("/" + clientId));
    }

    private ConnectionRequest request(String context, Journal.Identity id, String endpoint) {
        GefyraImages images = settings.images();
        return new ConnectionRequest(context, clusters.kubeconfigOf(context), id.connection(), id.clientId(), images,
                InstallOptions.defaults(images), settings.cargoEndpoint(context), settings.gefyraDir(),
                endpoint.startsWith("unix://") ? endpoint.substring("unix://".length()) : null,
                true, // upstream's privileged Cargo; CargoStarter falls back where the engine refuses it
                stepTimeout, settings.mtu(context));
    }

    private ClusterSession openOrNull(String context) {
        if (context == null) {
            return null;
        }
        try {
            return clusters.open(context);
        } catch (PonteException e) {
            return null; // the context is gone: the local parts still go, the rest is reported
        }
    }

    /** The connection's files, in the journal before they are written. */
    FileLog files(String connection, String context, String op) {
        return new FileLog() {
            @Override
            public void writing(Path file) {
                journal.creating(Kind.FILE, file.getFileName().toString(), connection, context, file.getParent().toString(), op);
            }

            @Override
            public void deleted(Path file) {
                journal.removed(Kind.FILE, file.getParent().toString(), file.getFileName().toString());
            }
        };
    }
}
