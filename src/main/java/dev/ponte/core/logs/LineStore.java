package dev.ponte.core.logs;

/** Where a view's line ids are read: the live {@link LogFeed}, or a frozen {@link LogSnapshot}. */
public interface LineStore {
    /** The line with this id, a new object per call; null when the store no longer holds it. */
    LogLine line(long id);
}
