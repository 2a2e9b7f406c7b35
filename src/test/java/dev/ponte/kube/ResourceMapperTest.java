package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.model.WorkloadStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Row mapping on recorded API objects (k9s-style fixtures). */
class ResourceMapperTest {
    private static <T> T fixture(String name, Class<T> type) {
        InputStream in = ResourceMapperTest.class.getResourceAsStream("/fixtures/" + name);
        return Serialization.unmarshal(in, type);
    }

    @Test
    void deploymentReadyOfDesiredImagesAgeAndSelector() {
        Workload w = ResourceMapper.deployment(fixture("deployment.json", Deployment.class));
        assertEquals(WorkloadKind.DEPLOYMENT, w.kind());
        assertEquals("shop", w.namespace());
        assertEquals(2, w.ready());
        assertEquals(3, w.desired());
        assertEquals(List.of("ghcr.io/acme/api:1.4", "envoy:1.30"), w.images());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), w.created());
        assertEquals(WorkloadStatus.PROGRESSING, w.status());
        assertTrue(w.selects(Map.of("app", "api", "pod-template-hash", "x")));
    }

    @Test
    void daemonSetCountsScheduledNodes() {
        Workload w = ResourceMapper.daemonSet(fixture("daemonset.json", DaemonSet.class));
        assertEquals(4, w.ready());
        assertEquals(4, w.desired());
        assertEquals(WorkloadStatus.READY, w.status());
    }

    @Test
    void podShowsTheWaitingReasonReadyContainersAndRestarts() {
        PodSummary p = ResourceMapper.pod(fixture("pod-crashloop.json", Pod.class));
        assertEquals("CrashLoopBackOff", p.phase());
        assertEquals(1, p.readyContainers());
        assertEquals(2, p.containers());
        assertEquals(8, p.restarts());
        assertEquals("node-1", p.node());
    }

    @Test
    void deploymentWithoutStatusIsUnavailableAndDefaultsToOneReplica() {
        Deployment d = fixture("deployment.json", Deployment.class);
        d.setStatus(null);
        d.getSpec().setReplicas(null);
        Workload w = ResourceMapper.deployment(d);
        assertEquals(0, w.ready());
        assertEquals(1, w.desired());
        assertEquals(WorkloadStatus.UNAVAILABLE, w.status());
    }
}
