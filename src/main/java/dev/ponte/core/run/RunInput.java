package dev.ponte.core.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person types for a run — the Run dialog's fields and {@code ponte run}'s flags — checked before anything
 * reaches the engine or the cluster, by the same rules in both. Each check returns null when the value is fine,
 * otherwise one sentence that says what is wrong and what to type instead; the dialog shows it under the field, the
 * command line as a usage error. Quoted input is shortened and its control characters made visible. Pure.
 */
public final class RunInput {
    /** Docker's container-name rule. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    /** Longer names are refused by some engines and are no use as a host name on the network. */
    public static final int MAX_NAME = 128;
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    /** A Kubernetes namespace name (RFC 1123 label). */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Linux refuses to start a process with one environment string longer than this (MAX_ARG_STRLEN). */
    public static final int MAX_ENV_BYTES = 128 * 1024;

    private RunInput() {
    }

    /** The container's name ({@code name} as typed; surrounding blanks do not count). */
    public static String nameError(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "Give the container a name.";
        }
        if (!NAME.matcher(n).matches()) {
            return "Letters, digits, '_', '.' and '-' only, starting with a letter or digit.";
        }
        return n.length() > MAX_NAME ? "A container name has at most " + MAX_NAME + " characters (this one has " + n.length()
                + ")." : null;
    }

    /** The namespace whose Services the container reaches by their short names (it goes into the DNS search list). */
    public static String namespaceError(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            return "Name the namespace whose Services the container reaches by short name.";
        }
        String ns = namespace.strip();
        return NAMESPACE.matcher(ns).matches() ? null : "'" + shorten(printable(ns)) + "' is not a valid namespace name "
                + "(lower-case letters, digits and '-', at most 63).";
    }

    /** One environment variable; whether a name is set twice is the caller's to say (the command line lets a later one win). */
    public static String envError(String key, String value) {
        String k = key == null ? "" : key.strip();
        String v = value == null ? "" : value;
        if (!ENV_KEY.matcher(k).matches()) {
            return "Environment variable name '" + shorten(printable(k)) + "' is not valid.";
        }
        if (v.indexOf('\0') >= 0) {
            return "The value of " + shorten(k) + " contains a NUL character, which no process can receive; remove it.";
        }
        int bytes = (k + "=" + v).getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_ENV_BYTES ? "The value of " + shorten(k) + " is too large (" + bytes / 1024 + " KiB): a process "
                + "accepts at most " + MAX_ENV_BYTES / 1024 + " KiB per variable; mount it as a file instead." : null;
    }

    /** A port as typed, or null when it is not a number from 1 to 65535. */
    public static Integer port(String text) {
        try {
            int p = Integer.parseInt(text == null ? "" : text.strip());
            return p >= 1 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A folder mount: a local folder (absolute path) and a path in the container. */
    public static String mountError(String source, String target) {
        String s = source == null ? "" : source;
        String t = target == null ? "" : target;
        if (s.chars().anyMatch(Character::isISOControl)) {
            return "'" + shorten(printable(s)) + "' is not a usable folder: it contains a control character.";
        }
        if (s.isBlank() || !Path.of(s).isAbsolute()) {
            return "Choose a local folder for every mount.";
        }
        if (!t.startsWith("/")) {
            return "Container paths start with '/' (" + shorten(printable(t)) + ").";
        }
        if (t.chars().anyMatch(Character::isISOControl)) {
            return "'" + shorten(printable(t)) + "' is not a usable container path: it contains a control character.";
        }
        if (s.indexOf(':') >= 0 || t.indexOf(':') >= 0) {
            return "A folder mount cannot have ':' in its paths (the engine splits folder:path:mode at ':'): "
                    + shorten(s.indexOf(':') >= 0 ? s : t) + ".";
        }
        return null;
    }

    /** The command as one line: null when {@link #splitCommand} can split it, else what is wrong. */
    public static String commandError(String line) {
        char open = split(line == null ? "" : line, new ArrayList<>());
        return open == 0 ? null : "The command has an unclosed " + open + " quote; close it (or quote it the other way).";
    }

    /**
     * Splits a command line into words as a POSIX shell does for simple quoting ('…', "…", \): no variables, no globs.
     * An unclosed quote runs to the end of the line ({@link #commandError} says so).
     */
    public static List<String> splitCommand(String line) {
        List<String> out = new ArrayList<>();
        split(line == null ? "" : line, out);
        return out;
    }

    /** @return the quote left open at the end, or 0 */
    private static char split(String line, List<String> out) {
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return quote;
    }

    /** At most 80 characters of what the user typed, for a message. */
    public static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "…";
    }

    /** {@code text} with its control characters written as {@code \}{@code uXXXX}, so a message shows them. */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? "\\u" + String.format("%04x", c) : Character.toString(c)));
        return b.toString();
    }
}
