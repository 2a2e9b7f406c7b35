package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.MatchRules;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request that one rule set matches, as a {@code curl} line to copy: its headers and path are
 * made to satisfy every match of the set (a prefix is sent as itself, a simple pattern gets a
 * made-up text it matches, see {@link RegexExample}), and the result is checked with
 * {@link Carrier2Matching}. When Ponte cannot make a value up, the line holds a {@code <...>}
 * placeholder and {@link #note()} says what to put there.
 *
 * @param command  the curl line, quoted for a POSIX shell
 * @param verified true when Carrier2's rules, redone in Java, send this very request to the bridge
 * @param note     what to know before running it, or empty
 */
public record TestRequest(String command, boolean verified, String note) {
    /** Sent for a header whose rule takes any value: curl drops a header whose value is empty. */
    static final String ANY_VALUE = "test";

    /**
     * @param host where cluster clients send requests, e.g. {@code api.default.svc.cluster.local}
     * @param port the port they use (the Service's port in front of the bridged container port)
     */
    public static TestRequest of(MatchRules.RuleSet set, String host, int port) {
        Made made = make(set);
        String command = curl(made.headers(), "http://" + host + ":" + port, made.path());
        if (!made.missing().isEmpty()) {
            return new TestRequest(command, false, "Replace " + String.join(" and ", made.missing())
                    + ": Ponte makes up values only for simple patterns.");
        }
        if (!made.verified()) {
            return new TestRequest(command, false,
                    "No single request can satisfy all matches of this rule set as written (for example two different exact paths): check them.");
        }
        return new TestRequest(command, true, "");
    }

    /**
     * The request one rule set matches, as parts: the path (with query), the headers in order, and what Ponte could not
     * make up ({@code <...>} placeholders stand in the path or headers then).
     *
     * @param verified Carrier2's rules, redone in Java, send exactly this request to the bridge
     */
    public record Made(String path, List<Map.Entry<String, String>> headers, List<String> missing, boolean verified) {
        public Made {
            headers = List.copyOf(headers);
            missing = List.copyOf(missing);
        }

        /** Something can be sent as it is: nothing had to be left as a placeholder, and it matches. */
        public boolean sendable() {
            return missing.isEmpty() && verified;
        }
    }

    /** Makes up the request {@code set} matches (see {@link #of}); {@link #curl} prints it. */
    public static Made make(MatchRules.RuleSet set) {
        List<String> missing = new ArrayList<>();
        String path = null;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (MatchRules.Match m : set.matches()) {
            switch (m) {
                case MatchRules.Path p -> {
                    if (path == null) {
                        path = switch (p.type()) {
                            case EXACT, PREFIX -> p.path();
                            case REGEX -> RegexExample.of(p.path()).map(s -> s.startsWith("/") ? s : "/" + s)
                                    .orElseGet(() -> placeholder(missing, p.path(), "/<path matching %s>"));
                        };
                    }
                }
                case MatchRules.Header h -> {
                    String name = h.type() == MatchRules.Type.REGEX
                            ? RegexExample.of(h.name()).filter(TestRequest::token)
                            .orElseGet(() -> placeholder(missing, h.name(), "<header name matching %s>"))
                            : h.name();
                    String value = switch (h.type()) {
                        case EXACT -> h.value();
                        case PREFIX -> h.value().isEmpty() ? ANY_VALUE : h.value();
                        case REGEX -> RegexExample.of(h.value()).filter(v -> !v.isEmpty() && v.equals(v.strip()))
                                .orElseGet(() -> placeholder(missing, h.value(), "<value matching %s>"));
                    };
                    headers.add(new AbstractMap.SimpleEntry<>(name, value));
                }
            }
        }
        path = path == null ? "/" : path;
        boolean verified = missing.isEmpty() && Carrier2Matching.matches(set, path, headers);
        return new Made(path, headers, missing, verified);
    }

    private static String placeholder(List<String> missing, String pattern, String format) {
        String text = String.format(format, pattern);
        missing.add(text);
        return text;
    }

    private static boolean token(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    public static String curl(List<Map.Entry<String, String>> headers, String base, String path) {
        StringBuilder sb = new StringBuilder("curl");
        String url = base + path;
        if (url.matches(".*[\\[\\]{}].*")) {
            sb.append(" -g"); // curl would read [] and {} as its URL globbing
        }
        if (path.matches(".*/\\.{1,2}(/.*|\\?.*)?")) {
            sb.append(" --path-as-is"); // curl would squash /./ and /../ before sending
        }
        for (Map.Entry<String, String> h : headers) {
            sb.append(" -H ").append(ShellQuote.quote(h.getKey() + ": " + h.getValue()));
        }
        return sb.append(' ').append(ShellQuote.word(url)).toString();
    }
}
