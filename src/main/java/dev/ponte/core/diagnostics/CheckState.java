package dev.ponte.core.diagnostics;

/** The verdict of one diagnostics line. */
public enum CheckState {
    OK("OK"), WARNING("Warning"), FAILED("Failed"), NOT_CHECKED("Not checked");

    private final String word;

    CheckState(String word) {
        this.word = word;
    }

    /** The word the checklist, the bundle and the command line show. */
    public String word() {
        return word;
    }

    /** FAILED over WARNING over OK; NOT_CHECKED counts as nothing known. */
    public CheckState worse(CheckState other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(CheckState s) {
        return switch (s) {
            case NOT_CHECKED -> 0;
            case OK -> 1;
            case WARNING -> 2;
            case FAILED -> 3;
        };
    }
}
