package dev.ponte.core.task;

/** A unit of background work: cluster or engine I/O, reported and cancellable. */
@FunctionalInterface
public interface Operation<T> {
    T run(Progress progress, CancellationToken cancel) throws Exception;
}
