package dev.ponte.app;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.health.CargoTunnelProbe;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.lifecycle.ConnectionRequest;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.lifecycle.UpOperation;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.KubeconfigSource;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.StepEvent;
import dev.ponte.docker.DockerEngine;
import dev.ponte.docker.EngineChoice;
import dev.ponte.docker.EngineDiscovery;
import dev.ponte.ui.connection.ConnectionBackend;
import dev.ponte.ui.connection.EngineOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Connects the connection panel to the real adapters: the kube context's cluster session for
 * Gefyra's objects, the discovered container engine for Cargo, and a tunnel monitor per connection.
 */
final class GefyraConnectionBackend implements ConnectionBackend {
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    private final KubeconfigSource kubeconfig;
    private final ClusterConnector connector;
    private final Supplier<List<Path>> extraKubeconfigs;
    private final EngineDiscovery discovery;
    private final ConnectionSettings settings;
    private final Scheduler scheduler;
    private final Clock clock;

    GefyraConnectionBackend(KubeconfigSource kubeconfig, ClusterConnector connector, Supplier<List<Path>> extraKubeconfigs,
                            EngineDiscovery discovery, ConnectionSettings settings, Scheduler scheduler, Clock clock) {
        this.kubeconfig = kubeconfig;
        this.connector = connector;
        this.extraKubeconfigs = extraKubeconfigs;
        this.discovery = discovery;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public Optional<Connection> find(String context) {
        try (ContainerEngine engine = openEngine()) {
            return engine.containers(Map.of(CargoLabels.ROLE, CargoLabels.ROLE_CARGO)).stream()
                    .map(c -> Connection.fromCargo(c.name(), c.labels(), c.ips(), c.running()))
                    .filter(c -> c != null && (context.equals(c.context()) || settings.connectionName(context).equals(c.name())))
                    .findFirst();
        }
    }

    @Override
    public Operation<Connection> up(String context, Consumer<StepEvent> steps) {
        return (progress, cancel) -> {
            KubeContext ctx = context(context);
            try (ClusterSession session = connector.open(ctx); ContainerEngine engine = openEngine()) {
                cancel.onCancel(session::close);
                GefyraImages images = settings.images();
                ConnectionRequest request = new ConnectionRequest(context, ctx.sourceFile().toString(),
                        settings.connectionName(context), settings.clientId(), images, InstallOptions.defaults(images),
                        settings.cargoEndpoint(), settings.stateDir(), socketOf(engine),
                        true, // upstream's privileged Cargo; CargoStarter falls back where the engine refuses it
                        STEP_TIMEOUT);
                return new UpOperation(request, session.gefyra(), engine, steps, clock).run(progress, cancel);
            }
        };
    }

    @Override
    public Operation<DownOperation.Report> down(Connection connection, boolean uninstall, Consumer<StepEvent> steps) {
        return (progress, cancel) -> {
            KubeContext ctx = context(connection.context());
            try (ClusterSession session = connector.open(ctx); ContainerEngine engine = openEngine()) {
                return new DownOperation(connection, settings.stateDir(), uninstall, session.gefyra(), engine, steps, clock,
                        STEP_TIMEOUT).run(progress, cancel);
            }
        };
    }

    @Override
    public Subscription watchHealth(Connection connection, Consumer<TunnelHealth> listener) {
        ContainerEngine engine = openEngine();
        ClusterSession session = connector.open(context(connection.context()));
        TunnelMonitor monitor = new TunnelMonitor(new CargoTunnelProbe(engine, connection.cargoName(), null,
                () -> reachable(session), clock), scheduler, clock);
        Subscription listening = monitor.addListener(listener);
        // Upstream restarts Stowaway whenever any client connects or disconnects: an expected dip, not an outage.
        Subscription others = connection.clientId() == null ? () -> { }
                : session.gefyra().watchOtherClients(connection.clientId(),
                        () -> monitor.expectDip(TunnelMonitor.STOWAWAY_RESTART));
        monitor.start();
        return () -> {
            monitor.stop();
            others.close();
            listening.close();
            session.close();
            engine.close();
        };
    }

    private static boolean reachable(ClusterSession session) {
        try {
            session.serverVersion();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String plan(String context) {
        return "Connect will create, if missing — in the cluster: namespace gefyra with Gefyra's operator and Stowaway "
                + "(WireGuard, UDP " + settings.cargoEndpoint() + "), and a GefyraClient for this machine ("
                + settings.clientId() + "); locally: the network " + "gefyra-network-" + settings.connectionName(context)
                + " and the Cargo container. Disconnect removes them again.";
    }

    @Override
    public List<EngineOption> engines() {
        EngineChoice choice = discovery.choose(settings.engineEndpoint());
        return choice.verdicts().stream().filter(v -> v.status() != EngineChoice.Status.MISSING).map(v -> new EngineOption(
                v.candidate().endpoint(),
                (v.info() == null ? "" : v.info().product() + " " + v.info().version() + " — ") + v.candidate().endpoint()
                        + " (" + v.candidate().source() + "; " + switch (v.status()) {
                            case USED -> "in use";
                            case ANSWERS -> "answers";
                            case NOT_ANSWERING -> "not answering";
                            case MISSING -> "missing";
                            case UNSUPPORTED -> "not supported";
                        } + ")",
                v.status() == EngineChoice.Status.USED || v.status() == EngineChoice.Status.ANSWERS,
                v.status() == EngineChoice.Status.USED)).toList();
    }

    @Override
    public void useEngine(String endpoint) {
        settings.useEngine(endpoint);
    }

    KubeContext context(String name) {
        KubeconfigSnapshot snapshot = kubeconfig.load(extraKubeconfigs.get());
        return snapshot.context(name).orElseThrow(() -> new PonteException(new Problem(Problem.Kind.KUBECONFIG,
                "Context " + name + " is not in your kubeconfig",
                "The connection was made for context '" + name + "', which no kubeconfig file defines now.",
                "Add the context back (or open its kubeconfig file in Ponte), or remove the connection with docker rm -f.")));
    }

    ContainerEngine openEngine() {
        EngineChoice choice = discovery.choose(settings.engineEndpoint());
        if (!choice.found()) {
            throw new PonteException(choice.problem().orElseGet(() -> new Problem(Problem.Kind.UNREACHABLE,
                    "No container engine answers", choice.summary(),
                    "Start Docker Desktop, Colima, Podman or Rancher Desktop, then try again.")));
        }
        return DockerEngine.open(choice.used().endpoint());
    }

    private static String socketOf(ContainerEngine engine) {
        String endpoint = engine.info().endpoint();
        return endpoint.startsWith("unix://") ? endpoint.substring("unix://".length()) : null;
    }
}
