package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reconnect of a connection whose tunnel stayed down (upstream's {@code connections connect -n NAME} of an existing
 * connection, 4.7): the client and its subnet stay; Cargo is made anew with the client's current WireGuard
 * configuration on the existing network, then the handshake and the tunnel are proven as in {@link UpOperation}.
 */
public final class ReconnectOperation implements Operation<Connection> {
    static final String CHECK = "Check this machine's client and network";
    static final String CARGO = "Start a new Cargo";
    static final String HANDSHAKE = UpOperation.HANDSHAKE;
    static final String PROVE = UpOperation.PROVE;
    static final String NETWORK = "Make the network with the new MTU";
    static final String APPS = "Route your containers through the new Cargo";

    private final ConnectionRequest request;
    private final GefyraCluster cluster;
    private final ContainerEngine engine;
    private final Consumer<StepEvent> stepListener;
    private final Clock clock;
    private final FileLog files;

    public ReconnectOperation(ConnectionRequest request, GefyraCluster cluster, ContainerEngine engine,
                              Consumer<StepEvent> stepListener, Clock clock, FileLog files) {
        this.request = request;
        this.cluster = cluster;
        this.engine = engine;
        this.stepListener = stepListener;
        this.clock = clock;
        this.files = files;
    }

    @Override
    public Connection run(Progress progress, CancellationToken cancel) throws Exception {
        boolean mtu = request.mtu().isPresent();
        Steps steps = new Steps(mtu ? List.of(CHECK, NETWORK, CARGO, HANDSHAKE, PROVE, APPS) : List.of(CHECK, CARGO, HANDSHAKE, PROVE),
                stepListener, progress, cancel, clock);
        Rollback rollback = new Rollback();
        GefyraClient[] client = new GefyraClient[1];
        String[] subnet = new String[1];
        try {
            steps.run(CHECK, step -> {
                client[0] = cluster.client(request.clientId()).filter(c -> c.state() == ClientState.ACTIVE
                        && !c.providerConfig().isEmpty()).orElseThrow(() -> gone("This machine's client "
                        + request.clientId() + " is no longer active in the cluster (Stowaway or the operator restarted it)."));
                subnet[0] = engine.network(request.networkName()).flatMap(n -> n.subnets().stream().findFirst())
                        .orElseThrow(() -> gone("The network " + request.networkName() + " is gone."));
                return "client " + request.clientId() + " ACTIVE, network on " + subnet[0];
            });
            List<String> apps = mtu ? new NetworkMtu(request, engine).apply(steps, NETWORK, subnet[0]) : List.of();
            new CargoStarter(request, engine, files).start(steps, CARGO, HANDSHAKE, PROVE, client[0], subnet[0], rollback, cancel);
            Connection conn = engine.container(request.cargoName())
                    .map(c -> Connection.fromCargo(c.name(), c.labels(), c.ips(), c.running()))
                    .orElseThrow(() -> new IllegalStateException("Cargo vanished right after it started"));
            if (mtu) {
                steps.run(APPS, step -> {
                    for (String app : apps) {
                        step.detail(app);
                        dev.ponte.core.run.Reattach.run(engine, cluster, conn, app);
                    }
                    return apps.isEmpty() ? "no containers on the network" : String.join(", ", apps) + " routed through Cargo";
                });
            }
            return conn;
        } catch (Exception e) {
            steps.skipRest(cancel.isCancelled() ? "cancelled" : "stopped after a failure");
            throw rollback.undo(e, cancel, progress, "Reconnect failed and could not clean up fully",
                    "Disconnect, then Connect again.");
        }
    }

    private static PonteException gone(String detail) {
        return new PonteException(new Problem(Problem.Kind.REFUSED, "Cannot reconnect", detail,
                "Disconnect, then Connect again: that registers this machine anew."));
    }
}
