package dev.ponte.ui.tray;

/** The answers of the quit question, named for what happens (ux.md: buttons say what they do). */
public enum QuitChoice {
    DISCONNECT_AND_QUIT("Disconnect and quit"),
    QUIT_LEAVE_RUNNING("Quit and leave them running"),
    CANCEL("Cancel");

    private final String label;

    QuitChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
