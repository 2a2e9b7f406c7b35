package dev.ponte.ui.bridge;

import dev.ponte.core.bridge.RuleSummary;
import dev.ponte.core.bridge.RulesDraft;
import dev.ponte.core.bridge.TestRequest;
import dev.ponte.core.gefyra.MatchRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Rules page: rule sets of header/path matches, checked on every keystroke with
 * {@link RulesDraft}, with the sentence that says what they do and a curl line per rule set to test
 * them. Starts with one rule set holding one empty header match.
 */
public final class RulesEditorViewModel {
    private final ObservableList<RuleSetItem> sets = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper firstProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper curl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper curlNote = new ReadOnlyStringWrapper("");
    private final ListChangeListener<MatchItem> onMatchChange = c -> recompute();
    private List<String> problems = List.of();
    private MatchRules rules;
    private String localName;
    private String host = "<service>";
    private int port = 80;
    private String hostNote = "";

    public RulesEditorViewModel() {
        sets.addListener((ListChangeListener<RuleSetItem>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(s -> s.matches().removeListener(onMatchChange));
                c.getAddedSubList().forEach(s -> s.matches().addListener(onMatchChange));
            }
            recompute();
        });
        addRuleSet();
    }

    public ObservableList<RuleSetItem> sets() {
        return sets;
    }

    /** Adds a rule set with one empty header match. */
    public RuleSetItem addRuleSet() {
        RuleSetItem set = new RuleSetItem();
        set.addMatch();
        sets.add(set);
        return set;
    }

    public void removeRuleSet(RuleSetItem set) {
        sets.remove(set);
    }

    /** Shows the errors of fields the user has not typed into yet (after pressing Next). */
    public void revealErrors() {
        sets.forEach(s -> s.matches().forEach(m -> m.touched.set(true)));
    }

    /**
     * What the summary and the test request refer to.
     *
     * @param hostNote said under the curl line, e.g. that no Service was found; empty when none
     */
    void setTarget(String localName, String host, int port, String hostNote) {
        this.localName = localName;
        this.host = host;
        this.port = port;
        this.hostNote = hostNote;
        recompute();
    }

    private void recompute() {
        RulesDraft.Check check = new RulesDraft(sets.stream()
                .map(s -> new RulesDraft.RuleSetDraft(s.matches().stream().map(MatchItem::draft).toList())).toList()).check();
        for (int s = 0; s < sets.size(); s++) {
            RuleSetItem set = sets.get(s);
            set.setError(check.setErrors().get(s));
            for (int m = 0; m < set.matches().size(); m++) {
                set.matches().get(m).setCheck(check.matches().get(s).get(m));
            }
        }
        problems = check.problems();
        rules = check.rules().orElse(null);
        firstProblem.set(problems.isEmpty() ? "" : problems.getFirst());
        valid.set(rules != null);
        if (rules == null) {
            summary.set("Incomplete — " + firstProblem.get());
            curl.set("");
            curlNote.set("The test request appears once the rules are complete.");
            return;
        }
        summary.set(RuleSummary.of(rules, localName));
        List<String> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < rules.sets().size(); i++) {
            TestRequest r = TestRequest.of(rules.sets().get(i), host, port);
            if (rules.sets().size() > 1) {
                lines.add("# rule set " + (i + 1));
            }
            lines.add(r.command());
            if (!r.note().isEmpty()) {
                notes.add((rules.sets().size() > 1 ? "Rule set " + (i + 1) + ": " : "") + r.note());
            }
        }
        if (!hostNote.isEmpty()) {
            notes.add(hostNote);
        }
        notes.add("Run it inside the cluster or from any container on this connection's network.");
        curl.set(String.join("\n", lines));
        curlNote.set(String.join(" ", notes));
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The first problem (what blocks Next), or empty. */
    public ReadOnlyStringProperty firstProblemProperty() {
        return firstProblem.getReadOnlyProperty();
    }

    /** Every problem, one line each, with where it is. */
    public List<String> problems() {
        return problems;
    }

    /** The rules Carrier2 gets; empty while any field is invalid. */
    public Optional<MatchRules> rules() {
        return Optional.ofNullable(rules);
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** One curl line per rule set (with a comment line before each when there are several). */
    public ReadOnlyStringProperty curlProperty() {
        return curl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty curlNoteProperty() {
        return curlNote.getReadOnlyProperty();
    }
}
