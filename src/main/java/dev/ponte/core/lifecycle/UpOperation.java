package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.Steps;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gefyra's {@code up} for one kube context (shared/gefyra-protocol.md 2, 4.4, 4.5, 5): pre-flight,
 * install when needed, register this machine, negotiate the network, start Cargo, wait for the
 * handshake, prove the tunnel. Cancel or failure rolls back what this run created, and only that.
 */
public final class UpOperation implements Operation<Connection> {
    private static final Logger LOG = LoggerFactory.getLogger(UpOperation.class);

    static final String PREFLIGHT = "Check the container engine and the cluster";
    static final String INSTALL = "Install Gefyra in the cluster";
    static final String REGISTER = "Register this machine";
    static final String NETWORK = "Create the local network";
    static final String CONFIG = "Wait for the tunnel configuration";
    static final String CARGO = "Start Cargo";
    static final String HANDSHAKE = "Wait for the WireGuard handshake";
    static final String PROVE = "Reach the cluster through the tunnel";
    static final List<String> STEPS = List.of(PREFLIGHT, INSTALL, REGISTER, NETWORK, CONFIG, CARGO, HANDSHAKE, PROVE);

    private final ConnectionRequest request;
    private final GefyraCluster cluster;
    private final ContainerEngine engine;
    private final Consumer<StepEvent> stepListener;
    private final Clock clock;
    private final SubnetPicker picker;
    private final FileLog files;

    public UpOperation(ConnectionRequest request, GefyraCluster cluster, ContainerEngine engine,
                       Consumer<StepEvent> stepListener, Clock clock) {
        this(request, cluster, engine, stepListener, clock, SubnetPicker.forThisHost());
    }

    /** @param picker how subnets are chosen (tests pass one with a fixed route table) */
    public UpOperation(ConnectionRequest request, GefyraCluster cluster, ContainerEngine engine,
                       Consumer<StepEvent> stepListener, Clock clock, SubnetPicker picker) {
        this(request, cluster, engine, stepListener, clock, picker, FileLog.NONE);
    }

    /** @param files hears about the WireGuard config before it is written (the journal) */
    public UpOperation(ConnectionRequest request, GefyraCluster cluster, ContainerEngine engine,
                       Consumer<StepEvent> stepListener, Clock clock, SubnetPicker picker, FileLog files) {
        this.files = files;
        this.picker = picker;
        this.request = request;
        this.cluster = cluster;
        this.engine = engine;
        this.stepListener = stepListener;
        this.clock = clock;
    }

    @Override
    public Connection run(Progress progress, CancellationToken cancel) throws Exception {
        Steps steps = new Steps(STEPS, stepListener, progress, cancel, clock);
        Rollback rollback = new Rollback();
        try {
            Preflight.Result pre = new Preflight(cluster, engine).check(steps, PREFLIGHT);
            installIfNeeded(steps, pre.operator(), rollback, progress, cancel);
            register(steps, rollback, cancel);
            String subnet = new NetworkNegotiation(request, cluster, engine, picker).negotiate(steps, NETWORK, rollback);
            GefyraClient active = awaitConfig(steps, cancel);
            new CargoStarter(request, engine, files).start(steps, CARGO, HANDSHAKE, PROVE, active, subnet, rollback, cancel);
            return engine.container(request.cargoName())
                    .map(c -> Connection.fromCargo(c.name(), c.labels(), c.ips(), c.running()))
                    .orElseThrow(() -> new IllegalStateException("Cargo vanished right after it started"));
        } catch (Exception e) {
            steps.skipRest(cancel.isCancelled() ? "cancelled" : "stopped after a failure");
            throw rollback.undo(e, cancel, progress, "Connect failed and could not clean up fully",
                    "Use Disconnect (or Clean up) to remove what is left, then try again.");
        }
    }

    private void installIfNeeded(Steps steps, OperatorStatus operator, Rollback rollback, Progress progress,
                                 CancellationToken cancel) throws Exception {
        if (operator.installed() && operator.ready()) {
            return; // the step is shown as skipped ("not needed") when the next one runs
        }
        steps.run(INSTALL, step -> {
            if (!operator.installed()) {
                // Pushed first: an install that fails half-way is rolled back too. Never while another client uses it.
                rollback.push("uninstall Gefyra", () -> {
                    if (cluster.activeSubnets().isEmpty()) {
                        cluster.uninstall(request.stepTimeout(), Progress.NONE, new CancellationToken());
                    }
                });
            }
            List<String> created = cluster.install(request.install(), progress, cancel);
            step.detail(created.size() + " objects applied; waiting for the operator");
            cluster.awaitOperatorReady(request.stepTimeout(), progress, cancel);
            return "operator " + request.images().version() + " ready";
        });
    }

    private void register(Steps steps, Rollback rollback, CancellationToken cancel) throws Exception {
        steps.run(REGISTER, step -> {
            String id = request.clientId();
            var existing = cluster.client(id);
            if (existing.isEmpty()) {
                cluster.createClient(id);
                rollback.push("delete GefyraClient " + id,
                        () -> cluster.deleteClient(id, request.stepTimeout(), new CancellationToken()));
                step.detail("client " + id + " created; waiting for the operator");
            } else if (existing.get().state() == ClientState.ACTIVE) {
                // A previous connection of this machine is still active: start over cleanly.
                cluster.clearSubnet(id);
                step.detail("client " + id + " was still active; resetting it");
            }
            GefyraClient c = cluster.awaitClient(id, x -> x.state() == ClientState.WAITING, "client " + id + " WAITING",
                    request.stepTimeout(), cancel);
            return "client " + c.name() + " is waiting for a connection";
        });
    }

    private GefyraClient awaitConfig(Steps steps, CancellationToken cancel) throws Exception {
        GefyraClient[] out = new GefyraClient[1];
        steps.run(CONFIG, step -> {
            out[0] = cluster.awaitClient(request.clientId(),
                    c -> c.state() == ClientState.ACTIVE && !c.providerConfig().isEmpty(),
                    "client " + request.clientId() + " ACTIVE", request.stepTimeout(), cancel);
            return "Stowaway added this machine as a WireGuard peer (" + Gefyra.STOWAWAY_IP + ")";
        });
        return out[0];
    }
}
