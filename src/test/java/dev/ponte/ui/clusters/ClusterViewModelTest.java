package dev.ponte.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.ContextState;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.AuthPluginMissingException;
import dev.ponte.core.task.Backoff;
import dev.ponte.core.task.Problem;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakeCluster;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.ui.common.UiSettings;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterViewModelTest {
    private final FakeCluster cluster = new FakeCluster();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final UiSettings settings = new UiSettings();
    private final ClusterViewModel vm = new ClusterViewModel(cluster, new DirectTaskRunner(), scheduler, Runnable::run,
            settings, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)));

    private static ContextItemViewModel context(String name, String namespace) {
        return new ContextItemViewModel(new KubeContext(name, "c", "u", namespace, "https://x", Path.of("/k")));
    }

    @Test
    void reachableContextListsNamespacesAndSelectsTheContextsOwn() {
        cluster.namespaces.add("team-a");
        ContextItemViewModel item = context("dev", "team-a");
        vm.show(item);
        assertEquals(ContextState.REACHABLE, item.stateProperty().get());
        assertEquals("v1.31.2", item.serverVersionProperty().get());
        assertEquals(List.of("default", "payments", "team-a"), vm.namespaces());
        assertEquals("team-a", vm.selectedNamespaceProperty().get());
        assertNotNull(vm.sessionProperty().get());
    }

    @Test
    void rememberedNamespaceWinsOverTheContextDefault() {
        settings.lastNamespace.put("dev", "payments");
        vm.show(context("dev", null));
        assertEquals("payments", vm.selectedNamespaceProperty().get());
    }

    @Test
    void namespaceFilterNarrowsTheList() {
        cluster.namespaces.addAll(List.of("monitoring", "kube-system"));
        vm.show(context("dev", null));
        vm.namespaceFilterProperty().set("  KUBE ");
        assertEquals(List.of("kube-system"), vm.filteredNamespaces());
        vm.namespaceFilterProperty().set("");
        assertEquals(4, vm.filteredNamespaces().size());
    }

    @Test
    void unreachableContextRetriesWithGrowingBackoffUntilItAnswers() {
        cluster.version = () -> {
            throw new RuntimeException(new ConnectException("Connection refused"));
        };
        ContextItemViewModel item = context("dev", null);
        vm.show(item);
        assertEquals(ContextState.UNREACHABLE, item.stateProperty().get());
        assertEquals(Problem.Kind.UNREACHABLE, vm.problemProperty().get().kind());
        assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pending());
        assertTrue(vm.retryMessageProperty().get().contains("Retrying in 1 s"));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of(Duration.ofSeconds(2)), scheduler.pending());
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of(Duration.ofSeconds(4)), scheduler.pending());

        cluster.version = () -> "v1.30.0";
        scheduler.advance(Duration.ofSeconds(4));
        assertEquals(ContextState.REACHABLE, item.stateProperty().get());
        assertNull(vm.problemProperty().get());
        assertTrue(scheduler.pending().isEmpty());
        assertEquals(4, cluster.opened);
        assertEquals(3, cluster.closed, "each failed probe closes its client");
    }

    @Test
    void switchingContextCancelsThePendingRetry() {
        cluster.version = () -> {
            throw new RuntimeException(new ConnectException("refused"));
        };
        vm.show(context("a", null));
        cluster.version = () -> "v1";
        vm.show(context("b", null));
        assertTrue(scheduler.pending().isEmpty());
        assertEquals("b", vm.contextProperty().get().name());
    }

    @Test
    void forbiddenNamespaceListFallsBackToTheContextNamespaceAndAcceptsATypedOne() {
        cluster.namespaceFailure = new ApiStatusException(403, "namespaces is forbidden", null);
        ContextItemViewModel item = context("prod", "shop");
        vm.show(item);
        assertEquals(ContextState.REACHABLE, item.stateProperty().get());
        assertTrue(vm.namespacesForbiddenProperty().get());
        assertEquals(List.of("shop"), vm.namespaces());
        assertEquals("shop", vm.selectedNamespaceProperty().get());
        assertTrue(vm.namespaceNoticeProperty().get().contains("403 Forbidden"));

        vm.useNamespace("Bad_Name");
        assertEquals("shop", vm.selectedNamespaceProperty().get());
        assertTrue(vm.namespaceNoticeProperty().get().contains("not a valid namespace"));
        vm.useNamespace("orders");
        assertEquals("orders", vm.selectedNamespaceProperty().get());
        assertEquals("orders", settings.lastNamespace.get("prod"));
    }

    @Test
    void missingAuthPluginNeedsTheUserAndIsNotRetried() {
        cluster.openFailure = new AuthPluginMissingException("gke-gcloud-auth-plugin");
        ContextItemViewModel item = context("gke", null);
        vm.show(item);
        assertEquals(ContextState.NO_ACCESS, item.stateProperty().get());
        Problem p = vm.problemProperty().get();
        assertEquals(Problem.Kind.AUTH_PLUGIN_MISSING, p.kind());
        assertTrue(p.detail().contains("gke-gcloud-auth-plugin"));
        assertTrue(scheduler.pending().isEmpty());
    }

    @Test
    void stopClosesTheSession() {
        vm.show(context("dev", null));
        vm.stop();
        assertEquals(1, cluster.closed);
        assertNull(vm.sessionProperty().get());
        assertTrue(vm.namespaces().isEmpty());
    }

    @Test
    void aProbeSupersededByAContextSwitchIsCancelledAndItsAnswerDroppedAndClosed() {
        dev.ponte.testsupport.ManualTaskRunner manual = new dev.ponte.testsupport.ManualTaskRunner();
        ClusterViewModel slow = new ClusterViewModel(cluster, manual, scheduler, Runnable::run, settings,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)));
        ContextItemViewModel a = context("a", null);
        ContextItemViewModel b = context("b", null);
        slow.show(a);
        var probeOfA = manual.find("Connecting to a");

        slow.show(b);

        assertTrue(probeOfA.token.isCancelled(), "the superseded probe is cancelled");
        probeOfA.run(); // its answer arrives late anyway
        assertEquals(ContextState.CHECKING, a.stateProperty().get(), "a's late answer changes nothing");
        assertNull(slow.sessionProperty().get());
        assertTrue(slow.namespaces().isEmpty());
        manual.runAll(); // b's probe, and closing a's late session
        assertEquals(ContextState.REACHABLE, b.stateProperty().get());
        assertEquals("b", slow.contextProperty().get().name());
        assertEquals(2, cluster.opened);
        assertEquals(1, cluster.closed, "the session a's late answer opened is closed, b's stays open");
    }

    @Test
    void aRetryOfASupersededContextNeverRuns() {
        cluster.version = () -> {
            throw new RuntimeException(new ConnectException("refused"));
        };
        vm.show(context("a", null));
        ContextItemViewModel b = context("b", null);
        cluster.version = () -> "v1";
        vm.show(b);
        int opened = cluster.opened;
        scheduler.advance(Duration.ofSeconds(30));
        assertEquals(opened, cluster.opened, "no retry of a after the switch");
        assertEquals(ContextState.REACHABLE, b.stateProperty().get());
    }

    @Test
    void aStaleNamespaceWatchIsShownAndRefreshListsThemAgain() {
        java.util.List<dev.ponte.core.port.StreamListener<String>> listeners = new java.util.ArrayList<>();
        dev.ponte.core.port.ClusterConnector recording = ctx -> {
            var inner = cluster.open(ctx);
            return new dev.ponte.core.port.ClusterSession() {
                public String serverVersion() { return inner.serverVersion(); }
                public dev.ponte.core.port.Subscription watchNamespaces(dev.ponte.core.port.StreamListener<String> l) {
                    listeners.add(l);
                    return inner.watchNamespaces(l);
                }
                public dev.ponte.core.port.Subscription watchWorkloads(String ns, dev.ponte.core.port.StreamListener<dev.ponte.core.model.Workload> l) { return inner.watchWorkloads(ns, l); }
                public dev.ponte.core.port.Subscription watchPods(String ns, dev.ponte.core.port.StreamListener<dev.ponte.core.model.PodSummary> l) { return inner.watchPods(ns, l); }
                public dev.ponte.core.port.WorkloadInspector inspector() { return inner.inspector(); }
                public dev.ponte.core.port.GefyraCluster gefyra() { return inner.gefyra(); }
                public void close() { inner.close(); }
            };
        };
        ClusterViewModel watched = new ClusterViewModel(recording, new DirectTaskRunner(), scheduler, Runnable::run, settings,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)));
        watched.show(context("dev", null));
        listeners.getFirst().onStale(java.time.Instant.parse("2026-11-01T10:00:00Z"),
                new java.net.http.HttpTimeoutException("request timed out"));

        assertTrue(watched.namespacesStaleProperty().get().startsWith("Namespaces may be out of date since "),
                watched.namespacesStaleProperty().get());
        assertTrue(watched.namespacesStaleProperty().get().contains("the API server of dev did not answer in time"),
                watched.namespacesStaleProperty().get());
        assertEquals(List.of("default", "payments"), watched.namespaces(), "the list stays while stale");

        watched.retryNow();
        assertEquals(2, listeners.size(), "Refresh watches the namespaces again");
        assertEquals("", watched.namespacesStaleProperty().get());
        listeners.getFirst().onStale(java.time.Instant.now(), new RuntimeException("late"));
        assertEquals("", watched.namespacesStaleProperty().get(), "the old watch is muted");
    }
}
