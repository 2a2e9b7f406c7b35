package dev.ponte.ui.run;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.lifecycle.FakeGefyraCluster;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.testsupport.PortsRunBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The run backend on in-memory ports: the app's run logic ({@link PortsRunBackend}, core {@code RunService})
 * against {@link FakeEngine} and {@link FakeGefyraCluster}, with one workload {@code shop/api}.
 */
final class FakeRunBackend extends PortsRunBackend {
    final FakeEngine engine;
    final FakeGefyraCluster cluster;
    final Connection connection = new Connection("kind-dev", "kind-dev", "ponteabc123", "gefyra-cargo-kind-dev",
            "10.18.0.149", "gefyra-network-kind-dev", "172.17.0.1:31820", "/home/u/.kube/config", "2.5.4", true, true);

    FakeRunBackend() {
        this(new FakeEngine(), new FakeGefyraCluster());
    }

    private FakeRunBackend(FakeEngine engine, FakeGefyraCluster cluster) {
        super(engine, cluster, new ShopInspector(), Duration.ofSeconds(5));
        this.engine = engine;
        this.cluster = cluster;
        engine.networks.put(connection.networkName(), new ContainerEngine.Network("net1", connection.networkName(),
                List.of("10.18.0.0/24"), Map.of()));
        engine.containers.put(connection.cargoName(), new ContainerEngine.Container("cargo1", connection.cargoName(),
                "quay.io/gefyra/cargo:2.5.4", "running", Map.of("gefyra.dev/role", "cargo"),
                Map.of(connection.networkName(), connection.cargoIp())));
        engine.addImage("acme/api:dev");
        engine.addImage("acme/api:1.4");
        engine.addImage("postgres:16");
    }

    /** Deployment {@code shop/api}: container api (HTTP probe, limits) and a metrics sidecar with a tcpSocket probe. */
    private static final class ShopInspector implements WorkloadInspector {
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
            return new EnvResolution(Map.of("DB_HOST", "postgres.shop", "LOG_LEVEL", "info"),
                    "env in pod api-7d9f-x2k, container api",
                    List.of("DB_PASSWORD: Secret shop/db-creds could not be read (403 Forbidden) — add it by hand"));
        }
    }
}
