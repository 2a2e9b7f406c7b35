package dev.ponte.ui.run;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.lifecycle.FakeGefyraCluster;
import dev.ponte.core.lifecycle.UnbridgeOperation;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.LocalContainers;
import dev.ponte.core.run.RunOperation;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The run backend on in-memory ports: the real {@link RunOperation} and {@link LocalContainers}
 * against {@link FakeEngine} and {@link FakeGefyraCluster}, with one workload {@code shop/api}.
 */
final class FakeRunBackend implements RunBackend {
    final FakeEngine engine = new FakeEngine();
    final FakeGefyraCluster cluster = new FakeGefyraCluster();
    final Connection connection = new Connection("kind-dev", "kind-dev", "ponteabc123", "gefyra-cargo-kind-dev",
            "10.18.0.149", "gefyra-network-kind-dev", "172.17.0.1:31820", "/home/u/.kube/config", "2.5.4", true, true);
    WorkloadInspector.EnvResolution env = new WorkloadInspector.EnvResolution(
            Map.of("DB_HOST", "postgres.shop", "LOG_LEVEL", "info"), "env in pod api-7d9f-x2k, container api",
            List.of("DB_PASSWORD: Secret shop/db-creds could not be read (403 Forbidden) — add it by hand"));

    FakeRunBackend() {
        engine.networks.put(connection.networkName(), new ContainerEngine.Network("net1", connection.networkName(),
                List.of("10.18.0.0/24"), Map.of()));
        engine.containers.put(connection.cargoName(), new ContainerEngine.Container("cargo1", connection.cargoName(),
                "quay.io/gefyra/cargo:2.5.4", "running", Map.of("gefyra.dev/role", "cargo"),
                Map.of(connection.networkName(), connection.cargoIp())));
        engine.addImage("acme/api:dev");
        engine.addImage("acme/api:1.4");
        engine.addImage("postgres:16");
    }

    private final WorkloadInspector inspector = new WorkloadInspector() {
        @Override
        public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
            return new WorkloadDetail(kind, namespace, name, List.of(
                    new ContainerDetail("api", "acme/api:1.4", List.of(new Port("http", 8080, "TCP")), List.of("httpGet"),
                            500_000_000L, 256L << 20),
                    new ContainerDetail("metrics", "prom/statsd-exporter:0.26", List.of(new Port("metrics", 9102, "TCP")),
                            List.of("tcpSocket"), 0, 0)), 2, 2, false);
        }

        @Override
        public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
            return List.of(new ServicePort("api", 80, 8080));
        }

        @Override
        public EnvResolution environment(String namespace, WorkloadKind kind, String name, String container,
                                         CancellationToken cancel) {
            return env;
        }
    };

    @Override
    public List<LocalContainer> localContainers(Connection connection) {
        return LocalContainers.of(engine, connection);
    }

    @Override
    public Subscription watchEngine(Runnable onChange, Consumer<Throwable> onError) {
        return engine.events(e -> onChange.run(), onError);
    }

    @Override
    public List<ContainerEngine.Image> images() {
        return engine.images();
    }

    @Override
    public WorkloadInspector.WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        return inspector.describe(namespace, kind, name);
    }

    @Override
    public Operation<RunResult> run(RunRequest request, Consumer<StepEvent> steps) {
        return new RunOperation(request, engine, cluster, inspector, steps, Clock.systemUTC());
    }

    @Override
    public void stop(String container, Duration grace) {
        engine.stop(container, grace);
    }

    @Override
    public List<String> restart(Connection connection, String container, Duration grace) {
        engine.restart(container, grace);
        return dev.ponte.core.run.Reattach.run(engine, cluster, connection, container);
    }

    @Override
    public Operation<List<String>> remove(Connection connection, String container) {
        return (p, c) -> {
            engine.remove(container);
            return List.of();
        };
    }

    @Override
    public Operation<List<String>> unbridge(Connection connection, String bridge, String mount, boolean removeMount) {
        return new UnbridgeOperation(cluster, bridge, mount, removeMount, Duration.ofSeconds(5));
    }

    @Override
    public Subscription watchBridges(Connection connection, StreamListener<Bridge> bridges, StreamListener<BridgeMount> mounts) {
        return cluster.watchBridges(bridges, mounts);
    }
}
