package dev.ponte.ui.bridge;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.EventBatcher;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.Redactor;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.common.TaskSlot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The bridge wizard for one workload: Target (container) → Ports → Local container → Rules →
 * Review → progress until the bridge is ACTIVE, or its problem with advice. Every input lives here,
 * so going back, a failure or closing and reopening the window loses nothing. Page checks run on
 * every change; {@link #reasonProperty()} says why Next is disabled.
 */
public final class BridgeWizardViewModel {
    /** The wizard's pages, in order. */
    public enum Page {
        TARGET("Target"), PORTS("Ports"), LOCAL("Local container"), RULES("Rules"), REVIEW("Review"), PROGRESS("Bridge");

        private final String title;

        Page(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Where the bridge operation stands. */
    public enum Outcome { EDITING, RUNNING, ACTIVE, FAILED }

    private final BridgeBackend backend;
    private final TaskRunner tasks;
    private final Executor ui;
    private final RunLauncher runLauncher;
    private final String namespace;
    private final WorkloadKind kind;
    private final String workload;

    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.TARGET);
    private final ReadOnlyObjectWrapper<Page> furthest = new ReadOnlyObjectWrapper<>(Page.TARGET);
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper();

    private final ObservableList<ContainerChoice> containers = FXCollections.observableArrayList();
    /** The chosen container of the pod template (input). */
    public final ObjectProperty<ContainerChoice> container = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<WorkloadDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> loadProblem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper blocking = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rolloutNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mountNote = new ReadOnlyStringWrapper("");
    private List<BridgeBackend.ServicePort> services = List.of();

    private final ObservableList<PortItem> ports = FXCollections.observableArrayList(
            p -> new javafx.beans.Observable[] {p.selected, p.localPort});
    private final Map<String, List<PortItem>> portsByContainer = new HashMap<>();

    private final ObservableList<LocalChoice> locals = FXCollections.observableArrayList();
    /** The chosen local container (input). */
    public final ObjectProperty<LocalChoice> local = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper localsLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> localsProblem = new ReadOnlyObjectWrapper<>();

    private final RulesEditorViewModel rules = new RulesEditorViewModel();
    private final WizardChecks checks;

    private final ObservableList<String> progress = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.EDITING);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Bridge> bridge = new ReadOnlyObjectWrapper<>();

    /** The bridge operation, the mount look-up, the workload read and the local list: each newer one supersedes the older. */
    private final TaskSlot operation;
    private final TaskSlot mountLookup;
    private final TaskSlot workloadLookup;
    private final TaskSlot localsLookup;
    private TaskRunner.TaskHandle running;

    /**
     * @param ui          runs on the UI thread ({@code Platform::runLater}); progress messages arrive through it in batches
     * @param runLauncher opens the Run dialog for "Run one now…"
     */
    public BridgeWizardViewModel(BridgeBackend backend, TaskRunner tasks, Executor ui, RunLauncher runLauncher,
                                 String namespace, WorkloadKind kind, String workload) {
        this.backend = backend;
        this.tasks = tasks;
        this.operation = new TaskSlot(tasks);
        this.mountLookup = new TaskSlot(tasks);
        this.workloadLookup = new TaskSlot(tasks);
        this.localsLookup = new TaskSlot(tasks);
        this.ui = ui;
        this.runLauncher = runLauncher;
        this.namespace = namespace;
        this.kind = kind;
        this.workload = workload;
        this.checks = new WizardChecks(backend, tasks, namespace, kind, workload);
        container.addListener((o, a, c) -> containerChosen(c));
        ports.addListener((ListChangeListener<PortItem>) c -> update());
        local.addListener((o, a, b) -> update());
        rules.firstProblemProperty().addListener((o, a, b) -> update());
        rules.summaryProperty().addListener((o, a, b) -> checks.rules(rules.rules()));
        rules.sets().addListener((ListChangeListener<RuleSetItem>) c -> update());
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {page, outcome, loading, loadProblem, blocking,
                localsLoading, localsProblem}) {
            o.addListener(x -> update());
        }
        update();
    }

    /** Reads the workload and the local containers (again, after the window was reopened); keeps every choice that still exists. */
    public void load() {
        loading.set(true);
        loadProblem.set(null);
        workloadLookup.look("Reading " + target(), (p, c) -> new Loaded(backend.describe(namespace, kind, workload),
                backend.services(namespace, kind, workload)), this::loaded, error -> {
            loading.set(false);
            loadProblem.set(ErrorAdvice.explain(error, "the cluster"));
            update();
        });
        refreshLocals();
    }

    private record Loaded(WorkloadDetail detail, List<BridgeBackend.ServicePort> services) {
    }

    private void loaded(Loaded l) {
        loading.set(false);
        services = l.services();
        WorkloadDetail d = l.detail();
        detail.set(d);
        blocking.set(d.readyPods() > 0 ? "" : workload + " has no ready pods. Carrier2 is installed into running pods, so "
                + "a bridge needs at least one. Scale it up (kubectl scale " + kind.kind().toLowerCase() + "/" + workload
                + " -n " + namespace + " --replicas=1) or wait until its pods are ready, then press Refresh.");
        rolloutNote.set(d.rolloutInProgress() ? "A rollout is in progress; the operator waits for it to finish before it prepares the pods." : "");
        String chosen = container.get() == null ? null : container.get().name();
        containers.setAll(d.containers().stream().map(ContainerChoice::of).toList());
        ContainerChoice again = containers.stream().filter(c -> c.name().equals(chosen)).findFirst()
                .orElseGet(() -> containers.stream().filter(ContainerChoice::bridgeable).count() == 1
                        ? containers.stream().filter(ContainerChoice::bridgeable).findFirst().orElseThrow() : null);
        container.set(again);
        update();
    }

    /** Reads the connection's local containers; keeps the chosen one when it is still there. */
    public void refreshLocals() {
        refreshLocals(local.get() == null ? null : local.get().name());
    }

    private void refreshLocals(String select) {
        localsLoading.set(true);
        localsProblem.set(null);
        localsLookup.look("Listing local containers", (p, c) -> backend.localContainers(), list -> {
            localsLoading.set(false);
            locals.setAll(list.stream().map(LocalChoice::of).toList());
            local.set(locals.stream().filter(l -> l.name().equals(select)).findFirst()
                    .orElseGet(() -> locals.stream().filter(LocalChoice::usable).count() == 1
                            ? locals.stream().filter(LocalChoice::usable).findFirst().orElseThrow() : null));
            update();
        }, error -> {
            localsLoading.set(false);
            localsProblem.set(ErrorAdvice.explain(error, "the container engine"));
            update();
        });
    }

    /** "Run one now…": opens the Run dialog prefilled; when it returns, the list is read again and the new container chosen. */
    public void runOneNow() {
        ContainerChoice c = container.get();
        List<Integer> localPorts = ports.stream().filter(p -> p.selected.get() && p.errorProperty().get() == null)
                .map(PortItem::local).toList();
        runLauncher.open(new RunLauncher.RunPrefill(namespace, kind, workload, c == null ? null : c.name(),
                        c == null ? null : c.detail().image(), localPorts))
                .whenCompleteAsync((started, error) -> refreshLocals(started != null && started.isPresent()
                        ? started.get() : local.get() == null ? null : local.get().name()), ui);
    }

    private void containerChosen(ContainerChoice c) {
        if (c == null) {
            mountLookup.end();
            ports.clear();
            mountNote.set("");
            update();
            return;
        }
        List<PortItem> kept = portsByContainer.get(c.name());
        if (kept == null || !kept.stream().map(PortItem::port).toList().equals(c.detail().ports())) {
            kept = c.detail().ports().stream().map(PortItem::new).toList();
            portsByContainer.put(c.name(), kept);
        }
        ports.setAll(kept);
        mountNote.set("Looking for an existing mount…");
        mountLookup.look("Looking for a mount of " + target(), (p, t) -> backend.existingMount(namespace, kind, workload, c.name())
                .map(m -> new MountSeen(m, backend.bridgeCount(m.name()))),
                seen -> {
                    mountNote.set(seen.map(this::reuseNote).orElseGet(() -> prepareNote(c.name())));
                    checks.mountSeen(seen.map(MountSeen::mount));
                },
                error -> mountNote.set("Could not look for an existing mount (" + ErrorAdvice.explain(error, "the cluster").title()
                        + "); Ponte looks again when it bridges."));
        update();
    }

    private record MountSeen(BridgeMount mount, int bridges) {
    }

    private String reuseNote(MountSeen s) {
        String state = s.mount().active() ? "" : " Its state is " + (s.mount().state() == null ? "not set yet" : s.mount().state())
                + (s.mount().message() == null ? "" : ": " + s.mount().message()) + ".";
        return "This workload is already prepared — reusing its mount " + s.mount().name() + ", shared with "
                + s.bridges() + (s.bridges() == 1 ? " bridge." : " bridges.") + state;
    }

    private String prepareNote(String containerName) {
        return "Ponte will prepare it: Carrier2 replaces the container " + containerName + " in the pods of " + target()
                + "; a shadow copy (" + workload + "-gefyra) keeps serving everyone else.";
    }

    // --- navigation ---

    /** Goes to the next page, or reveals what blocks it. */
    public void next() {
        Page p = page.get();
        if (p == Page.RULES && !rules.validProperty().get()) {
            rules.revealErrors();
        }
        if (!canNext.get() || p.ordinal() >= Page.REVIEW.ordinal()) {
            return;
        }
        Page to = Page.values()[p.ordinal() + 1];
        page.set(to);
        if (to.ordinal() > furthest.get().ordinal()) {
            furthest.set(to);
        }
    }

    public void back() {
        Page p = page.get();
        if (p == Page.PROGRESS && outcome.get() == Outcome.FAILED) {
            outcome.set(Outcome.EDITING);
            page.set(Page.REVIEW);
        } else if (p.ordinal() > 0 && p != Page.PROGRESS) {
            page.set(Page.values()[p.ordinal() - 1]);
        }
    }

    /** Jumps to a page already reached (the step list), when nothing is running. */
    public void goTo(Page p) {
        if (outcome.get() == Outcome.EDITING && p != Page.PROGRESS && p.ordinal() <= furthest.get().ordinal()
                && (p.ordinal() <= page.get().ordinal() || firstInvalid().ordinal() >= p.ordinal())) {
            page.set(p);
        }
    }

    private void update() {
        String why = pageProblem(page.get());
        reason.set(why == null ? "" : why);
        canNext.set(why == null && outcome.get() == Outcome.EDITING);
        PortItem first = ports.stream().filter(p -> p.selected.get()).findFirst().orElse(null);
        int remote = first == null ? 80 : first.port().port();
        Optional<BridgeBackend.ServicePort> svc = services.stream().filter(s -> s.targetPort() == remote).findFirst();
        String host = svc.map(BridgeBackend.ServicePort::service).orElse("<service>") + "." + namespace + ".svc.cluster.local";
        rules.setTarget(local.get() == null ? null : local.get().name(), host, svc.map(BridgeBackend.ServicePort::port).orElse(remote),
                svc.isPresent() ? "" : "No Service in front of port " + remote + " was found: put its name for <service> (kubectl get svc -n "
                        + namespace + ").");
        checks.rules(rules.rules());
    }

    /** Overlap with other bridges on the workload, and "Send test request" (issue 14). */
    public WizardChecks checks() {
        return checks;
    }

    /** "Send test request" for the first chosen port, to the chosen local container. */
    public void sendTestRequests() {
        PortItem first = ports.stream().filter(p -> p.selected.get()).findFirst().orElse(null);
        if (first != null && local.get() != null && first.errorProperty().get() == null) {
            checks.sendTestRequests(first.port().port(), local.get().name(), first.local(), outcome.get() == Outcome.ACTIVE);
        }
    }

    /** The first of Target..Rules with a problem, or REVIEW when they are all fine. */
    private Page firstInvalid() {
        for (Page p : List.of(Page.TARGET, Page.PORTS, Page.LOCAL, Page.RULES)) {
            if (pageProblem(p) != null) {
                return p;
            }
        }
        return Page.REVIEW;
    }

    /** Why the page cannot be left forward, or null. */
    String pageProblem(Page p) {
        return switch (p) {
            case TARGET -> loading.get() ? "Reading the workload…"
                    : loadProblem.get() != null ? loadProblem.get().title()
                    : !blocking.get().isEmpty() ? workload + " has no ready pods"
                    : container.get() == null ? "Choose the container to bridge"
                    : container.get().reason();
            case PORTS -> ports.stream().noneMatch(i -> i.selected.get()) ? "Choose at least one port"
                    : ports.stream().filter(i -> i.selected.get() && i.errorProperty().get() != null).findFirst()
                    .map(i -> "Port " + i.port().port() + ": " + i.errorProperty().get()).orElse(null);
            case LOCAL -> localsLoading.get() ? "Listing local containers…"
                    : local.get() == null ? "Choose the local container that gets the traffic"
                    : local.get().reason();
            case RULES -> rules.firstProblemProperty().get().isEmpty() ? null : rules.firstProblemProperty().get();
            case REVIEW -> Page.REVIEW == firstInvalid() ? null : "Fix the " + firstInvalid().title() + " page first";
            case PROGRESS -> "";
        };
    }

    // --- the operation ---

    /** The wizard's choices; only meaningful when every page is valid. */
    public BridgePlan plan() {
        List<PortMapping> mappings = ports.stream().filter(p -> p.selected.get()).map(p -> new PortMapping(p.port().port(), p.local())).toList();
        return new BridgePlan(namespace, kind, workload, container.get().name(), mappings, local.get().name(), rules.rules().orElseThrow());
    }

    /** Bridge: creates the mount if needed and the bridge, showing the operator's messages until ACTIVE. */
    public void bridge() {
        if (firstInvalid() != Page.REVIEW || outcome.get() == Outcome.RUNNING) {
            return;
        }
        BridgePlan plan = plan();
        TaskSlot.Turn turn = operation.next();
        progress.clear();
        problem.set(null);
        result.set("");
        outcome.set(Outcome.RUNNING);
        page.set(Page.PROGRESS);
        EventBatcher<String> lines = new EventBatcher<>(ui, turn.<List<String>>feed(progress::addAll));
        Progress mine = new Progress() {
            @Override
            public void step(String name, int index, int total) {
                lines.add("Step " + index + "/" + total + ": " + name);
            }

            @Override
            public void message(String text) {
                lines.add(text);
            }
        };
        String summary = rules.summaryProperty().get();
        // Cancel flips the token only: the operation undoes what it made and its outcome still counts.
        running = turn.run("Bridge " + workload + " → " + plan.localContainer(),
                (p, cancel) -> backend.bridge(plan, tee(p, mine), cancel), b -> {
                    running = null;
                    bridge.set(b);
                    result.set("Bridge " + b.name() + " is active. " + summary);
                    outcome.set(Outcome.ACTIVE);
                }, error -> {
                    running = null;
                    problem.set(explain(error));
                    outcome.set(Outcome.FAILED);
                });
    }

    private static Progress tee(Progress a, Progress b) {
        return new Progress() {
            @Override
            public void step(String name, int index, int total) {
                a.step(name, index, total);
                b.step(name, index, total);
            }

            @Override
            public void message(String text) {
                a.message(text);
                b.message(text);
            }
        };
    }

    /**
     * What a failed Bridge shows: the operator's and the engine's failures carry their own words; the API server's are
     * the cluster's. Bridge does not retry by itself: the advice says so.
     */
    public static Problem explain(Throwable error) {
        return ErrorAdvice.explainOperation(error, "the cluster",
                "Ponte removed what this attempt created; press Bridge to try again");
    }

    /** Stops a running bridge operation. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Text for "Copy details": the plan, the messages and the problem, with credentials masked ({@link Redactor}). */
    public String details() {
        StringBuilder sb = new StringBuilder("Bridge " + target() + " in " + namespace + "\n");
        progress.forEach(l -> sb.append("  ").append(l).append('\n'));
        if (problem.get() != null) {
            sb.append(problem.get().describe()).append('\n');
        }
        return Redactor.redact(sb.toString());
    }

    /** e.g. {@code deployment/api}. */
    public String target() {
        return kind.kind().toLowerCase() + "/" + workload;
    }

    // --- properties ---

    public String namespace() {
        return namespace;
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** The furthest page reached; the step list lets the user jump back to any page up to it. */
    public ReadOnlyObjectProperty<Page> furthestProperty() {
        return furthest.getReadOnlyProperty();
    }

    /** Why Next (or Bridge) is disabled on this page; empty when it is not. */
    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    public ObservableList<ContainerChoice> containers() {
        return containers;
    }

    public ReadOnlyObjectProperty<WorkloadDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> loadProblemProperty() {
        return loadProblem.getReadOnlyProperty();
    }

    /** Why no container can be bridged at all (no ready pods), with the next step; empty otherwise. */
    public ReadOnlyStringProperty blockingProperty() {
        return blocking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rolloutNoteProperty() {
        return rolloutNote.getReadOnlyProperty();
    }

    /** Whether Ponte reuses a mount (shared with how many bridges) or prepares the workload. */
    public ReadOnlyStringProperty mountNoteProperty() {
        return mountNote.getReadOnlyProperty();
    }

    public ObservableList<PortItem> ports() {
        return ports;
    }

    public ObservableList<LocalChoice> locals() {
        return locals;
    }

    public ReadOnlyBooleanProperty localsLoadingProperty() {
        return localsLoading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> localsProblemProperty() {
        return localsProblem.getReadOnlyProperty();
    }

    public RulesEditorViewModel rules() {
        return rules;
    }

    /** The progress lines: steps and the operator's messages, in order. */
    public ObservableList<String> progress() {
        return progress;
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The bridge once ACTIVE, else null. */
    public ReadOnlyObjectProperty<Bridge> bridgeProperty() {
        return bridge.getReadOnlyProperty();
    }

    /** The local container's line for the list and the review: name · image · IP. */
    public static String describe(LocalContainer c) {
        return c.name() + " · " + c.image() + (c.ip() == null ? "" : " · " + c.ip());
    }
}
