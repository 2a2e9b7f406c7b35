package dev.ponte.core.model;

/** A workload's readiness in one word. */
public enum WorkloadStatus {
    READY("Ready"),
    PROGRESSING("Progressing"),
    UNAVAILABLE("Unavailable"),
    SCALED_DOWN("Scaled to 0");

    private final String label;

    WorkloadStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
