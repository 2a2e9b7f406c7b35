package dev.ponte.ui.bridge;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.bridge.RuleOverlap;
import dev.ponte.core.bridge.TestRequestSender;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.ui.common.TaskRunner;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The bridge wizard's two checks against the cluster as it is (issue 14): whether the new rules overlap a bridge another
 * client (or this machine) already has on the same workload, and "Send test request" — the request each rule set
 * matches and one that matches none, sent from inside the connection's network, with who answered.
 */
public final class WizardChecks {
    private final BridgeBackend backend;
    private final TaskRunner tasks;
    private final String namespace;
    private final WorkloadKind kind;
    private final String workload;
    private final ReadOnlyStringWrapper overlap = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper testProblem = new ReadOnlyStringWrapper("");
    private final ObservableList<TestRequestSender.Shot> shots = FXCollections.observableArrayList();
    private List<Bridge> onMount = List.of();
    private Optional<MatchRules> rules = Optional.empty();
    private int generation;

    WizardChecks(BridgeBackend backend, TaskRunner tasks, String namespace, WorkloadKind kind, String workload) {
        this.backend = backend;
        this.tasks = tasks;
        this.namespace = namespace;
        this.kind = kind;
        this.workload = workload;
    }

    /** The container's mount was looked up: read the bridges already on it. */
    void mountSeen(Optional<BridgeMount> mount) {
        int gen = ++generation;
        if (mount.isEmpty()) {
            onMount = List.of();
            recompute();
            return;
        }
        tasks.runQuietly("Reading the bridges on " + mount.get().name(), (p, c) -> backend.bridgesOnMount(mount.get().name()), b -> {
            if (gen == generation) {
                onMount = List.copyOf(b);
                recompute();
            }
        }, error -> { });
    }

    /** The rules changed (empty while any field is invalid). */
    void rules(Optional<MatchRules> now) {
        rules = now;
        recompute();
    }

    private void recompute() {
        List<RuleOverlap.Overlap> found = rules.map(r -> RuleOverlap.find(r, onMount)).orElse(List.of());
        overlap.set(String.join("\n", found.stream().map(RuleOverlap.Overlap::describe).toList()));
    }

    /** Sends the test requests for the rules as they stand; results replace the last ones. */
    public void sendTestRequests(int remotePort, String localContainer, int localPort, boolean bridged) {
        if (rules.isEmpty() || localContainer == null || testing.get()) {
            return;
        }
        MatchRules r = rules.get();
        testing.set(true);
        testProblem.set("");
        shots.clear();
        tasks.run("Test requests to " + workload, (p, c) -> backend.sendTestRequests(r, namespace, kind, workload, remotePort,
                localContainer, localPort, bridged, c), result -> {
            testing.set(false);
            shots.setAll(result);
        }, error -> {
            testing.set(false);
            var problem = ErrorAdvice.explain(error, "the cluster");
            testProblem.set(problem.title() + ": " + problem.detail() + " " + problem.advice());
        });
    }

    /** Empty, or one line per overlap (naming the other bridge, its client and a request both match). */
    public ReadOnlyStringProperty overlapProperty() {
        return overlap.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testProblemProperty() {
        return testProblem.getReadOnlyProperty();
    }

    /** The last test requests, the matching ones first. */
    public ObservableList<TestRequestSender.Shot> shots() {
        return shots;
    }
}
