package dev.ponte.core.model;

/** What Ponte knows about a context's API server. */
public enum ContextState {
    /** Not looked at yet in this run (Ponte probes a context only when it is selected). */
    UNKNOWN,
    CHECKING,
    REACHABLE,
    /** Network, timeout or server error: retried with back-off. */
    UNREACHABLE,
    /** Credentials rejected, missing or not allowed (401/403/missing plugin/TLS trust): needs the user. */
    NO_ACCESS
}
