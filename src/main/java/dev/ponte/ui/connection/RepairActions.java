package dev.ponte.ui.connection;

/** Where the connection panel's diagnose-and-repair links lead (the main window opens the screens). */
public interface RepairActions {
    RepairActions NONE = new RepairActions() {
        @Override
        public void diagnose(String context, String line) {
        }

        @Override
        public void team(String context) {
        }

        @Override
        public void leftovers() {
        }
    };

    /** The diagnostics checklist of the context with {@code line} open (null: the first that failed). */
    void diagnose(String context, String line);

    void team(String context);

    void leftovers();
}
