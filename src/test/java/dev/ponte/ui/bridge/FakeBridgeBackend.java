package dev.ponte.ui.bridge;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.port.WorkloadInspector.Port;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory backend for the wizard: a Deployment "api" with an app container (http 8080, grpc
 * 9090 UDP-free), a sidecar with an exec probe, local containers in every state, and a bridge
 * operation that reports the operator's messages and ends ACTIVE, fails, or waits for a gate.
 */
final class FakeBridgeBackend implements BridgeBackend {
    WorkloadDetail detail = new WorkloadDetail(WorkloadKind.DEPLOYMENT, "shop", "api", List.of(
            new ContainerDetail("api", "ghcr.io/acme/api:1.4", List.of(new Port("http", 8080, "TCP"), new Port("metrics", 9090, "TCP"),
                    new Port("stats", 8125, "UDP")), List.of("httpGet"), 0, 0),
            new ContainerDetail("envoy", "envoyproxy/envoy:v1.31", List.of(new Port("admin", 9901, "TCP")), List.of("exec"), 0, 0)),
            2, 2, false);
    RuntimeException describeFailure;
    final List<LocalContainer> locals = new ArrayList<>(List.of(
            local("api-local", "running", "10.18.0.2"),
            local("worker-local", "exited", null),
            local("stray", "running", null)));
    BridgeMount mount;
    int bridgesOnMount;
    List<ServicePort> services = List.of(new ServicePort("api", 80, 8080));
    List<String> messages = List.of("Creating mount api-shop-x1y2z", "Mount PREPARING: shadow deployment api-gefyra created",
            "Mount ACTIVE: Carrier2 is running in 2 pods", "Bridge ACTIVE: route to 10.18.0.2:8000");
    RuntimeException bridgeFailure;
    /** When set, bridge() waits for it (or for cancellation) after its messages. */
    CountDownLatch gate;
    final List<BridgePlan> plans = new ArrayList<>();
    /** The bridges already on {@link #mount} (issue 14's overlap warning). */
    final List<Bridge> onMount = new ArrayList<>();
    /** What "Send test request" answers; the requests asked for are recorded. */
    List<dev.ponte.core.bridge.TestRequestSender.Shot> shots = List.of();
    final List<String> testRequests = new ArrayList<>();
    int describes;
    int listings;

    static LocalContainer local(String name, String state, String ip) {
        return new LocalContainer("id-" + name, name, "local/" + name + ":dev", state, ip, List.of(), Instant.parse("2025-01-01T10:00:00Z"), "shop");
    }

    @Override
    public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
        describes++;
        if (describeFailure != null) {
            throw describeFailure;
        }
        return detail;
    }

    @Override
    public List<LocalContainer> localContainers() {
        listings++;
        return List.copyOf(locals);
    }

    @Override
    public Optional<BridgeMount> existingMount(String namespace, WorkloadKind kind, String name, String container) {
        return Optional.ofNullable(mount).filter(m -> m.targetContainer().equals(container));
    }

    @Override
    public int bridgeCount(String mountName) {
        return bridgesOnMount;
    }

    @Override
    public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
        return services;
    }

    @Override
    public Bridge bridge(BridgePlan plan, Progress progress, CancellationToken cancel) {
        plans.add(plan);
        progress.step("Prepare " + plan.workload(), 1, 2);
        for (String m : messages) {
            progress.message(m);
        }
        progress.step("Create the bridge", 2, 2);
        if (gate != null) {
            cancel.onCancel(gate::countDown);
            try {
                if (!gate.await(15, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancel.throwIfCancelled();
        }
        if (bridgeFailure != null) {
            throw bridgeFailure;
        }
        return new Bridge("me-deployment-api-api-k2x9q", "api-shop-x1y2z", "me", plan.localContainer(), "10.18.0.2",
                plan.ports().stream().map(p -> p.wire()).toList(), plan.rules(), Map.of("8080", "gefyra-stowaway-proxy-10000.gefyra.svc.cluster.local:10000"),
                "ACTIVE", null, Instant.now());
    }

    @Override
    public List<Bridge> bridgesOnMount(String mountName) {
        return List.copyOf(onMount);
    }

    @Override
    public List<dev.ponte.core.bridge.TestRequestSender.Shot> sendTestRequests(dev.ponte.core.gefyra.MatchRules rules,
            String namespace, WorkloadKind kind, String workload, int remotePort, String localContainer, int localPort,
            boolean bridged, CancellationToken cancel) {
        testRequests.add(workload + ":" + remotePort + " -> " + localContainer + ":" + localPort + " " + rules.sets().size() + " set(s)"
                + (bridged ? ", bridged" : ", not bridged yet"));
        return shots;
    }
}
