package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.app.CoreServices;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.bridge.TestRequestSender;
import dev.ponte.core.bridge.TestRequestSender.Answer;
import dev.ponte.core.bridge.TestRequestSender.Shot;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.Poll;
import dev.ponte.core.task.Progress;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Send test request" on the rig (issue 14): a bridge of Deployment {@code api} to a local container with the rule
 * {@code x-user: alice}; the matching request, sent from Cargo through the tunnel to Service {@code api}, is answered by
 * the local container, and the other one by the cluster — each decided by the packets Cargo counts to the local
 * container, not by the body.
 *
 * <p>What the rig can and cannot prove: it has no Carrier2. A stand-in ({@link Carrier2Standin}) sits on the Service's
 * address and decides with Ponte's own Java copy of Carrier2's matching, then sends the request through Stowaway's real
 * proxy route (socat, as Stowaway's nginx stream) back through the tunnel to the local container. So the rig proves the
 * whole data path of a test request (Cargo → tunnel → Service → proxy route → tunnel → Cargo → local container), that
 * Ponte sends exactly the request the rules match and one they do not, and that its measurement of who answered is right
 * both ways (without the stand-in the same matching request is answered by the cluster, and measured so). It does not
 * prove that Carrier2 itself would decide the same, nor Carrier2's config commit in the pods.
 */
@Tag("rig")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestRequestOnRigTest {
    private static final Logger LOG = LoggerFactory.getLogger(TestRequestOnRigTest.class);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final MatchRules ALICE = new MatchRules(List.of(new MatchRules.RuleSet(List.of(
            new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT)))));
    private Rig rig;
    private CoreServices core;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> Thread.ofPlatform().daemon().unstarted(r));
    private final ScheduledExecutorService health = Executors.newScheduledThreadPool(2, r -> Thread.ofPlatform().daemon().unstarted(r));

    @BeforeAll
    void start() throws Exception {
        RigRequirements.check();
        rig = Rig.start();
        Path home = Files.createTempDirectory("ponte-testrequest");
        UiSettings settings = new UiSettings();
        settings.cargoImage = rig.cargoImage();
        settings.engineEndpoint = Rig.ENGINE;
        settings.cargoEndpoints.put(Rig.CONTEXT, rig.cargoEndpoint());
        core = new CoreServices(Map.of("KUBECONFIG", rig.kubeconfig.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), home, settings, List::of, Clock.systemUTC(),
                new ExecutorLauncher(pool), pool, health, ConnectionService.Options.defaults().withStepTimeout(Duration.ofSeconds(30)));
        core.connections.reconcile();
        await("the reconcile", ConnectionsSnapshot::reconciled);
        SuiteConnection.connect(core.connections, Rig.CONTEXT, WAIT);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (core != null && core.connections.snapshot().of(Rig.CONTEXT).map(c -> c.state().isUp()).orElse(false)) {
                core.connections.disconnect(Rig.CONTEXT, true);
                await("disconnected", s -> s.busy().isEmpty());
            }
        } finally {
            if (core != null) {
                core.close();
            }
            if (rig != null) {
                rig.close();
            }
            pool.shutdownNow();
            health.shutdownNow();
        }
    }

    @Test
    void theMatchingRequestIsAnsweredByTheLocalContainerAndTheOtherByTheCluster() throws Exception {
        Connection conn = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow().connection();
        String app = "treq-app-" + rig.side.suffix;
        core.runs.run(new RunRequest(conn, app, rig.appImage(), List.of(), "default", Map.of(), null, List.of(), List.of(), false,
                0, 0, Duration.ofSeconds(30)), e -> { }).run(Progress.NONE, new CancellationToken());
        Bridge bridge = core.bridges(conn).bridge(new BridgePlan("default", WorkloadKind.DEPLOYMENT, "api", "api",
                List.of(new PortMapping(8080, RigImages.APP_PORT)), app, ALICE), Progress.NONE, new CancellationToken());
        String endpoint = bridge.clusterEndpoint().get("8080");
        int proxyPort = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        String serviceIp = rig.cluster.client().services().inNamespace("default").withName("api").get().getSpec().getClusterIP();
        TestRequestSender sender = new TestRequestSender(core.engines, core.clusters, conn);

        // without Carrier2 in the way every request is the cluster's, and Ponte measures it so
        List<Shot> plain = sender.send(bridge).run(Progress.NONE, new CancellationToken());
        assertEquals(Answer.CLUSTER, plain.get(0).answer(), plain.get(0).evidence());
        assertTrue(!plain.get(0).asExpected(), "the matching request did not reach the local container: said so");

        rig.side.carrier2(serviceIp, 8080, proxyPort, bridge.rules());
        long t0 = System.nanoTime();
        List<Shot> shots = sender.send(bridge).run(Progress.NONE, new CancellationToken());
        LOG.info("FIGURE two test requests through the tunnel took {} ms: {}", (System.nanoTime() - t0) / 1_000_000,
                shots.stream().map(Shot::summary).toList());
        assertEquals(2, shots.size());
        Shot match = shots.get(0);
        assertEquals(Answer.LOCAL, match.answer(), match.evidence() + " " + match.lines());
        assertEquals(200, match.status());
        assertTrue(match.lines().contains(RigImages.APP_BODY.strip()), match.lines().toString());
        assertTrue(match.request().contains("x-user: alice"), match.request());
        Shot other = shots.get(1);
        assertEquals(Answer.CLUSTER, other.answer(), other.evidence() + " " + other.lines());
        assertTrue(other.lines().contains("cluster service default/api"), other.lines().toString());
        assertTrue(match.asExpected() && other.asExpected());

        // the wizard's way in: the rules and the ports as typed, the local container's address
        String appIp;
        try (var engine = core.engines.open()) {
            appIp = engine.inspect(app).orElseThrow().ips().get(conn.networkName());
        }
        List<Shot> wizard = sender.send(ALICE, "default", WorkloadKind.DEPLOYMENT, "api", 8080, appIp, RigImages.APP_PORT, true)
                .run(Progress.NONE, new CancellationToken());
        assertEquals(List.of(Answer.LOCAL, Answer.CLUSTER), wizard.stream().map(Shot::answer).toList());
        rig.side.removeCarrier2(serviceIp, 8080);
    }

    private void await(String what, Predicate<ConnectionsSnapshot> done) throws Exception {
        try {
            Poll.until(what, () -> done.test(core.connections.snapshot()) ? Boolean.TRUE : null, WAIT, Duration.ofMillis(100),
                    new CancellationToken());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " — " + core.connections.snapshot().connections().stream()
                    .map(c -> c.context() + " " + c.headline() + " " + c.problem()).toList(), e);
        }
    }
}
