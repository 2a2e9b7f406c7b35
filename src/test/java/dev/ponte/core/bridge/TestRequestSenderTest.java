package dev.ponte.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.testsupport.FakePorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test request's logic on a scripted Cargo (the rig test sends real ones): the request each rule set matches and one
 * that matches none, sent as raw HTTP with exactly the made-up headers, and who answered decided by the counting rule.
 */
class TestRequestSenderTest {
    @TempDir
    Path dir;

    @Test
    void theMatchingRequestIsCountedAtTheLocalContainerAndTheOtherIsTheClusters() {
        FakePorts p = new FakePorts(dir, "kind-dev");
        p.engine.create(new ContainerEngine.ContainerSpec("gefyra-cargo-x", "cargo", Map.of(), List.of(), false, List.of(),
                false, List.of(), List.of(), null, Map.of(), List.of()));
        AtomicLong packets = new AtomicLong();
        List<String> requests = new java.util.ArrayList<>();
        p.engine.execScript = cmd -> {
            if (cmd.startsWith("nslookup api.shop.svc.cluster.local")) {
                return new ContainerEngine.ExecResult(0, "Server: 192.168.99.1\nAddress: 192.168.99.1:53\n\nName: api.shop.svc.cluster.local\nAddress: 10.96.4.7\n");
            }
            if (cmd.startsWith("iptables -I") || cmd.startsWith("iptables -D")) {
                return new ContainerEngine.ExecResult(0, "");
            }
            if (cmd.startsWith("iptables -L")) {
                return new ContainerEngine.ExecResult(0, "Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n"
                        + "    pkts      bytes target     prot opt in     out     source               destination\n"
                        + "       " + packets.get() + "      900            tcp  --  wg0    *       0.0.0.0/0            172.20.0.2           tcp dpt:8000\n"
                        + "     120    10000 ACCEPT     all  --  wg0    *       0.0.0.0/0            0.0.0.0/0\n");
            }
            if (cmd.startsWith("timeout 10 bash -c")) {
                requests.add(cmd);
                if (cmd.contains("x-user: alice")) {
                    packets.addAndGet(6);
                    return new ContainerEngine.ExecResult(0, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nServer: local\r\n\r\nhello from the local app\n");
                }
                return new ContainerEngine.ExecResult(0, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\ncluster service shop/api\n");
            }
            return new ContainerEngine.ExecResult(1, "");
        };
        Connection conn = new Connection("x", "kind-dev", "ponte1", "gefyra-cargo-x", "172.20.0.149", "gefyra-network-x", null, null,
                "2.5.4", true, true);
        TestRequestSender sender = new TestRequestSender(p.engines, p.clusterPorts, conn);
        MatchRules alice = new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT)))));

        List<TestRequestSender.Shot> shots = sender.send(alice, new TestRequestSender.Target("api.shop.svc.cluster.local", 80,
                "172.20.0.2", 8000), true, new CancellationToken());

        assertEquals(2, shots.size());
        TestRequestSender.Shot match = shots.get(0);
        assertEquals(TestRequestSender.Answer.LOCAL, match.answer(), match.evidence());
        assertTrue(match.asExpected());
        assertEquals(200, match.status());
        assertEquals(List.of("HTTP/1.1 200 OK", "Content-Type: text/plain", "Server: local", "hello from the local app"), match.lines());
        assertTrue(match.evidence().startsWith("6 packets went from the tunnel to 172.20.0.2:8000"), match.evidence());
        assertEquals("curl -H 'x-user: alice' http://api.shop.svc.cluster.local:80/", match.request());
        TestRequestSender.Shot other = shots.get(1);
        assertFalse(other.shouldMatch());
        assertEquals(TestRequestSender.Answer.CLUSTER, other.answer(), other.evidence());
        assertTrue(other.asExpected());
        assertTrue(other.summary().startsWith("no rule set: 200 from the cluster (as expected)"), other.summary());
        assertTrue(requests.getFirst().contains("10.96.4.7 80 GET / HTTP/1.1\r\nHost: api.shop.svc.cluster.local:80\r\nx-user: alice\r\n"),
                requests.getFirst());
    }

    @Test
    void rulesThatMatchEveryRequestSendNoOtherRequest() {
        FakePorts p = new FakePorts(dir, "kind-dev");
        p.engine.create(new ContainerEngine.ContainerSpec("gefyra-cargo-x", "cargo", Map.of(), List.of(), false, List.of(),
                false, List.of(), List.of(), null, Map.of(), List.of()));
        p.engine.execScript = cmd -> cmd.startsWith("timeout") ? new ContainerEngine.ExecResult(0, "HTTP/1.1 404 Not Found\r\n\r\n")
                : new ContainerEngine.ExecResult(0, "");
        Connection conn = new Connection("x", "kind-dev", "ponte1", "gefyra-cargo-x", "172.20.0.149", "gefyra-network-x", null, null,
                "2.5.4", true, true);
        MatchRules all = new MatchRules(List.of(new MatchRules.RuleSet(List.of(new MatchRules.Path("/", MatchRules.Type.PREFIX)))));
        List<TestRequestSender.Shot> shots = new TestRequestSender(p.engines, p.clusterPorts, conn).send(all,
                new TestRequestSender.Target("10.96.4.7", 80, "172.20.0.2", 8000), true, new CancellationToken());
        assertEquals(TestRequestSender.Answer.NONE, shots.get(1).answer());
        assertTrue(shots.get(1).evidence().contains("match every request"));
        assertEquals(404, shots.get(0).status());
        assertEquals(TestRequestSender.Answer.CLUSTER, shots.get(0).answer(), "no counter: taken to be the cluster");
        assertFalse(shots.get(0).asExpected(), "the bridge is active: the matching request should have reached the container");
    }
}
