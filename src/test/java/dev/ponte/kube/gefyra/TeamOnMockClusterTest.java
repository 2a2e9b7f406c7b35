package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.BridgeTargets.NS;
import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.RuleOverlap;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.core.team.TeamService;
import dev.ponte.core.team.TeamView;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The team view on the mock API server with the operator double: two clients (this machine's and bob's) with a bridge
 * each on the same workload, read through Ponte's real adapter; and the wizard's overlap warning for a third rule that
 * takes bob's requests.
 */
class TeamOnMockClusterTest {
    private static final String MOUNT = "api-shop-k2x9q";
    private GefyraRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new GefyraRig().installed();
        BridgeTargets.twoPods(rig.cluster.client(), true, BridgeTargets.httpProbe());
        rig.client("ponte1111aaaa22", "172.20.0.0/16");
        rig.client("ponte0b0b000001", "172.21.0.0/16");
        rig.gefyra.createMount(new MountRequest(MOUNT, NS, "deployment", "api", "web", "ponte1111aaaa22"));
        rig.gefyra.awaitMountActive(MOUNT, WAIT, Progress.NONE, new CancellationToken());
        bridge("mine-api", "ponte1111aaaa22", "api-local", "172.20.0.2", new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT));
        bridge("bob-api", "ponte0b0b000001", "bob-app", "172.21.0.3", new MatchRules.Header("x-user", "bob", MatchRules.Type.EXACT),
                new MatchRules.Path("/api", MatchRules.Type.PREFIX));
    }

    private void bridge(String name, String client, String container, String ip, MatchRules.Match... matches) {
        rig.gefyra.createBridge(new BridgeRequest(name, MOUNT, client, container, ip, List.of(new BridgeRequest.PortMapping(8080, 8000)),
                new MatchRules(List.of(new MatchRules.RuleSet(List.of(matches))))));
        rig.gefyra.awaitBridgeActive(name, WAIT, Progress.NONE, new CancellationToken());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void everyClientAndEveryBridgeWithItsWorkloadRulesAndTarget() throws Exception {
        Journal journal = Journal.inMemory(Clock.systemUTC());
        journal.adopt(new Journal.Identity("mock", "laptop", "ponte1111aaaa22"));
        Clusters clusters = new Clusters() {
            @Override
            public ClusterSession open(String context) {
                return DiagnosticsOnMockClusterTest.session(rig.ponteClient, rig.gefyra);
            }

            @Override
            public String kubeconfigOf(String context) {
                return null;
            }
        };
        TeamView team = new TeamService(clusters, () -> ConnectionsSnapshot.EMPTY, journal, Clock.systemUTC()).load("mock")
                .run(Progress.NONE, new CancellationToken());

        assertEquals(List.of("ponte1111aaaa22", "ponte0b0b000001"), team.members().stream().map(m -> m.client().name()).toList());
        TeamView.Member me = team.members().getFirst();
        assertEquals("this machine", me.who());
        assertEquals(ClientState.ACTIVE, me.client().state());
        assertTrue(me.client().since().isAfter(java.time.Instant.now().minusSeconds(120)), "since when: " + me.client().since());
        assertEquals(1, me.bridges());
        assertEquals("another machine (Ponte)", team.members().get(1).who());
        assertEquals(2, team.bridges().size());
        TeamView.TeamBridge bob = team.bridges().stream().filter(b -> b.bridge().name().equals("bob-api")).findFirst().orElseThrow();
        assertEquals("shop/deployment/api (web)", bob.workload());
        assertEquals("header x-user: bob and a path starting with /api", bob.rules());
        assertEquals("bob-app at 172.21.0.3, ports 8080 → 8000", bob.target());
        assertEquals(1, team.mounts().size());
        assertEquals(2, team.mounts().getFirst().bridges());

        // the wizard's overlap check, on what the cluster says is on the mount
        var onMount = rig.gefyra.bridges(Map.of(RunLabels.BRIDGE_MOUNT, MOUNT));
        var overlaps = RuleOverlap.find(new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-user", "bob", MatchRules.Type.EXACT))))), onMount);
        assertEquals(1, overlaps.size(), overlaps.toString());
        assertEquals("bob-api", overlaps.getFirst().other().name());
        assertEquals("a request to /api with x-user: bob", overlaps.getFirst().example());
        assertEquals(List.of(), RuleOverlap.find(new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-user", "carol", MatchRules.Type.EXACT))))), onMount), "carol takes nobody's requests");
    }
}
