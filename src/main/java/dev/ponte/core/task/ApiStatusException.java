package dev.ponte.core.task;

/**
 * An HTTP status an API answered with, translated by an adapter from its library's exception so
 * that {@link ErrorAdvice} can explain it without knowing the library.
 *
 * @see ErrorAdvice
 */
public class ApiStatusException extends RuntimeException {
    private final int status;
    private final int retryAfterSeconds;

    public ApiStatusException(int status, String message, Throwable cause) {
        this(status, message, 0, cause);
    }

    /** @param retryAfterSeconds how long the server asked us to wait (429, 503), 0 when it did not say */
    public ApiStatusException(int status, String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    /** How long the server asked us to wait before trying again, in seconds; 0 when it did not say. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
