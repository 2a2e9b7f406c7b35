package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.MatchRules;

/**
 * The verdict on one {@link MatchDraft}: an error per field (null when the field is fine), a hint that
 * does not block (null when there is none), and the match Carrier2 will get when there is no error.
 *
 * @param match the checked match with header names lower-cased; null while an error remains
 */
public record MatchCheck(String nameError, String valueError, String note, MatchRules.Match match) {
    public boolean valid() {
        return nameError == null && valueError == null;
    }

    /** The first error, for a one-line reason. */
    public String firstError() {
        return nameError != null ? nameError : valueError;
    }
}
