package dev.ponte.core.logs;

/** A run of a line's plain text, {@code [start, end)}, drawn in one style. */
public record Segment(int start, int end, TextStyle style) {
}
