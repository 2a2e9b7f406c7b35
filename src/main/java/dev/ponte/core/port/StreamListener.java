package dev.ponte.core.port;

import dev.ponte.core.model.Change;

/** Receives a watch's changes. Called on the adapter's threads; implementations must not block. */
public interface StreamListener<T> {
    void onChange(Change<T> change);

    /** The initial list has been delivered (as ADDED changes). */
    void onSynced();

    /** The stream failed; it may be retried by the caller. */
    void onError(Throwable error);
}
