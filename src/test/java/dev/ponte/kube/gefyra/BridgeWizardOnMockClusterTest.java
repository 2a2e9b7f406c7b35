package dev.ponte.kube.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.BridgeOperation;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.LocalContainers;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8WorkloadInspector;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Wait;
import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.ui.bridge.BridgeWizardView;
import dev.ponte.ui.bridge.BridgeWizardViewModel;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Outcome;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import dev.ponte.ui.common.FxTaskRunner;
import dev.ponte.ui.run.LocalContainersViewModel;
import dev.ponte.ui.workloads.WorkloadsViewModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The bridge wizard end to end on the real chain: wizard view-model → core bridge operation →
 * fabric8 adapter → mock API server with the operator double (which patches the pods to Carrier2),
 * with a local container on an in-memory engine. Then the bridge shows on the workload's row and
 * its container, and unbridging with the mount gives the pods their original spec back.
 */
@ExtendWith(ApplicationExtension.class)
class BridgeWizardOnMockClusterTest {
    private final GefyraRig rig = new GefyraRig().installed();
    private final KubernetesClient k = rig.cluster.client();
    private final FakeEngine engine = new FakeEngine();
    private final Connection conn = new Connection("kind-dev", "kind-dev", "laptop-1", "gefyra-cargo-kind-dev", "10.18.0.149",
            "gefyra-network-kind-dev", "172.17.0.1:31820", "/home/u/.kube/config", "2.5.4", true, true);
    private final WorkloadInspector inspector = new Fabric8WorkloadInspector(rig.ponteClient);
    private final ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "bridge-e2e");
        t.setDaemon(true);
        return t;
    });
    private final FxTaskRunner tasks = new FxTaskRunner(pool);
    private BridgeWizardViewModel wizard;
    private BridgeWizardView view;
    private LocalContainersViewModel local;
    private dev.ponte.core.run.LocalService localService;
    private final WorkloadsViewModel workloads = new WorkloadsViewModel(Platform::runLater);

    @Start
    void start(Stage stage) throws Exception {
        BridgeTargets.twoPods(k, true, BridgeTargets.httpProbe());
        // The ReplicaSet the mock server has no controller to make: the inspector checks that pods are the Deployment's.
        var deployment = k.apps().deployments().inNamespace("shop").withName("api").get();
        k.apps().replicaSets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("api-7d9c5").withNamespace("shop").withUid("uid-api-7d9c5")
                .withLabels(Map.of("app", "api", "pod-template-hash", "7d9c5"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("api")
                .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", "api")).endSelector()
                .withTemplate(deployment.getSpec().getTemplate()).endSpec().build()).create();
        k.services().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "api")).addNewPort().withPort(80)
                .withNewTargetPort(8080).endPort().endSpec().build()).create();
        k.services().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).addNewPort().withPort(80).endPort().endSpec().build()).create();
        engine.networks.put(conn.networkName(), new ContainerEngine.Network("n1", conn.networkName(), List.of("10.18.0.0/24"), Map.of()));
        engine.containers.put(conn.cargoName(), new ContainerEngine.Container("c1", conn.cargoName(), "cargo", "running",
                Map.of("gefyra.dev/role", "cargo"), Map.of(conn.networkName(), conn.cargoIp())));
        engine.create(new ContainerEngine.RunSpec("api-local", "acme/api:dev", List.of(), Map.of(),
                Map.of(RunLabels.CREATED_BY, "true", RunLabels.CONNECTION, conn.name()), List.of(), conn.networkName(),
                List.of("192.168.99.1"), List.of("shop.svc.cluster.local"), List.of(), false, 0, 0));
        engine.start("api-local");

        localService = new dev.ponte.core.run.LocalService(
                new dev.ponte.testsupport.PortsRunBackend(engine, rig.gefyra, inspector, GefyraRig.WAIT), tasks, pool);
        localService.connectionsChanged(dev.ponte.testsupport.Snapshots.one(conn,
                dev.ponte.core.connections.ConnectionState.CONNECTED, ""));
        local = new LocalContainersViewModel(localService, Platform::runLater);
        local.bridges().addListener((javafx.collections.ListChangeListener<dev.ponte.core.run.BridgeState>) c ->
                workloads.showBridges(local.bridges()));
        local.show(conn);
        wizard = new BridgeWizardViewModel(new Backend(), tasks, Platform::runLater,
                p -> CompletableFuture.completedFuture(Optional.empty()), "shop", WorkloadKind.DEPLOYMENT, "api");
        view = new BridgeWizardView(wizard);
        Scene scene = new Scene(view, 900, 660);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        wizard.load();
    }

    @AfterEach
    void stop() {
        localService.close();
        pool.shutdownNow();
        rig.close();
    }

    private void next(FxRobot robot, Page expected) {
        Wait.until("Next to be possible", () -> wizard.canNextProperty().get(), () -> ": " + wizard.reasonProperty().get());
        robot.interact(wizard::next);
        Wait.until("the " + expected + " page", () -> wizard.pageProperty().get() == expected);
    }

    @Test
    void wizardBridgesTheDeploymentThenUnbridgeRestoresIt(FxRobot robot) {
        Wait.until("container web to be chosen", () -> wizard.container.get() != null && "web".equals(wizard.container.get().name()),
                () -> ": " + wizard.containers() + " " + wizard.loadProblemProperty().get());
        next(robot, Page.PORTS);
        robot.interact(() -> wizard.ports().forEach(p -> {
            p.selected.set(p.port().port() == 8080);
            p.localPort.set("8000");
        }));
        next(robot, Page.LOCAL);
        Wait.until("api-local to be offered", () -> wizard.locals().stream().anyMatch(l -> l.name().equals("api-local") && l.usable()));
        robot.interact(() -> wizard.local.set(wizard.locals().stream().filter(l -> l.name().equals("api-local")).findFirst().orElseThrow()));
        next(robot, Page.RULES);
        robot.interact(() -> {
            var m = wizard.rules().sets().getFirst().matches().getFirst();
            m.name.set("x-user");
            m.value.set("alice");
        });
        Wait.until("the test request to name the workload's Service", () -> wizard.rules().curlProperty().get()
                .contains("api.shop.svc.cluster.local:80"), () -> wizard.rules().curlProperty().get());
        assertEquals(List.of(new WorkloadInspector.ServicePort("api", 80, 8080)), inspector.services("shop", WorkloadKind.DEPLOYMENT, "api"),
                "Service web selects other pods");
        next(robot, Page.REVIEW);
        robot.interact(wizard::bridge);
        Wait.until("the bridge to be ACTIVE", () -> wizard.outcomeProperty().get() == Outcome.ACTIVE,
                () -> ": " + wizard.outcomeProperty().get() + " " + wizard.problemProperty().get());
        Screenshots.save(robot, view, "bridge-e2e-active");

        // In the cluster: the pods run Carrier2, the bridge carries the wizard's choices.
        for (String pod : List.of("api-7d9c5-aaaaa", "api-7d9c5-bbbbb")) {
            assertEquals(Fabric8GefyraClusterBridgeTest.CARRIER2,
                    k.pods().inNamespace("shop").withName(pod).get().getSpec().getContainers().getFirst().getImage());
        }
        Bridge b = rig.gefyra.bridges(Map.of(RunLabels.BRIDGE_CLIENT, "laptop-1")).getFirst();
        assertEquals(List.of("8000:8080"), b.portMappings());
        assertEquals("api-local", b.clientContainer());
        assertEquals(engine.inspect("api-local").orElseThrow().ips().get(conn.networkName()), b.destinationIp());
        assertFalse(b.clusterEndpoint().isEmpty(), "the operator set up Stowaway's proxy route");

        // On the rows: the workload and the local container show the bridge, live from the watch.
        Wait.until("the bridge on the local container", () -> local.items().stream()
                .anyMatch(i -> i.name().equals("api-local") && i.bridges().size() == 1 && i.bridges().getFirst().mount() != null));
        var row = new dev.ponte.core.model.Workload(WorkloadKind.DEPLOYMENT, "shop", "api", 2, 2, List.of(), Instant.EPOCH, Map.of());
        Wait.until("the bridge on the workload row", () -> workloads.bridgesOf(row).size() == 1);
        var state = local.bridges().getFirst();
        assertTrue(local.offersMountRemoval(state), "Ponte made the mount and this is its only bridge: " + state + " " + local.mounts());

        // The local container stops: the bridge is flagged at once.
        robot.interact(() -> engine.stop("api-local", Duration.ZERO));
        Wait.until("the flag", () -> workloads.bridgesOf(row).getFirst().flagged());
        robot.interact(() -> engine.restart("api-local", Duration.ZERO));

        // Unbridge with the mount: bridge gone from the rows, pods back to their original spec.
        robot.interact(() -> local.unbridge(state, true));
        Wait.until("the bridge to leave the rows", () -> workloads.bridgesOf(row).isEmpty() && local.bridges().isEmpty());
        Wait.until("the pods restored", () -> List.of("api-7d9c5-aaaaa", "api-7d9c5-bbbbb").stream().allMatch(pod -> {
            var c = k.pods().inNamespace("shop").withName(pod).get().getSpec().getContainers().getFirst();
            return BridgeTargets.IMAGE.equals(c.getImage()) && BridgeTargets.COMMAND.equals(c.getCommand())
                    && BridgeTargets.ARGS.equals(c.getArgs());
        }));
        Wait.until("the mount to be gone", () -> rig.gefyra.mounts().isEmpty());
        Wait.until("the unbridge's message", () -> local.messageProperty().get().contains("restarts with its original pods"),
                () -> ": " + local.messageProperty().get());
        assertTrue(k.apps().deployments().inNamespace("shop").withName("api-gefyra").get() == null, "shadow removed");
    }

    /** The app's bridge backend, on the rig's adapter, the real inspector and the in-memory engine. */
    private final class Backend implements BridgeBackend {
        @Override
        public WorkloadInspector.WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
            return inspector.describe(namespace, kind, name);
        }

        @Override
        public List<LocalContainer> localContainers() {
            return LocalContainers.of(engine, conn);
        }

        @Override
        public Optional<BridgeMount> existingMount(String namespace, WorkloadKind kind, String name, String container) {
            return BridgeOperation.findMount(rig.gefyra.mounts(), namespace, kind, name).filter(m -> container.equals(m.targetContainer()));
        }

        @Override
        public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
            return inspector.services(namespace, kind, name).stream()
                    .map(p -> new ServicePort(p.service(), p.port(), p.targetPort())).toList();
        }

        @Override
        public int bridgeCount(String mount) {
            return rig.gefyra.bridges(Map.of(RunLabels.BRIDGE_MOUNT, mount)).size();
        }

        @Override
        public Bridge bridge(BridgePlan plan, Progress progress, CancellationToken cancel) {
            try {
                return new BridgeOperation(plan, conn, rig.gefyra, engine, inspector, GefyraRig.WAIT, e -> { },
                        Clock.systemUTC()).run(progress, cancel);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new PonteException(ErrorAdvice.explain(e, "the cluster"), e);
            }
        }
    }
}
