package dev.ponte.ui.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ponte.core.model.Change;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Staleness;
import dev.ponte.testsupport.FakeCluster;
import dev.ponte.ui.common.ListState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadsViewModelTest {
    private final FakeCluster cluster = new FakeCluster();
    private final ClusterSession session = cluster.open(new KubeContext("dev", "c", "u", null, "https://x", Path.of("/k")));
    private final WorkloadsViewModel vm = new WorkloadsViewModel(Runnable::run);

    private static Workload deploy(String name, int ready, int desired, String image) {
        return new Workload(WorkloadKind.DEPLOYMENT, "default", name, ready, desired, List.of(image),
                Instant.parse("2026-11-01T00:00:00Z"), Map.of("app", name));
    }

    private static PodSummary pod(String name, String app) {
        return new PodSummary("default", name, "Running", 1, 1, 0, "node-1", Instant.EPOCH, Map.of("app", app), List.of("main"));
    }

    private List<String> names() {
        return vm.visibleItems().stream().map(i -> i.get().name()).toList();
    }

    @Test
    void loadingUntilTheInitialListIsInThenData() {
        vm.show(session, "default");
        assertEquals(ListState.LOADING, vm.stateProperty().get());
        cluster.workloadListener.onChange(Change.added(deploy("api", 2, 2, "api:1")));
        cluster.workloadListener.onSynced();
        assertEquals(ListState.DATA, vm.stateProperty().get());
        assertEquals("1 workloads · 1 ready", vm.summaryProperty().get());
    }

    @Test
    void emptyNamespaceSaysSo() {
        vm.show(session, "default");
        cluster.workloadListener.onSynced();
        assertEquals(ListState.EMPTY, vm.stateProperty().get());
    }

    @Test
    void modifiedWorkloadUpdatesItsRowInPlaceAndKeepsTheSelection() {
        vm.show(session, "default");
        cluster.workloadListener.onChange(Change.added(deploy("api", 1, 2, "api:1")));
        cluster.workloadListener.onSynced();
        WorkloadItem row = vm.items().getFirst();
        vm.selectedProperty().set(row);
        cluster.workloadListener.onChange(Change.modified(deploy("api", 3, 3, "api:2")));
        assertSame(row, vm.items().getFirst());
        assertEquals(3, row.get().ready());
        assertSame(row, vm.selectedProperty().get());
    }

    @Test
    void deletedWorkloadDisappearsAndClearsTheSelection() {
        vm.show(session, "default");
        cluster.workloadListener.onChange(Change.added(deploy("api", 1, 1, "api:1")));
        cluster.workloadListener.onChange(Change.added(deploy("web", 1, 1, "web:1")));
        cluster.workloadListener.onSynced();
        vm.selectedProperty().set(vm.items().getFirst());
        cluster.workloadListener.onChange(Change.deleted(deploy("api", 1, 1, "api:1")));
        assertEquals(List.of("web"), names());
        assertNull(vm.selectedProperty().get());
    }

    @Test
    void filterMatchesNameOrImageAndKindTogglesHideKinds() {
        vm.show(session, "default");
        cluster.workloadListener.onChange(Change.added(deploy("api", 1, 1, "ghcr.io/acme/api:1")));
        cluster.workloadListener.onChange(Change.added(deploy("web", 1, 1, "nginx:1.27")));
        cluster.workloadListener.onChange(Change.added(new Workload(WorkloadKind.STATEFUL_SET, "default", "redis",
                1, 1, List.of("redis:7"), null, Map.of("app", "redis"))));
        vm.filterProperty().set("NGINX");
        assertEquals(List.of("web"), names());
        vm.filterProperty().set("");
        vm.kindShownProperty(WorkloadKind.DEPLOYMENT).set(false);
        assertEquals(List.of("redis"), names());
    }

    @Test
    void podsOfTheSelectedWorkloadFollowItsSelector() {
        vm.show(session, "default");
        cluster.workloadListener.onChange(Change.added(deploy("api", 1, 1, "api:1")));
        assertNull(cluster.podListener, "the pods are listed once the workloads are");
        cluster.workloadListener.onSynced();
        cluster.podListener.onChange(Change.added(pod("api-1", "api")));
        cluster.podListener.onChange(Change.added(pod("web-1", "web")));
        assertEquals(0, vm.podsOfSelected().size());
        vm.selectedProperty().set(vm.items().getFirst());
        assertEquals(List.of("api-1"), vm.podsOfSelected().stream().map(PodSummary::name).toList());
        cluster.podListener.onChange(Change.added(pod("api-2", "api")));
        cluster.podListener.onChange(Change.deleted(pod("api-1", "api")));
        assertEquals(List.of("api-2"), vm.podsOfSelected().stream().map(PodSummary::name).toList());
    }

    @Test
    void aNamespaceLeftBeforeItsWorkloadsWereListedNeverWatchesItsPods() {
        vm.show(session, "default");
        var old = cluster.workloadListener;
        vm.show(session, "payments");
        old.onSynced();
        assertNull(cluster.podListener, "no pods watch for a namespace no longer shown");
        cluster.workloadListener.onSynced();
        cluster.podListener.onChange(Change.added(pod("api-1", "api")));
        vm.show(session, "default");
        assertNull(cluster.podListener, "the shown namespace's pods watch is closed with it");
    }

    @Test
    void theSelectedWorkloadsNewSelectorPicksItsPodsAnotherWorkloadsChangeKeepsThem() {
        vm.show(session, "default");
        cluster.workloadListener.onChange(Change.added(deploy("api", 1, 1, "api:1")));
        cluster.workloadListener.onChange(Change.added(deploy("web", 1, 1, "web:1")));
        cluster.workloadListener.onSynced();
        cluster.podListener.onChange(Change.added(pod("api-1", "api")));
        cluster.podListener.onChange(Change.added(pod("api-v2-1", "api-v2")));
        vm.selectedProperty().set(vm.items().getFirst());
        cluster.workloadListener.onChange(Change.modified(deploy("web", 0, 1, "web:2")));
        assertEquals(List.of("api-1"), vm.podsOfSelected().stream().map(PodSummary::name).toList());
        cluster.workloadListener.onChange(Change.modified(new Workload(WorkloadKind.DEPLOYMENT, "default", "api", 1, 1,
                List.of("api:2"), Instant.parse("2026-11-01T00:00:00Z"), Map.of("app", "api-v2"))));
        assertEquals(List.of("api-v2-1"), vm.podsOfSelected().stream().map(PodSummary::name).toList());
    }

    @Test
    void forbiddenListShowsTheErrorWithAdvice() {
        vm.show(session, "secret");
        cluster.workloadListener.onError(new ApiStatusException(403, "deployments.apps is forbidden", null));
        assertEquals(ListState.ERROR, vm.stateProperty().get());
        assertEquals(Problem.Kind.FORBIDDEN, vm.problemProperty().get().kind());
    }

    @Test
    void eventsOfAnOldNamespaceAreIgnoredAfterASwitch() {
        vm.show(session, "default");
        var old = cluster.workloadListener;
        vm.show(session, "payments");
        old.onChange(Change.added(deploy("stale", 1, 1, "x")));
        assertEquals(List.of(), names());
        assertEquals(List.of("default", "payments"), cluster.watchedNamespaces);
    }

    @Test
    void aWatchOfANamespaceNoLongerShownDeliversNothing() {
        vm.show(session, "default");
        var old = cluster.workloadListener;
        vm.show(session, "payments");
        old.onChange(Change.added(deploy("ghost", 1, 1, "ghost:1")));
        old.onSynced();
        old.onStale(Instant.parse("2026-11-01T10:00:00Z"), new java.net.ConnectException("refused"));
        assertEquals(List.of(), names(), "a change from the superseded watch is dropped");
        assertEquals(ListState.LOADING, vm.stateProperty().get());
        assertEquals("", vm.staleProperty().get());
        assertEquals(List.of("default", "payments"), cluster.watchedNamespaces);
    }

    @Test
    void aStaleWatchSaysSinceWhenAndWhyUntilItIsCurrentAgain() {
        vm.show(session, "default");
        cluster.workloadListener.onChange(Change.added(deploy("api", 2, 2, "api:1")));
        cluster.workloadListener.onSynced();
        Instant since = Instant.parse("2026-11-01T10:02:31Z");

        cluster.workloadListener.onStale(since, new RuntimeException(new java.net.ConnectException("Connection refused")));

        String expectedTime = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(since.atZone(java.time.ZoneId.systemDefault()));
        assertEquals("Workloads may be out of date since " + expectedTime + ": Cannot reach the API server. Ponte keeps "
                + "checking; Refresh reads them again now.", vm.staleProperty().get());
        assertEquals(List.of("api"), names(), "the rows stay, marked stale");
        cluster.workloadListener.onCurrent();
        assertEquals("", vm.staleProperty().get());
    }

    @Test
    void refreshListsTheNamespaceAgainFromScratch() {
        vm.show(session, "default");
        var first = cluster.workloadListener;
        first.onChange(Change.added(deploy("gone-meanwhile", 1, 1, "x:1")));
        first.onSynced();
        first.onStale(Instant.now(), new Staleness.MissedChangesException("the watch missed changes"));

        vm.refresh();

        assertEquals(List.of("default", "default"), cluster.watchedNamespaces, "a new watch of the same namespace");
        assertEquals(List.of(), names(), "what the old watch delivered is gone until the new list arrives");
        assertEquals("", vm.staleProperty().get());
        first.onChange(Change.added(deploy("late", 1, 1, "x:1")));
        assertEquals(List.of(), names(), "the replaced watch is muted");
        cluster.workloadListener.onChange(Change.added(deploy("api", 1, 1, "api:1")));
        cluster.workloadListener.onSynced();
        assertEquals(List.of("api"), names());
    }
}
