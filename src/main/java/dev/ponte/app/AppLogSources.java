package dev.ponte.app;

import dev.ponte.core.model.Workload;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.docker.DockerContainerLogs;
import dev.ponte.docker.DockerEngine;
import dev.ponte.kube.logs.KubeLogs;
import dev.ponte.ui.shell.LogSources;
import java.util.function.Supplier;

/**
 * Log sources on the selected context's session and one engine client kept for log streams (opened
 * on first use, closed with the app).
 */
final class AppLogSources implements LogSources, AutoCloseable {
    private final Supplier<ClusterSession> session;
    private final Supplier<ContainerEngine> engines;
    private ContainerEngine engine;

    AppLogSources(Supplier<ClusterSession> session, Supplier<ContainerEngine> engines) {
        this.session = session;
        this.engines = engines;
    }

    @Override
    public LogSource workload(Workload workload) {
        return KubeLogs.of(current()).workload(workload);
    }

    @Override
    public LogSource pod(String namespace, String pod) {
        return KubeLogs.of(current()).pod(namespace, pod);
    }

    @Override
    public synchronized LogSource localContainer(String name) {
        if (engine == null) {
            engine = engines.get();
        }
        if (!(engine instanceof DockerEngine docker)) {
            throw new IllegalStateException("Local logs need the Docker adapter, not " + engine.getClass().getSimpleName());
        }
        return new DockerContainerLogs(docker, name, name);
    }

    private ClusterSession current() {
        ClusterSession s = session.get();
        if (s == null) {
            throw new PonteException(new Problem(Problem.Kind.UNREACHABLE, "No cluster session",
                    "The selected context is not connected to its API server right now.",
                    "Wait until the workloads show, then open the logs again."));
        }
        return s;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
