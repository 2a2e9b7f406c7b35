package dev.ponte.core.model;

/** The workload kinds Ponte lists (and can bridge, later). */
public enum WorkloadKind {
    DEPLOYMENT("Deployment", "Deploy"),
    STATEFUL_SET("StatefulSet", "STS"),
    DAEMON_SET("DaemonSet", "DS");

    private final String kind;
    private final String shortName;

    WorkloadKind(String kind, String shortName) {
        this.kind = kind;
        this.shortName = shortName;
    }

    /** The Kubernetes kind, e.g. {@code Deployment}. */
    public String kind() {
        return kind;
    }

    public String shortName() {
        return shortName;
    }
}
