package dev.ponte.core.cleanup;

/** Who made a leftover, as the cleanup assistant groups them. */
public enum Origin {
    THIS_MACHINE("This machine (Ponte)"),
    GEFYRA_CLI("The gefyra CLI"),
    OTHER_MACHINE("Another machine (Ponte)"),
    /** The operator made it for a mount (shadows, Carrier2 pods) or a client (its RBAC), and what it was for is gone. */
    OPERATOR("Gefyra's operator, for something that is gone");

    private final String words;

    Origin(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
