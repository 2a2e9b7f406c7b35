package dev.ponte.core.model;

/** One change seen by a watch: an object added, modified or deleted. */
public record Change<T>(Type type, T item) {
    public enum Type { ADDED, MODIFIED, DELETED }

    public static <T> Change<T> added(T item) {
        return new Change<>(Type.ADDED, item);
    }

    public static <T> Change<T> modified(T item) {
        return new Change<>(Type.MODIFIED, item);
    }

    public static <T> Change<T> deleted(T item) {
        return new Change<>(Type.DELETED, item);
    }
}
