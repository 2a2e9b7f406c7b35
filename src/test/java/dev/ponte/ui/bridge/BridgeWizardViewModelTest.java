package dev.ponte.ui.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Outcome;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BridgeWizardViewModelTest {
    private final FakeBridgeBackend backend = new FakeBridgeBackend();
    private final List<RunLauncher.RunPrefill> prefills = new ArrayList<>();
    private RunLauncher launcher = p -> {
        prefills.add(p);
        return CompletableFuture.completedFuture(Optional.empty());
    };
    private final BridgeWizardViewModel vm = new BridgeWizardViewModel(backend, new DirectTaskRunner(), Runnable::run,
            p -> launcher.open(p), "shop", WorkloadKind.DEPLOYMENT, "api");

    private void fillRules(String name, String value, MatchRules.Type type) {
        MatchItem m = vm.rules().sets().getFirst().matches().getFirst();
        m.type.set(type);
        m.name.set(name);
        m.value.set(value);
    }

    private void walkToReview() {
        vm.load();
        vm.next();
        vm.next();
        vm.next();
        fillRules("x-user", "alice", MatchRules.Type.EXACT);
        vm.next();
        assertEquals(Page.REVIEW, vm.pageProperty().get());
    }

    @Test
    void containersWithExecOrTcpProbesAreShownWithTheReasonAndTheOnlyBridgeableOneIsChosen() {
        vm.load();
        assertEquals(List.of("api", "envoy"), vm.containers().stream().map(ContainerChoice::name).toList());
        ContainerChoice envoy = vm.containers().get(1);
        assertFalse(envoy.bridgeable());
        assertTrue(envoy.reason().startsWith("Has exec probes, which Carrier2 cannot answer"), envoy.reason());
        assertEquals("api", vm.container.get().name());
        assertTrue(vm.canNextProperty().get());
        assertEquals("Ponte will prepare it: Carrier2 replaces the container api in the pods of deployment/api; a shadow copy "
                + "(api-gefyra) keeps serving everyone else.", vm.mountNoteProperty().get());
        vm.container.set(envoy);
        assertFalse(vm.canNextProperty().get());
        assertEquals(envoy.reason(), vm.reasonProperty().get());
    }

    @Test
    void aWorkloadWithNoReadyPodsBlocksWithTheNextStep() {
        backend.detail = new WorkloadDetail(WorkloadKind.DEPLOYMENT, "shop", "api", backend.detail.containers(), 1, 0, false);
        vm.load();
        assertTrue(vm.blockingProperty().get().contains("kubectl scale deployment/api -n shop --replicas=1"));
        assertFalse(vm.canNextProperty().get());
        assertEquals("api has no ready pods", vm.reasonProperty().get());
        vm.next();
        assertEquals(Page.TARGET, vm.pageProperty().get());
    }

    @Test
    void aFailedReadIsExplainedAndRefreshTriesAgain() {
        backend.describeFailure = new ApiStatusException(404, "deployments.apps \"api\" not found", null);
        vm.load();
        assertEquals(Problem.Kind.NOT_FOUND, vm.loadProblemProperty().get().kind());
        assertFalse(vm.canNextProperty().get());
        backend.describeFailure = null;
        vm.load();
        assertNull(vm.loadProblemProperty().get());
        assertTrue(vm.canNextProperty().get());
    }

    @Test
    void anExistingMountIsReusedAndSaysHowManyBridgesShareIt() {
        backend.mount = new BridgeMount("api-shop-x1y2z", "shop", "deployment/api", "api", "ACTIVE", null, Instant.now(), null);
        backend.bridgesOnMount = 3;
        vm.load();
        assertEquals("This workload is already prepared — reusing its mount api-shop-x1y2z, shared with 3 bridges.",
                vm.mountNoteProperty().get());
    }

    @Test
    void onlyDeclaredTcpPortsAreOfferedAndLocalPortsAreValidated() {
        vm.load();
        vm.next();
        assertEquals(Page.PORTS, vm.pageProperty().get());
        assertEquals(List.of(8080, 9090, 8125), vm.ports().stream().map(p -> p.port().port()).toList());
        PortItem http = vm.ports().get(0);
        PortItem udp = vm.ports().get(2);
        assertTrue(http.selected.get());
        assertEquals("8080", http.localPort.get());
        assertFalse(udp.selected.get());
        assertEquals("UDP: Carrier2 proxies HTTP over TCP only", udp.reason());
        http.localPort.set("70000");
        assertFalse(vm.canNextProperty().get());
        assertEquals("Port 8080: A port is a number from 1 to 65535", vm.reasonProperty().get());
        http.localPort.set("8000");
        vm.ports().get(1).selected.set(false);
        assertTrue(vm.canNextProperty().get());
        http.selected.set(false);
        assertEquals("Choose at least one port", vm.reasonProperty().get());
    }

    @Test
    void localContainersNotRunningOrNotOnTheNetworkCannotBeChosen() {
        vm.load();
        vm.next();
        vm.next();
        assertEquals(Page.LOCAL, vm.pageProperty().get());
        assertEquals("api-local", vm.local.get().name());
        assertEquals("Not running (exited): start it, or run a new one", vm.locals().get(1).reason());
        assertTrue(vm.locals().get(2).reason().startsWith("Not on this connection's network"));
        vm.local.set(vm.locals().get(2));
        assertFalse(vm.canNextProperty().get());
    }

    @Test
    void runOneNowOpensTheRunDialogPrefilledAndChoosesWhatItStarted() {
        vm.load();
        vm.next();
        vm.ports().get(0).localPort.set("8000");
        vm.next();
        launcher = p -> {
            prefills.add(p);
            backend.locals.add(FakeBridgeBackend.local("api-dev", "running", "10.18.0.7"));
            return CompletableFuture.completedFuture(Optional.of("api-dev"));
        };
        int before = backend.listings;
        vm.runOneNow();
        assertEquals(new RunLauncher.RunPrefill("shop", WorkloadKind.DEPLOYMENT, "api", "api", "ghcr.io/acme/api:1.4", List.of(8000, 9090)),
                prefills.getFirst());
        assertEquals(before + 1, backend.listings);
        assertEquals("api-dev", vm.local.get().name());
    }

    @Test
    void rulesAreValidatedLiveWithAnErrorPerFieldOnceTyped() {
        vm.load();
        vm.next();
        vm.next();
        vm.next();
        MatchItem m = vm.rules().sets().getFirst().matches().getFirst();
        assertNull(m.nameErrorProperty().get(), "an untouched empty field does not shout");
        assertFalse(vm.canNextProperty().get());
        assertEquals("Enter a header name, e.g. x-user", vm.reasonProperty().get());
        m.type.set(MatchRules.Type.REGEX);
        m.name.set("X-User");
        m.value.set("^(?=ali)");
        assertTrue(m.valueErrorProperty().get().startsWith("Look-ahead and look-behind"));
        assertTrue(vm.reasonProperty().get().startsWith("Look-ahead and look-behind"), "the reason follows every keystroke");
        assertEquals("Header names arrive in lower case: the name pattern is sent as x-user", m.noteProperty().get());
        assertFalse(vm.canNextProperty().get());
        m.value.set("^ali");
        assertNull(m.valueErrorProperty().get());
        assertTrue(vm.canNextProperty().get());
        assertEquals("Requests with a header whose name matches the pattern x-user and whose value matches ^ali go to your container "
                + "api-local; all others go to the cluster.", vm.rules().summaryProperty().get());
        assertEquals("curl -H 'x-user: ali' http://api.shop.svc.cluster.local:80/", vm.rules().curlProperty().get());
    }

    @Test
    void pressingNextWithAnEmptyRuleRevealsItsErrors() {
        vm.load();
        vm.next();
        vm.next();
        vm.next();
        vm.next();
        assertEquals(Page.RULES, vm.pageProperty().get());
        assertEquals("Enter a header name, e.g. x-user", vm.rules().sets().getFirst().matches().getFirst().nameErrorProperty().get());
    }

    @Test
    void severalRuleSetsGiveOneCurlLineEach() {
        vm.load();
        fillRules("x-user", "alice", MatchRules.Type.EXACT);
        RuleSetItem second = vm.rules().addRuleSet();
        second.matches().getFirst().target.set(dev.ponte.core.bridge.MatchDraft.Target.PATH);
        second.matches().getFirst().type.set(MatchRules.Type.PREFIX);
        second.matches().getFirst().value.set("/beta");
        assertEquals("# rule set 1\ncurl -H 'x-user: alice' http://api.shop.svc.cluster.local:80/\n# rule set 2\n"
                + "curl http://api.shop.svc.cluster.local:80/beta", vm.rules().curlProperty().get());
        assertTrue(vm.rules().summaryProperty().get().startsWith("Requests that match any of: (1) header x-user: alice; (2) a path starting with /beta"));
    }

    @Test
    void withoutAServiceTheCurlLineNamesAPlaceholderAndSaysWhatToPutThere() {
        backend.services = List.of();
        vm.load();
        fillRules("x-user", "alice", MatchRules.Type.EXACT);
        assertEquals("curl -H 'x-user: alice' 'http://<service>.shop.svc.cluster.local:8080/'", vm.rules().curlProperty().get());
        assertTrue(vm.rules().curlNoteProperty().get().contains("No Service in front of port 8080 was found"));
    }

    @Test
    void bridgeSendsThePlanAndShowsTheOperatorsMessagesUntilActive() {
        walkToReview();
        vm.bridge();
        assertEquals(List.of(new BridgePlan("shop", WorkloadKind.DEPLOYMENT, "api", "api",
                List.of(new PortMapping(8080, 8080), new PortMapping(9090, 9090)), "api-local",
                new MatchRules(List.of(new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT)))))))
                , backend.plans);
        assertEquals(List.of("Step 1/2: Prepare api", "Creating mount api-shop-x1y2z", "Mount PREPARING: shadow deployment api-gefyra created",
                "Mount ACTIVE: Carrier2 is running in 2 pods", "Bridge ACTIVE: route to 10.18.0.2:8000", "Step 2/2: Create the bridge"),
                vm.progress());
        assertEquals(Outcome.ACTIVE, vm.outcomeProperty().get());
        assertEquals(Page.PROGRESS, vm.pageProperty().get());
        assertTrue(vm.resultProperty().get().startsWith("Bridge me-deployment-api-api-k2x9q is active. Requests with header x-user: alice"));
        vm.back();
        assertEquals(Page.PROGRESS, vm.pageProperty().get(), "an active bridge is not edited again");
    }

    @Test
    void copyDetailsMasksCredentialsInTheOperatorsMessagesAndTheProblem() {
        walkToReview();
        backend.messages = List.of("Creating mount api-shop-x1y2z",
                "Mount ERROR: pull of registry.example.com/api failed: Authorization: Basic dXNlcjpodW50ZXIy rejected");
        backend.bridgeFailure = new RuntimeException("webhook said token=tok-0123456789 is invalid for https://bob:pa55w0rd@api:6443/");
        vm.bridge();
        assertEquals(Outcome.FAILED, vm.outcomeProperty().get());
        String details = vm.details();
        assertFalse(details.contains("dXNlcjpodW50ZXIy"), details);
        assertFalse(details.contains("tok-0123456789"), details);
        assertFalse(details.contains("pa55w0rd"), details);
        assertTrue(details.contains("Creating mount api-shop-x1y2z"), details);
        assertTrue(details.contains("Authorization: Basic ***"), details);
    }

    @Test
    void aFailureShowsItsAdviceAndKeepsEveryInput() {
        walkToReview();
        backend.bridgeFailure = new PonteException(new Problem(Problem.Kind.UNKNOWN, "The target container's probes do not work with Carrier2",
                "The operator said: Probes not compatible", "Change that probe to httpGet, or bridge another container of the workload."));
        vm.bridge();
        assertEquals(Outcome.FAILED, vm.outcomeProperty().get());
        assertEquals("Change that probe to httpGet, or bridge another container of the workload.", vm.problemProperty().get().advice());
        assertTrue(vm.details().contains("Probes not compatible"));
        vm.back();
        assertEquals(Page.REVIEW, vm.pageProperty().get());
        assertEquals(Outcome.EDITING, vm.outcomeProperty().get());
        vm.back();
        assertEquals("alice", vm.rules().sets().getFirst().matches().getFirst().value.get());
        vm.back();
        assertEquals("api-local", vm.local.get().name());
        backend.bridgeFailure = null;
        vm.goTo(Page.REVIEW);
        vm.bridge();
        assertEquals(Outcome.ACTIVE, vm.outcomeProperty().get());
        assertEquals(2, backend.plans.size());
        assertEquals(backend.plans.get(0), backend.plans.get(1));
    }

    @Test
    void goingBackAndForthKeepsPortChoices() {
        vm.load();
        vm.next();
        vm.ports().get(0).localPort.set("8000");
        vm.back();
        vm.load(); // the window was closed and opened again
        vm.next();
        assertEquals("8000", vm.ports().get(0).localPort.get());
        assertTrue(vm.furthestProperty().get().ordinal() >= Page.PORTS.ordinal());
    }

    @Test
    void stepsCannotBeSkippedPastAnInvalidPage() {
        vm.load();
        vm.next();
        vm.next();
        vm.next();
        vm.goTo(Page.TARGET);
        assertEquals(Page.TARGET, vm.pageProperty().get());
        vm.goTo(Page.RULES);
        assertEquals(Page.RULES, vm.pageProperty().get());
        vm.goTo(Page.REVIEW);
        assertEquals(Page.RULES, vm.pageProperty().get(), "Review is not reached while the rules are incomplete");
    }
}
