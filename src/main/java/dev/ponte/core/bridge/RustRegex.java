package dev.ponte.core.bridge;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a pattern the way Carrier2 will run it. Carrier2 is written in Rust and builds every rule
 * with the {@code regex} crate ({@code Regex::new(..).unwrap()} for each request, upstream
 * {@code carrier2/src/matching.rs}): a pattern that crate rejects makes Carrier2 panic on the first
 * request instead of failing when the bridge is created. So Ponte checks twice: it compiles the
 * pattern with {@link java.util.regex} (which catches ordinary syntax errors) and it rejects what
 * Java accepts but Rust's crate does not — look-around, atomic groups, possessive quantifiers,
 * back-references, {@code \Q..\E} quoting and escapes the crate does not know ({@code \h}, {@code \G},
 * {@code \Z}, {@code \R}, {@code \e}, {@code \p{javaLowerCase}} ...). Rust's named groups
 * {@code (?P<name>..)} are accepted and translated for the Java check. Both engines look for a match
 * anywhere in the text ({@code is_match}, {@link java.util.regex.Matcher#find()}).
 */
public final class RustRegex {
    /** Letters Rust's regex crate accepts after a backslash (its escapes, classes and assertions). */
    private static final String RUST_LETTER_ESCAPES = "aftnrvxuUpPdswDSWbBAz";
    /** Flags of {@code (?flags)} that Rust knows. */
    private static final String RUST_FLAGS = "imsUuxR";

    private RustRegex() {
    }

    /** What is wrong with {@code pattern} for Carrier2, in words, or empty when it will run. */
    public static Optional<String> problem(String pattern) {
        Optional<String> rust = rustOnly(pattern);
        if (rust.isPresent()) {
            return rust;
        }
        try {
            Pattern.compile(toJava(pattern));
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("Not a valid pattern: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " (at character " + (e.getIndex() + 1) + ")" : ""));
        }
    }

    /** The pattern compiled for Java, to emulate Carrier2's matching; call only when {@link #problem} is empty. */
    public static Pattern compile(String pattern) {
        return Pattern.compile(toJava(pattern));
    }

    /** Rust's {@code (?P<name>} becomes Java's {@code (?<name>}; Rust's CRLF flag {@code R} has no Java twin and is dropped. */
    static String toJava(String pattern) {
        return pattern.replace("(?P<", "(?<").replaceAll("\\(\\?([a-zA-Z-]*)R", "(?$1");
    }

    private static Optional<String> rustOnly(String p) {
        int depth = 0;
        boolean classStart = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    return Optional.of("Not a valid pattern: it ends with a lone \\");
                }
                char d = p.charAt(i + 1);
                Optional<String> escape = escape(p, i, d);
                if (escape.isPresent()) {
                    return escape;
                }
                i++;
                classStart = false;
                continue;
            }
            if (depth > 0) {
                if (c == '[') {
                    depth++;
                    classStart = true;
                    continue;
                }
                if (c == ']' && !classStart) {
                    depth--;
                }
                classStart = c == '^' && p.charAt(i - 1) == '[';
                continue;
            }
            switch (c) {
                case '[' -> {
                    depth = 1;
                    classStart = true;
                }
                case '(' -> {
                    Optional<String> group = group(p, i);
                    if (group.isPresent()) {
                        return group;
                    }
                }
                case '*', '+', '?' -> {
                    if (i + 1 < p.length() && p.charAt(i + 1) == '+' && i > 0 && !isGroupPrefix(p, i)) {
                        return Optional.of("Possessive quantifiers such as " + c + "+ are not supported by Carrier2's regex engine (Rust); leave out the second +");
                    }
                }
                case '}' -> {
                    if (i + 1 < p.length() && p.charAt(i + 1) == '+' && p.substring(0, i + 1).matches("(?s).*\\{\\d+(,\\d*)?}")) {
                        return Optional.of("Possessive quantifiers such as {n}+ are not supported by Carrier2's regex engine (Rust); leave out the +");
                    }
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isGroupPrefix(String p, int i) {
        return p.charAt(i) == '?' && p.charAt(i - 1) == '(';
    }

    private static Optional<String> escape(String p, int i, char d) {
        if (d >= '1' && d <= '9' || d == 'k') {
            return Optional.of("Back-references such as \\" + d + " are not supported by Carrier2's regex engine (Rust)");
        }
        if (d == '0') {
            return Optional.of("Octal escapes such as \\0 are not supported by Carrier2's regex engine (Rust); use \\x{..}");
        }
        if (d == 'Q' || d == 'E') {
            return Optional.of("Quoting with \\Q…\\E is not supported by Carrier2's regex engine (Rust); put a \\ before each special character instead");
        }
        if (Character.isLetter(d) && RUST_LETTER_ESCAPES.indexOf(d) < 0) {
            return Optional.of("The escape \\" + d + " is not supported by Carrier2's regex engine (Rust)");
        }
        if ((d == 'p' || d == 'P') && p.startsWith("{java", i + 2)) {
            return Optional.of("Java's classes \\" + d + "{java…} are not supported by Carrier2's regex engine (Rust); use \\p{Lowercase} and the like");
        }
        return Optional.empty();
    }

    private static Optional<String> group(String p, int i) {
        String rest = p.substring(i);
        if (rest.startsWith("(?=") || rest.startsWith("(?!") || rest.startsWith("(?<=") || rest.startsWith("(?<!")) {
            return Optional.of("Look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported by Carrier2's regex engine (Rust)");
        }
        if (rest.startsWith("(?>")) {
            return Optional.of("Atomic groups (?>…) are not supported by Carrier2's regex engine (Rust)");
        }
        if (rest.startsWith("(?") && rest.length() > 2 && (Character.isLetter(rest.charAt(2)) || rest.charAt(2) == '-')
                && !rest.startsWith("(?P<")) {
            for (int k = 2; k < rest.length() && rest.charAt(k) != ')' && rest.charAt(k) != ':'; k++) {
                char f = rest.charAt(k);
                if (f != '-' && RUST_FLAGS.indexOf(f) < 0) {
                    return Optional.of("The flag " + f + " is not supported by Carrier2's regex engine (Rust); it knows i, m, s, U, u, x and R");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Lower-cases the letters of a header-name pattern that stand for themselves, leaving escapes
     * ({@code \D}, {@code \p{Lu}}), flags and group names alone: header names reach Carrier2 in lower
     * case, so an upper-case literal could never match.
     */
    static String lowerLiterals(String p) {
        StringBuilder out = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                int end = i + 2;
                char d = p.charAt(i + 1);
                if ("pPxuU".indexOf(d) >= 0 && end < p.length() && p.charAt(end) == '{') {
                    int close = p.indexOf('}', end);
                    end = close < 0 ? p.length() : close + 1;
                } else if ((d == 'p' || d == 'P') && end < p.length()) {
                    end++;
                }
                out.append(p, i, end);
                i = end - 1;
            } else if (c == '(' && p.startsWith("(?", i)) {
                int k = i + 2;
                while (k < p.length() && p.charAt(k) != ')' && p.charAt(k) != ':' && p.charAt(k) != '>') {
                    k++;
                }
                int end = Math.min(p.length(), k + 1);
                out.append(p, i, end);
                i = end - 1;
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
