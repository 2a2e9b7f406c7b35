package dev.ponte.cli;

/** A failure the command line explains itself: what is wrong, what to do, and the exit code. */
final class CliException extends RuntimeException {
    private final int code;
    private final String advice;

    CliException(int code, String message, String advice) {
        super(message);
        this.code = code;
        this.advice = advice;
    }

    int code() {
        return code;
    }

    String advice() {
        return advice;
    }

    static CliException usage(String message, String advice) {
        return new CliException(ExitCode.USAGE, message, advice);
    }

    static CliException notConnected(String message, String advice) {
        return new CliException(ExitCode.NOT_CONNECTED, message, advice);
    }

    static CliException notFound(String message, String advice) {
        return new CliException(ExitCode.NOT_FOUND, message, advice);
    }
}
