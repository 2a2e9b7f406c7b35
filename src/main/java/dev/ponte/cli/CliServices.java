package dev.ponte.cli;

import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.Workload;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.task.TaskLauncher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The core services the command line drives: the same ones the window drives ({@code app.CoreServices} builds both),
 * so a command does what the matching click does. The command line decides nothing the core decides; it parses,
 * calls, waits and prints.
 */
public interface CliServices extends AutoCloseable {
    /** Every connection across contexts: Connect, Disconnect, Resume, Clean up, health. */
    ConnectionService connections();

    /** Run, the local containers, Remove and Unbridge. */
    RunBackend runs();

    /** Mounts and bridges of one connection. */
    BridgeGateway bridges(Connection connection);

    Clusters clusters();

    /** The diagnostics checklist of any context (the window's Diagnose). */
    dev.ponte.core.diagnostics.DiagnosticsService diagnostics();

    Engines engines();

    /** This user and host; connection and client names derive from it. */
    String machine();

    /** The kubeconfig's current context, if it names one. */
    Optional<String> currentContext();

    /** Every context the kubeconfig defines (names, default namespaces; no credentials). */
    List<KubeContext> contexts();

    /** All pods of a workload in a context's cluster. */
    LogSource workloadLogs(String context, Workload workload);

    LogSource podLogs(String context, String namespace, String pod);

    /** A local container on the engine in use. */
    LogSource containerLogs(String container);

    /** Retries (log reconnects). */
    Scheduler scheduler();

    Clock clock();

    @Override
    void close();

    /** Builds the services for one command. */
    interface Factory {
        CliServices open(Options options, TaskLauncher tasks);
    }

    /**
     * What a command's flags change about the services.
     *
     * @param kubeconfig {@code --kubeconfig}: this file instead of KUBECONFIG / ~/.kube/config, or null
     * @param registry   {@code --registry}: Gefyra's images from this registry (air-gapped mirrors), or null
     */
    record Options(Path kubeconfig, String registry) {
        public static final Options DEFAULT = new Options(null, null);
    }
}
