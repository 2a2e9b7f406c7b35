package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.MatchRules.Type;

/**
 * One match as the user is typing it, before it is checked: nothing here is trusted yet.
 *
 * @param name  the header name (or name pattern for {@link Type#REGEX}); ignored for a path
 * @param value the header value (or value pattern), or the path (or path pattern)
 */
public record MatchDraft(Target target, Type type, String name, String value) {
    /** What a match looks at. */
    public enum Target { HEADER, PATH }

    public MatchDraft {
        name = name == null ? "" : name;
        value = value == null ? "" : value;
    }

    public static MatchDraft header(String name, String value, Type type) {
        return new MatchDraft(Target.HEADER, type, name, value);
    }

    public static MatchDraft path(String path, Type type) {
        return new MatchDraft(Target.PATH, type, "", path);
    }
}
