package dev.ponte.core.task;

/**
 * A failure as the user sees it: what went wrong, why, and what to do next.
 *
 * @param title  one line, e.g. "Cluster unreachable"
 * @param detail the cause in plain words (never a stack trace, never a secret: masked by {@link Redactor} here,
 *               whatever a library or server put into it)
 * @param advice the next step
 */
public record Problem(Kind kind, String title, String detail, String advice) {
    public Problem {
        detail = Redactor.redact(detail);
    }

    public enum Kind {
        UNREACHABLE, TIMEOUT, TLS, UNAUTHORIZED, FORBIDDEN, AUTH_PLUGIN_MISSING, NOT_FOUND,
        KUBECONFIG, SERVER_ERROR, CANCELLED, UNKNOWN,
        /** What was asked cannot work as it stands (bad input, a name taken, a probe Carrier2 cannot answer): change something first. */
        REFUSED
    }

    /** True when trying again later may succeed without the user changing anything. */
    public boolean retryable() {
        return switch (kind) {
            case UNREACHABLE, TIMEOUT, SERVER_ERROR, UNKNOWN -> true;
            default -> false;
        };
    }

    /** Title, detail and advice on separate lines: for logs and "Copy diagnostics". */
    public String describe() {
        return title + "\n" + detail + "\n" + advice;
    }
}
