package dev.ponte.core.diagnostics;

import dev.ponte.core.connections.ConnectionSettings;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.HostNetwork;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnostics checklist of one context: runnable before connecting (engine, API server, permissions, operator,
 * Stowaway's endpoint from this machine, proxy, nodes, this machine's MTU) and while connected (then also the tunnel
 * through Cargo: handshake, DNS, the path MTU, and every bridge of this machine). Each line has its verdict, what was
 * measured and the fix. Blocking: run it through the task layer ({@link #check(String)}). Keeps the last report per
 * context for the screens that link to it.
 */
public final class DiagnosticsService {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsService.class);
    static final List<String> STEPS = List.of("Container engine", "API server", "Permissions", "Gefyra's operator",
            "Proxy", "Nodes", "Stowaway's endpoint", "Cluster DNS", "MTU", "Bridges");

    private final Engines engines;
    private final Clusters clusters;
    private final Supplier<ConnectionsSnapshot> connections;
    private final ConnectionSettings settings;
    private final HostNetwork host;
    private final Clock clock;
    private final Map<String, DiagnosticsReport> last = new ConcurrentHashMap<>();
    private final List<Consumer<DiagnosticsReport>> listeners = new CopyOnWriteArrayList<>();

    /** @param connections the connections as they are now ({@code ConnectionService::snapshot}) */
    public DiagnosticsService(Engines engines, Clusters clusters, Supplier<ConnectionsSnapshot> connections,
                              ConnectionSettings settings, HostNetwork host, Clock clock) {
        this.engines = engines;
        this.clusters = clusters;
        this.connections = connections;
        this.settings = settings;
        this.host = host;
        this.clock = clock;
    }

    /** The checklist as an operation for the task layer. */
    public Operation<DiagnosticsReport> check(String context) {
        return (progress, cancel) -> run(context, progress, cancel);
    }

    /** The last report of the context, if it was checked. */
    public Optional<DiagnosticsReport> last(String context) {
        return Optional.ofNullable(last.get(context));
    }

    /** Hears every finished report (on the thread that ran it). */
    public Subscription subscribe(Consumer<DiagnosticsReport> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public DiagnosticsReport run(String context, Progress progress, CancellationToken cancel) {
        Instant at = clock.instant();
        long t0 = System.nanoTime();
        ConnectionSnapshot snap = connections.get().of(context).orElse(null);
        Connection conn = snap != null && snap.state().isUp() ? snap.connection() : null;
        String connectionName = snap == null ? null : snap.name();
        List<Check> checks = new ArrayList<>();
        OptionalInt[] suggested = {OptionalInt.empty()};
        ContainerEngine engine = null;
        ClusterSession session = null;
        try {
            step(progress, cancel, 0);
            RuntimeException engineFailure = null;
            try {
                engine = engines.open();
            } catch (RuntimeException e) {
                engineFailure = e;
            }
            ContainerEngine e0 = engine;
            RuntimeException ef = engineFailure;
            checks.add(guard(Checks.ENGINE, ClusterChecks.ENGINE, () -> ClusterChecks.engine(engines, e0, ef)));

            step(progress, cancel, 1);
            String version = null;
            RuntimeException apiFailure = null;
            long apiMillis = 0;
            try {
                session = clusters.open(context);
                long a0 = System.nanoTime();
                version = session.serverVersion();
                apiMillis = (System.nanoTime() - a0) / 1_000_000;
            } catch (RuntimeException e) {
                apiFailure = e;
            }
            checks.add(ClusterChecks.api(version, apiMillis, apiFailure, context));
            boolean apiOk = version != null;
            GefyraCluster g = apiOk ? session.gefyra() : null;

            step(progress, cancel, 2);
            OperatorStatus status = null;
            if (apiOk) {
                try {
                    status = g.operatorStatus();
                } catch (RuntimeException e) {
                    LOG.info("Diagnostics: operator status of {} not read: {}", context, e.toString());
                }
            }
            boolean installed = status != null && status.installed();
            Check permissions = apiOk ? guard(Checks.PERMISSIONS, ClusterChecks.PERMISSIONS,
                    () -> ClusterChecks.permissions(g, installed))
                    : Check.notChecked(Checks.PERMISSIONS, ClusterChecks.PERMISSIONS, "needs the API server");
            checks.add(permissions);

            step(progress, cancel, 3);
            OperatorStatus st = status;
            boolean mayInstall = permissions.state() == CheckState.OK || permissions.state() == CheckState.WARNING;
            checks.add(apiOk && st != null ? guard(Checks.OPERATOR, ClusterChecks.OPERATOR, () -> ClusterChecks.operator(g, st, mayInstall))
                    : Check.notChecked(Checks.OPERATOR, ClusterChecks.OPERATOR, apiOk ? "the operator's Deployment could not be read"
                    : "needs the API server"));

            step(progress, cancel, 4);
            ClusterSession s0 = session;
            checks.add(session == null ? Check.notChecked(Checks.PROXY, ClusterChecks.PROXY, "the context could not be opened")
                    : guard(Checks.PROXY, ClusterChecks.PROXY, () -> ClusterChecks.proxy(s0.proxyUrl(), apiOk)));

            step(progress, cancel, 5);
            checks.add(apiOk ? guard(Checks.NODES, ClusterChecks.NODES, () -> ClusterChecks.nodes(g.nodes()))
                    : Check.notChecked(Checks.NODES, ClusterChecks.NODES, "needs the API server"));

            step(progress, cancel, 6);
            CargoShell cargo = conn != null && engine != null ? new CargoShell(engine, conn.cargoName()) : null;
            String endpoint = conn != null && conn.endpoint() != null ? conn.endpoint() : settings.cargoEndpoint(context);
            checks.add(guard(Checks.STOWAWAY, TunnelChecks.STOWAWAY, () -> TunnelChecks.stowaway(host, endpoint, cargo, clock)));

            step(progress, cancel, 7);
            checks.add(guard(Checks.DNS, TunnelChecks.DNS, () -> TunnelChecks.dns(cargo)));

            step(progress, cancel, 8);
            checks.add(guard(Checks.MTU, TunnelChecks.MTU, () -> {
                TunnelChecks.MtuResult r = TunnelChecks.mtu(host, endpoint, cargo);
                suggested[0] = r.suggested();
                return r.check();
            }));

            step(progress, cancel, 9);
            if (conn != null && apiOk && conn.clientId() != null) {
                try {
                    for (Bridge b : g.bridges(Map.of(RunLabels.BRIDGE_CLIENT, conn.clientId()))) {
                        cancel.throwIfCancelled();
                        ContainerEngine e1 = engine;
                        ClusterSession s1 = session;
                        checks.add(guard(Checks.bridge(b.name()), "Bridge " + b.name(),
                                () -> BridgeChecks.check(b, g, s1.inspector(), e1, cargo, conn)));
                    }
                } catch (RuntimeException e) {
                    if (e instanceof java.util.concurrent.CancellationException c) {
                        throw c;
                    }
                    checks.add(Check.notChecked(Checks.BRIDGE + "*", "Bridges", "the bridges could not be listed: "
                            + ErrorAdvice.explain(e, "the cluster").detail()));
                }
            }
        } finally {
            if (session != null) {
                session.close();
            }
            if (engine != null) {
                engine.close();
            }
        }
        DiagnosticsReport report = new DiagnosticsReport(context, connectionName, conn != null, at,
                Duration.ofNanos(System.nanoTime() - t0), checks, suggested[0]);
        last.put(context, report);
        LOG.info("Diagnostics of {}: {} OK, {} warning(s), {} failed, {} not checked in {} ms", context,
                report.count(CheckState.OK), report.count(CheckState.WARNING), report.count(CheckState.FAILED),
                report.count(CheckState.NOT_CHECKED), report.took().toMillis());
        for (Consumer<DiagnosticsReport> l : listeners) {
            try {
                l.accept(report);
            } catch (RuntimeException e) {
                LOG.warn("A diagnostics listener failed: {}", e.toString());
            }
        }
        return report;
    }

    private static void step(Progress progress, CancellationToken cancel, int i) {
        cancel.throwIfCancelled();
        progress.step(STEPS.get(i), i + 1, STEPS.size());
    }

    /** A check that throws becomes a "not checked" line with the reason, never a failed report. */
    private static Check guard(String key, String title, Supplier<Check> check) {
        try {
            return check.get();
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            return Check.notChecked(key, title, e.getMessage());
        } catch (RuntimeException e) {
            var p = ErrorAdvice.explain(e, "the cluster");
            return Check.notChecked(key, title, p.title() + ": " + p.detail());
        }
    }
}
