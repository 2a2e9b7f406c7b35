package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MatchRules.Type;
import java.util.Locale;

/**
 * Checks one match the way Carrier2 will apply it (upstream {@code carrier2/src/matching.rs}):
 * header names arrive lower-case from Pingora and are compared exactly (exact, prefix) or by pattern
 * (regex, name and value both, matched anywhere); paths are compared against path + query. Rules
 * that could never match are errors, so the user learns it here and not from silent traffic.
 */
public final class MatchValidator {
    /** RFC 9110 token characters besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private MatchValidator() {
    }

    public static MatchCheck check(MatchDraft draft) {
        if (draft.target() == MatchDraft.Target.HEADER) {
            String nameTooLong = tooLong("header name", draft.name());
            String valueTooLong = tooLong(draft.type() == Type.REGEX ? "pattern" : "header value", draft.value());
            if (nameTooLong != null || valueTooLong != null) {
                return new MatchCheck(nameTooLong, valueTooLong, null, null);
            }
            return header(draft);
        }
        String pathTooLong = tooLong(draft.type() == Type.REGEX ? "pattern" : "path", draft.value());
        return pathTooLong != null ? new MatchCheck(null, pathTooLong, null, null) : path(draft);
    }

    /** HTTP servers and proxies refuse request heads over about 8 KiB: nothing longer ever reaches Carrier2. */
    static final int MAX_LENGTH = 8 * 1024;

    private static String tooLong(String what, String text) {
        return text != null && text.length() > MAX_LENGTH
                ? "The " + what + " is " + text.length() + " characters long — longer than HTTP servers accept ("
                + MAX_LENGTH / 1024 + " KiB), so it never matches; shorten it"
                : null;
    }

    private static MatchCheck header(MatchDraft d) {
        String nameError;
        String note = null;
        String name = d.name().strip();
        if (d.type() == Type.REGEX) {
            nameError = name.isEmpty() ? "Enter a pattern for the header name, e.g. ^x-user$" : RustRegex.problem(name).orElse(null);
            if (nameError == null) {
                String lower = RustRegex.lowerLiterals(name);
                if (!lower.equals(name)) {
                    note = "Header names arrive in lower case: the name pattern is sent as " + lower;
                    name = lower;
                }
            }
        } else {
            nameError = tokenProblem(name);
            if (nameError == null && !name.equals(name.toLowerCase(Locale.ROOT))) {
                name = name.toLowerCase(Locale.ROOT);
                note = "Header names arrive in lower case: sent as " + name;
            }
        }
        String value = d.value();
        String valueError = switch (d.type()) {
            case EXACT -> value.isEmpty()
                    ? "Enter the value to match; to match any value, choose prefix and leave the value empty"
                    : valueProblem(value);
            case PREFIX -> value.isEmpty() ? null : valueProblem(value);
            case REGEX -> value.isEmpty()
                    ? "Enter a pattern for the value; to match any value, choose prefix and leave the value empty"
                    : RustRegex.problem(value).orElse(null);
        };
        if (valueError == null && d.type() == Type.PREFIX && value.isEmpty()) {
            note = join(note, "Any value: every request that carries this header matches");
        }
        MatchRules.Match match = nameError == null && valueError == null ? new MatchRules.Header(name, value, d.type()) : null;
        return new MatchCheck(nameError, valueError, note, match);
    }

    private static MatchCheck path(MatchDraft d) {
        String path = d.value();
        String error;
        String note = null;
        if (path.isEmpty()) {
            error = d.type() == Type.REGEX ? "Enter a pattern for the path, e.g. ^/api/v2/" : "Enter a path, e.g. /api";
        } else if (d.type() == Type.REGEX) {
            error = RustRegex.problem(path).orElse(null);
            if (error == null && !path.startsWith("^")) {
                note = "Matches anywhere in the path and query; start the pattern with ^ to match from the beginning";
            }
        } else {
            error = literalPathProblem(path);
            if (error == null && d.type() == Type.EXACT && !path.contains("?")) {
                note = "Exact includes the query: " + path + "?page=2 does not match";
            }
            if (error == null && d.type() == Type.PREFIX && path.equals("/")) {
                note = "Every path starts with /: this matches every request";
            }
        }
        MatchRules.Match match = error == null ? new MatchRules.Path(path, d.type()) : null;
        return new MatchCheck(null, error, note, match);
    }

    private static String tokenProblem(String name) {
        if (name.isEmpty()) {
            return "Enter a header name, e.g. x-user";
        }
        if (name.indexOf(':') >= 0) {
            return name.startsWith(":") ? "Pseudo-headers such as " + name + " cannot be matched; use a normal header"
                    : "A header name cannot contain ':'; put the value in the value field";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0);
            if (!ok) {
                return "Not a valid header name: " + describe(c) + " is not allowed (use letters, digits and - _ . ! # $ % & ' * + ^ ` | ~)";
            }
        }
        return null;
    }

    private static String valueProblem(String value) {
        if (!value.equals(value.strip())) {
            return "HTTP drops spaces at the start and end of a header value, so this never matches: remove them";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return "Carrier2 reads header values as plain visible ASCII: " + describe(c) + " never matches";
            }
        }
        return null;
    }

    private static String literalPathProblem(String path) {
        if (!path.startsWith("/")) {
            return "A path starts with /, e.g. /" + (path.length() > 40 ? path.substring(0, 40) + "…" : path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '#') {
                return "Clients never send the part after #: leave it out";
            }
            if (c <= 0x20 || c > 0x7e) {
                return "Paths arrive percent-encoded: write " + describe(c) + " as " + percentEncoded(c);
            }
        }
        return null;
    }

    private static String percentEncoded(char c) {
        StringBuilder sb = new StringBuilder();
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append('%').append(String.format("%02X", b & 0xff));
        }
        return sb.toString();
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            default -> Character.isISOControl(c) ? String.format("the control character U+%04X", (int) c) : "'" + c + "'";
        };
    }

    private static String join(String a, String b) {
        return a == null ? b : a + ". " + b;
    }
}
