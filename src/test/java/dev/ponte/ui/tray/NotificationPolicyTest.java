package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.StatusEvent;
import dev.ponte.core.status.StatusEvent.TaskFinished.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {
    private final AtomicBoolean hidden = new AtomicBoolean();
    private final NotificationPolicy policy = new NotificationPolicy(hidden::get);

    @Test
    void aTunnelDownIsAnErrorThatSaysWhatToDo() {
        Notification n = policy.toNotification(new StatusEvent.TunnelDropped("kind-dev", ConnectionState.DOWN, "no handshake for 3 min"))
                .orElseThrow();
        assertEquals(new Notification("kind-dev: tunnel down",
                "No handshake for 3 min. Open Ponte to reconnect or disconnect.", Notification.Level.ERROR,
                "connection:kind-dev", "kind-dev", List.of(Notification.Action.OPEN, Notification.Action.SHOW_DIAGNOSTICS)), n);
    }

    @Test
    void aDegradedTunnelIsAWarningAndItsRecoveryInfo() {
        assertEquals(Notification.Level.WARNING, policy.toNotification(
                new StatusEvent.TunnelDropped("kind-dev", ConnectionState.DEGRADED, "")).orElseThrow().level());
        Notification back = policy.toNotification(new StatusEvent.TunnelRecovered("kind-dev")).orElseThrow();
        assertEquals(new Notification("kind-dev: tunnel back", "The connection is healthy again.", Notification.Level.INFO,
                "connection:kind-dev", "kind-dev", List.of(Notification.Action.OPEN)), back);
    }

    @Test
    void aFlaggedBridgeNamesTheWorkloadAndTheStoppedContainer() {
        Notification n = policy.toNotification(new StatusEvent.BridgeFlagged("b", "default/deployment/api", "api-local",
                "local container api-local stopped")).orElseThrow();
        assertEquals("Bridge of default/deployment/api needs attention", n.title());
        assertTrue(n.text().startsWith("Local container api-local stopped."), n.text());
    }

    @Test
    void aLongTaskIsAnnouncedOnlyWhileTheWindowIsHidden() {
        var longTask = new StatusEvent.TaskFinished("Connect kind-dev", Outcome.SUCCEEDED, Duration.ofSeconds(12));
        assertEquals(Optional.empty(), policy.toNotification(longTask), "the task drawer shows it");
        hidden.set(true);
        assertEquals(new Notification("Connect kind-dev: done", "Took 12 s.", Notification.Level.INFO, "task", null,
                List.of(Notification.Action.OPEN)), policy.toNotification(longTask).orElseThrow());
        assertEquals(Notification.Level.ERROR, policy.toNotification(
                new StatusEvent.TaskFinished("Connect kind-dev", Outcome.FAILED, Duration.ofSeconds(30))).orElseThrow().level());
    }

    @Test
    void aTunnelThatStaysDownOffersReconnectInTheSameNotification() {
        Notification down = policy.toNotification(new StatusEvent.TunnelDropped("kind-dev", ConnectionState.DOWN, "")).orElseThrow();
        Notification offer = policy.toNotification(new StatusEvent.ReconnectOffered("kind-dev", "no handshake for 3 min"))
                .orElseThrow();
        assertEquals(down.group(), offer.group(), "it replaces the tunnel-down notification");
        assertEquals(List.of(Notification.Action.RECONNECT, Notification.Action.OPEN, Notification.Action.SHOW_DIAGNOSTICS),
                offer.actions());
        assertEquals("kind-dev", offer.context());
    }

    @Test
    void aShortTaskIsNeverAnnounced() {
        hidden.set(true);
        assertEquals(Optional.empty(), policy.toNotification(
                new StatusEvent.TaskFinished("Disconnect kind-dev", Outcome.SUCCEEDED, Duration.ofSeconds(3))));
    }
}
