package dev.ponte.core.connections;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.CargoTunnelProbe;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Watches one connection's tunnel: a {@link TunnelMonitor} sampling through Cargo and the API server, plus a watch
 * of the cluster's other clients (upstream restarts Stowaway whenever any client connects or disconnects: an
 * expected dip, not an outage). Holds the engine and the cluster session until closed.
 */
final class TunnelWatch implements AutoCloseable {
    private final TunnelMonitor monitor;
    private final Subscription listening;
    private final Subscription others;
    private final ClusterSession session;
    private final ContainerEngine engine;

    private TunnelWatch(TunnelMonitor monitor, Subscription listening, Subscription others, ClusterSession session,
                        ContainerEngine engine) {
        this.monitor = monitor;
        this.listening = listening;
        this.others = others;
        this.session = session;
        this.engine = engine;
    }

    /** Opens the engine and the session and starts sampling; blocking (I/O), so never on a UI thread. */
    static TunnelWatch start(ContainerEngine engine, ClusterSession session, Connection connection, Scheduler scheduler,
                             Clock clock, TunnelMonitor.Settings settings, Consumer<TunnelHealth> listener) {
        try {
            TunnelMonitor monitor = new TunnelMonitor(new CargoTunnelProbe(engine, connection.cargoName(), null,
                    () -> reachable(session), clock), scheduler, clock, settings);
            Subscription listening = monitor.addListener(listener);
            Subscription others = connection.clientId() == null || session == null ? () -> { }
                    : session.gefyra().watchOtherClients(connection.clientId(),
                            () -> monitor.expectDip(TunnelMonitor.STOWAWAY_RESTART));
            monitor.start();
            return new TunnelWatch(monitor, listening, others, session, engine);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            engine.close();
            throw e;
        }
    }

    private static boolean reachable(ClusterSession session) {
        if (session == null) {
            return false;
        }
        try {
            session.serverVersion();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Samples now (woke up, network changed). */
    void sampleNow() {
        monitor.sampleNow();
    }

    @Override
    public void close() {
        monitor.stop();
        others.close();
        listening.close();
        if (session != null) {
            session.close();
        }
        engine.close();
    }
}
