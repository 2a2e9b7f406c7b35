package dev.ponte.app;

import dev.ponte.cli.Cli;
import dev.ponte.cli.Interrupts;
import dev.ponte.cli.Terminal;
import dev.ponte.core.connections.ConnectionService;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code ponte COMMAND …}: the command line in this process, without the UI toolkit and without the single-instance
 * lock — a running window does not block it; both share the journal, which is safe for several processes
 * ({@link dev.ponte.core.connections.JournalFile}). Ctrl-C (SIGINT) and SIGTERM cancel the running operation, which
 * undoes what it made before the process ends.
 */
final class CliLauncher {
    private CliLauncher() {
    }

    /** @return the exit code, or -1 when the process is ending on a signal (the shutdown hook decides then) */
    static int run(String[] args, AppPaths paths) {
        Terminal term = Terminal.system();
        Interrupts interrupts = new Interrupts();
        Thread hook = new Thread(() -> {
            interrupts.fire();
            if (interrupts.cancelling()) {
                interrupts.awaitSettled(Interrupts.UNDO_BUDGET);
            }
        }, "ponte-cli-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = Cli.run(args, term, CliCore.factory(System.getenv(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC(), ConnectionService.Options.defaults(), null), interrupts, AppContext.VERSION);
        if (interrupts.fired()) {
            return -1;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return -1;
        }
        return code;
    }
}
