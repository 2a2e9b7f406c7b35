package dev.ponte.core.port;

import dev.ponte.core.model.Change;

/** Receives a watch's changes. Called on the adapter's threads; implementations must not block. */
public interface StreamListener<T> {
    void onChange(Change<T> change);

    /** The initial list has been delivered (as ADDED changes). */
    void onSynced();

    /** The stream failed; it may be retried by the caller. */
    void onError(Throwable error);

    /**
     * The stream may be out of date since {@code since}: a check could not reach the API server (a dropped VPN can
     * leave a watch open that delivers nothing), or found that the watch missed changes. The adapter keeps checking
     * and reads the list again by itself; {@link #onCurrent} follows once it has.
     */
    default void onStale(java.time.Instant since, Throwable cause) {
    }

    /** The stream is current again (the list was read again and the changes delivered). */
    default void onCurrent() {
    }
}
