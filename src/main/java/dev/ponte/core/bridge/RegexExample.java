package dev.ponte.core.bridge;

import java.util.Optional;

/**
 * Makes up a text that a simple pattern matches, for the suggested test request: literals, escaped
 * symbols, {@code .}, {@code \d}, {@code \w}, plain character classes and quantifiers on them, with
 * {@code ^}/{@code $} and a leading {@code (?i)}. Groups, alternatives and the like are not
 * attempted (empty), and every answer is checked against the pattern before it is given out.
 */
final class RegexExample {
    private RegexExample() {
    }

    static Optional<String> of(String pattern) {
        if (RustRegex.problem(pattern).isPresent()) {
            return Optional.empty();
        }
        String p = pattern.startsWith("(?i)") ? pattern.substring(4) : pattern;
        StringBuilder out = new StringBuilder();
        int i = p.startsWith("^") ? 1 : 0;
        int end = p.endsWith("$") && !p.endsWith("\\$") ? p.length() - 1 : p.length();
        while (i < end) {
            String atom;
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= end) {
                    return Optional.empty();
                }
                char d = p.charAt(i + 1);
                atom = switch (d) {
                    case 'd' -> "1";
                    case 'w' -> "a";
                    default -> Character.isLetterOrDigit(d) ? null : String.valueOf(d);
                };
                i += 2;
            } else if (c == '[') {
                int close = p.indexOf(']', i + 2);
                if (close < 0 || close >= end || p.charAt(i + 1) == '^') {
                    return Optional.empty();
                }
                String body = p.substring(i + 1, close);
                atom = body.isEmpty() || body.charAt(0) == '\\' || body.charAt(0) == '[' ? null : body.substring(0, 1);
                i = close + 1;
            } else if (c == '.') {
                atom = "x";
                i++;
            } else if ("()|^$*+?{}".indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                atom = String.valueOf(c);
                i++;
            }
            if (atom == null) {
                return Optional.empty();
            }
            int times = 1;
            if (i < end && "*+?{".indexOf(p.charAt(i)) >= 0) {
                char q = p.charAt(i);
                if (q == '{') {
                    int close = p.indexOf('}', i);
                    if (close < 0 || close >= end) {
                        return Optional.empty();
                    }
                    String[] range = p.substring(i + 1, close).split(",", -1);
                    try {
                        times = Integer.parseInt(range[0]);
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                    i = close + 1;
                } else {
                    times = q == '+' ? 1 : 0;
                    i++;
                }
                if (i < end && p.charAt(i) == '?') {
                    i++;
                }
            }
            out.append(atom.repeat(Math.min(times, 64)));
        }
        String sample = out.toString();
        return RustRegex.compile(pattern).matcher(sample).find() ? Optional.of(sample) : Optional.empty();
    }
}
