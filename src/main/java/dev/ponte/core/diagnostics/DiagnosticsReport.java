package dev.ponte.core.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checklist of one context (and its connection, when there is one), as it was at {@code at}.
 *
 * @param connection   the connection's name, or null when the context has none
 * @param connected    whether a tunnel stood when the checks ran (the tunnel lines are "not checked" otherwise)
 * @param suggestedMtu an MTU for the connection's tunnel and network when the MTU line found one too large
 */
public record DiagnosticsReport(String context, String connection, boolean connected, Instant at, Duration took,
                                List<Check> checks, OptionalInt suggestedMtu) {
    public DiagnosticsReport {
        checks = List.copyOf(checks);
    }

    /** The worst verdict of all lines. */
    public CheckState worst() {
        CheckState w = CheckState.NOT_CHECKED;
        for (Check c : checks) {
            w = w.worse(c.state());
        }
        return w;
    }

    public Optional<Check> check(String key) {
        return checks.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /** The first line that failed (else warned): the one a link opens. */
    public Optional<Check> firstProblem() {
        return checks.stream().filter(c -> c.state() == CheckState.FAILED).findFirst()
                .or(() -> checks.stream().filter(c -> c.state() == CheckState.WARNING).findFirst());
    }

    public long count(CheckState state) {
        return checks.stream().filter(c -> c.state() == state).count();
    }

    /** The whole checklist as plain text (Copy, the support bundle); every line went through the redactor. */
    public String text() {
        StringBuilder b = new StringBuilder("Ponte diagnostics for context ").append(context);
        if (connection != null) {
            b.append(", connection ").append(connection).append(connected ? " (tunnel up)" : " (no tunnel)");
        }
        b.append("\nChecked ").append(at).append(" in ").append(took.toMillis()).append(" ms: ")
                .append(count(CheckState.OK)).append(" OK, ").append(count(CheckState.WARNING)).append(" warning(s), ")
                .append(count(CheckState.FAILED)).append(" failed, ").append(count(CheckState.NOT_CHECKED))
                .append(" not checked\n\n");
        checks.forEach(c -> b.append(c.text()));
        suggestedMtu.ifPresent(m -> b.append("\nSuggested MTU for this connection: ").append(m).append('\n'));
        return b.toString();
    }
}
