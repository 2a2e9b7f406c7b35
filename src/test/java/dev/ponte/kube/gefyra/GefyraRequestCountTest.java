package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraRig.OPTIONS;
import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API requests Ponte's own client sends per step (the double's are not counted), pinned so that a change shows.
 * Upstream's figures for the same steps, from gefyra 2.5.4's source, are in the comments.
 */
class GefyraRequestCountTest {
    private static final Logger LOG = LoggerFactory.getLogger(GefyraRequestCountTest.class);

    private static int measure(GefyraRig rig, String what, Runnable step) {
        rig.resetRequests();
        step.run();
        List<String> sent = rig.requests();
        LOG.info("{}: {} requests {}", what, sent.size(), sent);
        return sent.size();
    }

    @Test
    void installAndReadinessSendNinePostsAndTwoListWatchPairs() {
        try (GefyraRig rig = new GefyraRig()) {
            // upstream api/install.py: GET namespace, 9 × POST (create_from_dict), GET operator Deployment before the
            // operator's POST (is_operator_running), then one event watch stream and ≥ 1 GET of the webhook Deployment
            // (1 s poll, up to 20): ≥ 13
            int install = measure(rig, "install", () -> rig.gefyra.install(OPTIONS, Progress.NONE, new CancellationToken()));
            int ready = measure(rig, "awaitOperatorReady", () -> rig.gefyra.awaitOperatorReady(WAIT, Progress.NONE,
                    new CancellationToken()));
            assertEquals(9, install);
            assertEquals(4, ready, "events list+watch, webhook Deployment list+watch");
        }
    }

    @Test
    void clientCreateToWaitingSendsOnePostAndOneListWatchPair() {
        try (GefyraRig rig = new GefyraRig().installed()) {
            // upstream clients create: POST, then GET every 2 s until WAITING (types/client.py wait_for_state): 1 + n,
            // n = 1 + ⌊operator time / 2 s⌋, typically 2–4 GETs on a real cluster (the SA token must be issued)
            int n = measure(rig, "client create → WAITING", () -> {
                rig.gefyra.createClient("laptop-1");
                rig.gefyra.awaitClient("laptop-1", c -> c.state() == ClientState.WAITING, "WAITING", WAIT,
                        new CancellationToken());
            });
            assertEquals(3, n);
        }
    }

    @Test
    void uninstallSendsAFixedNumberOfRequests() throws Exception {
        try (GefyraRig rig = new GefyraRig().installed()) {
            rig.client("laptop-1", "10.199.0.0/24");
            rig.seed(Kind.MOUNT, "nginx-mount", "laptop-1");
            rig.seed(Kind.BRIDGE, "nginx-bridge", "laptop-1");
            // upstream misc/uninstall.py: per mount and bridge LIST + PATCH + DELETE; clients: list_client (LIST), per
            // client PATCH + DELETE + GET every 1 s until 404; namespace DELETE; 3 CRD DELETEs; 3 RBAC/webhook DELETEs
            // → 2 + 2·1 + 2·1 + 1 + 3 + n + 1 + 3 + 3 = 17 + n for this set-up (n ≥ 1 GET for the client)
            int n = measure(rig, "uninstall", () -> rig.gefyra.uninstall(WAIT, Progress.NONE, new CancellationToken()));
            int leftovers = measure(rig, "leftovers", rig.gefyra::leftovers);
            // per kind: LIST, WATCH, DELETE each, LIST again = 4 (× 3); namespace WATCH + DELETE + GET = 3; 3 CRD
            // DELETEs; 3 RBAC/webhook DELETEs; CRB LIST + ClusterRole DELETE = 2 (the operator removed the binding)
            assertEquals(12 + 3 + 3 + 3 + 2, n);
            assertEquals(17, leftovers);
        }
    }
}
