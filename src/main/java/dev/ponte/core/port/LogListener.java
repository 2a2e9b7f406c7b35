package dev.ponte.core.port;

import java.util.List;

/** Receives one log stream. Called on the adapter's thread; must not block for long. */
public interface LogListener {
    /** The stream is established (the server accepted the request). */
    default void onOpen() {
    }

    /** The next lines, in order, each with its timestamp prefix (see {@link LogSource#open}). */
    void onLines(List<String> lines);

    /** The stream ended normally (the container stopped, or a non-follow request was answered). */
    void onEnd();

    /** The stream failed or could not start. Nothing follows. */
    void onError(Throwable error);
}
