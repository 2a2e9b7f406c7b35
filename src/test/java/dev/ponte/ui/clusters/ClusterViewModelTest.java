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
}
