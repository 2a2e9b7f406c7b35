package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.MatchRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules editor's content: rule sets of matches, as typed. Carrier2 sends a request to the
 * local container when <em>any</em> rule set matches, and a rule set matches when <em>all</em> its
 * matches do (upstream {@code carrier2/src/matching.rs}: {@code MatchOrCondition},
 * {@code MatchAndCondition}). {@link #check()} gives the verdict for every field at once, so the
 * editor can validate live as the user types.
 */
public record RulesDraft(List<RuleSetDraft> sets) {
    public RulesDraft {
        sets = List.copyOf(sets);
    }

    /** All of {@code matches} must hold. */
    public record RuleSetDraft(List<MatchDraft> matches) {
        public RuleSetDraft {
            matches = List.copyOf(matches);
        }
    }

    public static RulesDraft of(RuleSetDraft... sets) {
        return new RulesDraft(List.of(sets));
    }

    public static RuleSetDraft set(MatchDraft... matches) {
        return new RuleSetDraft(List.of(matches));
    }

    public Check check() {
        List<List<MatchCheck>> checks = new ArrayList<>();
        List<String> setErrors = new ArrayList<>();
        for (RuleSetDraft set : sets) {
            checks.add(set.matches().stream().map(MatchValidator::check).toList());
            setErrors.add(set.matches().isEmpty() ? "Add a match to this rule set, or remove the rule set" : null);
        }
        String overall = sets.isEmpty()
                ? "Add at least one rule set: without rules Carrier2 sends nothing to your container (to send everything, match the path prefix /)"
                : null;
        return new Check(checks, setErrors, overall);
    }

    /**
     * @param matches   per rule set, per match
     * @param setErrors per rule set: why it cannot be used as it is, or null
     * @param overall   a problem with the rules as a whole, or null
     */
    public record Check(List<List<MatchCheck>> matches, List<String> setErrors, String overall) {
        public Check {
            matches = matches.stream().map(List::copyOf).toList();
            setErrors = java.util.Collections.unmodifiableList(new ArrayList<>(setErrors));
        }

        public boolean valid() {
            return overall == null && setErrors.stream().allMatch(e -> e == null)
                    && matches.stream().flatMap(List::stream).allMatch(MatchCheck::valid);
        }

        /** Every problem in one line each, prefixed with where it is ("Rule set 2, match 1: ...") when there is more than one place. */
        public List<String> problems() {
            List<String> out = new ArrayList<>();
            if (overall != null) {
                out.add(overall);
            }
            for (int s = 0; s < matches.size(); s++) {
                String set = matches.size() > 1 ? "Rule set " + (s + 1) : "";
                if (setErrors.get(s) != null) {
                    out.add((set.isEmpty() ? "" : set + ": ") + setErrors.get(s));
                }
                int count = matches.get(s).size();
                for (int m = 0; m < count; m++) {
                    MatchCheck c = matches.get(s).get(m);
                    if (!c.valid()) {
                        String where = count == 1 ? set : set.isEmpty() ? "Match " + (m + 1) : set + ", match " + (m + 1);
                        out.add((where.isEmpty() ? "" : where + ": ") + c.firstError());
                    }
                }
            }
            return out;
        }

        /** The rules Carrier2 gets, one rule set per {@code match} list in the user's order; empty while anything is invalid. */
        public Optional<MatchRules> rules() {
            if (!valid()) {
                return Optional.empty();
            }
            return Optional.of(new MatchRules(matches.stream()
                    .map(set -> new MatchRules.RuleSet(set.stream().map(MatchCheck::match).toList())).toList()));
        }
    }
}
