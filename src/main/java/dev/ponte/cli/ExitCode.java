package dev.ponte.cli;

/**
 * The command line's exit codes (README, "Exit codes"): stable, for scripts.
 */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** The operation failed; the message says why and what to do. */
    public static final int FAILED = 1;
    /** The command line was wrong (unknown command, bad flag value); nothing was changed. */
    public static final int USAGE = 2;
    /** The command needs a connection and there is none (for the context asked). */
    public static final int NOT_CONNECTED = 3;
    /** What the command names (container, bridge, mount, context, workload) does not exist. */
    public static final int NOT_FOUND = 4;
    /** Another Ponte (the window, another command) is working on the same connection right now. */
    public static final int BUSY = 5;
    /** Interrupted with Ctrl-C (SIGINT): what the operation had made was undone. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
