package dev.ponte.core.task;

/**
 * An HTTP status an API answered with, translated by an adapter from its library's exception so
 * that {@link ErrorAdvice} can explain it without knowing the library.
 *
 * @see ErrorAdvice
 */
public class ApiStatusException extends RuntimeException {
    private final int status;

    public ApiStatusException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
