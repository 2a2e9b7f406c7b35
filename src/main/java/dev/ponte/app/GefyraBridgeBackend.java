package dev.ponte.app;

import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.BridgeOperation;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.ui.bridge.BridgeBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bridge wizard on the real adapters, for the selected context's connection. */
final class GefyraBridgeBackend implements BridgeBackend {
    /** Carrier2 replaces the container and the pods restart: longer than a plain API wait. */
    static final Duration BRIDGE_TIMEOUT = Duration.ofMinutes(4);

    private final GefyraRunBackend run;

    GefyraBridgeBackend(GefyraRunBackend run) {
        this.run = run;
    }

    @Override
    public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        return run.describe(namespace, kind, name);
    }

    @Override
    public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
        try (ClusterSession session = run.session(run.required())) {
            return session.inspector().services(namespace, kind, name).stream()
                    .map(p -> new ServicePort(p.service(), p.port(), p.targetPort())).toList();
        }
    }

    @Override
    public List<LocalContainer> localContainers() {
        return run.localContainers(run.required());
    }

    @Override
    public Optional<BridgeMount> existingMount(String namespace, WorkloadKind kind, String name, String container) {
        try (ClusterSession session = run.session(run.required())) {
            return BridgeOperation.findMount(session.gefyra().mounts(), namespace, kind, name)
                    .filter(m -> container.equals(m.targetContainer()));
        }
    }

    @Override
    public int bridgeCount(String mount) {
        try (ClusterSession session = run.session(run.required())) {
            return session.gefyra().bridges(Map.of(RunLabels.BRIDGE_MOUNT, mount)).size();
        }
    }

    @Override
    public Bridge bridge(BridgePlan plan, Progress progress, CancellationToken cancel) {
        Connection conn = run.required();
        try (ClusterSession session = run.session(conn); ContainerEngine engine = run.engine()) {
            cancel.onCancel(session::close);
            return new BridgeOperation(plan, conn, session.gefyra(), engine, session.inspector(), BRIDGE_TIMEOUT,
                    step -> { }, run.clock()).run(progress, cancel);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new dev.ponte.core.task.PonteException(dev.ponte.core.task.ErrorAdvice.explain(e, "the cluster"), e);
        }
    }
}
