package dev.ponte.bench;

/** Something the benchmark could not measure (a timeout, a process that died); the message says what. */
final class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
