package dev.ponte.core.bridge;

import java.util.regex.Pattern;

/** POSIX shell quoting for the command lines Ponte offers to copy (bash, zsh, sh). */
public final class ShellQuote {
    /** Characters no POSIX shell treats specially inside a word. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** Single quotes around the text; a single quote inside becomes {@code '\''}. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** The text as it is when the shell leaves it alone, else {@link #quote}d. */
    public static String word(String text) {
        return SAFE.matcher(text).matches() ? text : quote(text);
    }
}
