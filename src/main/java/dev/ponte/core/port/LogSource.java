package dev.ponte.core.port;

import java.util.List;

/**
 * Something whose logs the user can open: a pod, all pods of a workload, a local container. It is made of
 * one or more <em>parts</em>, each one stream of lines (a pod of the workload, the container); the viewer
 * follows each part on its own and tags its lines with the part's name.
 *
 * <p>{@link #parts()} and {@link #containers()} may block (they ask the API server or the engine): call them
 * from the task layer. {@link #open} returns at once; the adapter reads on its own thread.
 */
public interface LogSource {
    /** For the tab, e.g. "deployment/api · default" or "container api-local". */
    String title();

    /** The streams this source consists of now, e.g. the pod names of a workload. Blocking. */
    List<String> parts();

    /**
     * The containers the user may choose between (a pod's containers; empty when there is nothing to
     * choose, as for a local container). The first is the default. Blocking.
     */
    List<String> containers();

    /**
     * Starts streaming one part. Lines reach {@code listener} in batches on the adapter's thread, each as
     * the source wrote it, prefixed with its RFC 3339 timestamp and a space (adapters always ask for
     * timestamps: the viewer resumes from the last one after a reconnect). Failures, including a
     * failure to start, arrive through {@link LogListener#onError}; nothing is thrown.
     */
    LogStream open(String part, LogRequest request, LogListener listener);
}
