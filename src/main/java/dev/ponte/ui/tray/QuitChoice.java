package dev.ponte.ui.tray;

/** The answers of the quit question, named for what happens (ux.md: buttons say what they do). */
public enum QuitChoice {
    DISCONNECT_AND_QUIT("Disconnect and quit"),
    QUIT_LEAVE_RUNNING("Quit and leave them running"),
    /** An operation runs: let it finish, then quit (or ask again about what it left up). */
    WAIT_THEN_QUIT("Wait, then quit"),
    /** An operation runs: cancel it (it undoes what it made), then quit. */
    UNDO_THEN_QUIT("Cancel it and undo, then quit"),
    /** An operation runs: quit now; the journal shows what it left at the next start. */
    QUIT_NOW("Quit now and leave it"),
    CANCEL("Don't quit");

    private final String label;

    QuitChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
