package dev.ponte.core.task;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that masks credentials in text before it leaves Ponte's memory: log lines (with their stack
 * traces), "Copy diagnostics", the bridge wizard's "Copy details", problem details and notifications all go
 * through {@link #redact(String)}. Each rule keeps what helps to understand a message (a header's name, an auth
 * scheme, a URL's host, a variable's name) and replaces only the secret with {@value #MASK}.
 *
 * <p>What it catches: {@code Authorization:} headers (any scheme), {@code Bearer} tokens, bare JWTs, PEM private-key
 * blocks (also cut-off ones), user:password in URLs, signature/token parameters in query strings, well-known token
 * formats (GitHub, GitLab, Slack, AWS access keys), and any {@code name=value} / {@code name: value} /
 * {@code "name": "value"} whose name says it holds a secret ({@code *PASSWORD*}, {@code *SECRET*}, {@code *_TOKEN},
 * {@code API_KEY}, {@code DB_PASS}, {@code client-key-data}, WireGuard's {@code PrivateKey}/{@code PresharedKey},
 * ...); a quoted value is masked whole, spaces included.
 */
public final class Redactor {
    public static final String MASK = "***";

    /**
     * A PEM private key: the BEGIN line (group 1), everything up to the next {@code -----} (a key holds no dashes,
     * so the scan stays linear), and the END line (group 3) when it is there; a BEGIN whose END was cut off (a
     * truncated message) loses everything after it up to the next dashes. The label (RSA, EC, OPENSSH, ...) stays.
     */
    private static final Pattern PEM_KEY = Pattern.compile(
            "(-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY)-----)(?!\\s{0,8}\\*\\*\\*)[^-]*+(?:-(?!----)[^-]*+)*+(-----END \\2-----)?");
    /**
     * {@code Authorization: <scheme> <credentials>} and Proxy-Authorization, the value quoted (group 2 or 3) or to
     * the end of the line (group 4); the scheme stays.
     */
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization[\"']?[ \\t]*[:=][ \\t]*)(?:\"([^\"\\r\\n]*)|'([^'\\r\\n]*)|([^\\r\\n']*))");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(?:proxy-)?authorization");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*[ \\t]+)\\S.*", Pattern.DOTALL);
    /** A bearer token: long, or with a digit or sign in it, so that "a bearer token" in prose stays. */
    private static final Pattern BEARER = Pattern.compile(
            "(?i)(\\bbearer\\s+)(?=[A-Za-z0-9\\-._~+/]{16,}|[A-Za-z]*[0-9\\-_~+/])[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /** {@code scheme://user:password@host}: the user and host stay. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@\"'<>]*:)[^/\\s@\"'<>]+(@)");
    /** Token formats that are secret whatever they are called. */
    private static final Pattern KNOWN_TOKENS = Pattern.compile(
            "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16})\\b");
    /** {@code --password secret}, {@code -u user:password} on a command line. */
    private static final Pattern CLI_FLAG = Pattern.compile(
            "(?i)((?:^|\\s)--?(?:password|passwd|token|secret|api-key|client-secret|auth-token)[ \\t]+)[^\\s\"']+"
                    + "|((?:^|\\s)-u[ \\t]+[^\\s:]+:)[^\\s\"']+");
    /**
     * {@code name = value}, {@code name: value}, {@code "name": "value"}, {@code ?name=value}: whether it is
     * secret is decided by {@link #secretName(String)}. The name starts after a separator (a look-behind, so a
     * name at the start of another value is found too).
     */
    private static final Pattern NAMED_VALUE = Pattern.compile(
            "(?<=^|[\\s?&;,{(\\[\"'/|:=-])(?<name>[A-Za-z_][A-Za-z0-9_.\\-]{0,80}+)[\"']?[ \\t]*(?<sep>[:=])[ \\t]*"
                    + "(?<value>\"[^\"\\\\\\r\\n]*+(?:\\\\.[^\"\\\\\\r\\n]*+){0,64}+\"|\"[^\\r\\n]*+|'[^'\\r\\n]*+'?|[^\\s\"'&;}\\])<>]++)",
            Pattern.MULTILINE);
    /** A value after {@code name:} in YAML or prose runs to the end of the line (or a list/map separator). */
    private static final Pattern COLON_VALUE_TAIL = Pattern.compile("[^\\r\\n,}\\]]*");

    /** Name parts that say "secret" wherever they stand ({@code PGPASSWORD}, {@code clientSecret}, {@code GH_TOKEN}). */
    private static final String[] SECRET_WORDS = {"password", "passwd", "passphrase", "secret", "token", "apikey",
            "privatekey", "presharedkey", "credential", "authorization", "accesskey", "signature", "sessionkey",
            "clientkey", "keydata", "cookie"};
    /** Name parts that say "secret" only as a whole word ({@code DB_PASS}, {@code sig}, {@code key}). */
    private static final Set<String> SECRET_PARTS = Set.of("key", "pass", "pwd", "pw", "auth", "sig", "psk", "pat");
    /** Substrings of every word in {@link #SECRET_WORDS} and {@link #SECRET_PARTS} (a quick pre-check). */
    private static final String[] NAME_HINTS = {"pass", "secret", "token", "key", "credential", "auth", "sig", "cookie",
            "pw", "psk", "pat"};
    /** Last name parts that describe a secret without being one ({@code tokenFile}, {@code secretName}). */
    private static final Set<String> HARMLESS_LAST_PARTS = Set.of("file", "path", "dir", "url", "uri", "name", "ref",
            "type", "kind", "mode", "length", "ttl", "expiry", "expires", "enabled", "count", "version", "format",
            "algorithm", "size", "policy", "header", "field", "env", "source", "sources");

    private Redactor() {
    }

    /** The text with every credential masked; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Each rule runs only when the text holds its literal part: most log lines hold none.
        String lower = text.toLowerCase(Locale.ROOT);
        String s = text;
        if (lower.contains("private key-----")) {
            s = PEM_KEY.matcher(s).replaceAll(m -> {
                String nl = m.group().contains("\n") ? "\n" : m.group().contains("\\n") ? "\\n" : " ";
                return Matcher.quoteReplacement(m.group(1) + nl + MASK + nl + (m.group(3) == null ? "" : m.group(3)));
            });
        }
        if (lower.contains("authorization")) {
            s = AUTH_HEADER.matcher(s).replaceAll(Redactor::authorization);
        }
        if (lower.contains("bearer")) {
            s = BEARER.matcher(s).replaceAll("$1" + MASK);
        }
        if (s.contains("eyJ")) {
            s = JWT.matcher(s).replaceAll(MASK);
        }
        if (s.contains("://") && s.indexOf('@') >= 0) {
            s = URL_CREDENTIALS.matcher(s).replaceAll("$1" + MASK + "$2");
        }
        if (lower.contains("gh") || lower.contains("glpat-") || lower.contains("xox") || s.contains("AKIA") || s.contains("ASIA")) {
            s = KNOWN_TOKENS.matcher(s).replaceAll(MASK);
        }
        if (lower.contains("-pass") || lower.contains("-token") || lower.contains("-secret") || lower.contains("-api-key")
                || lower.contains("-auth-token") || lower.contains("-u ") || lower.contains("-u\t")) {
            s = CLI_FLAG.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                    (m.group(1) != null ? m.group(1) : m.group(2)) + MASK));
        }
        return (s.indexOf('=') >= 0 || s.indexOf(':') >= 0) && mayNameASecret(lower) ? namedValues(s) : s;
    }

    /** False when no name in the text can be a secret's: every secret word and part holds one of these. */
    private static boolean mayNameASecret(String lower) {
        for (String hint : NAME_HINTS) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    private static String authorization(java.util.regex.MatchResult m) {
        String quote = m.group(2) != null ? "\"" : m.group(3) != null ? "'" : "";
        String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        if (value.isBlank() || value.contains(MASK)) {
            return Matcher.quoteReplacement(m.group());
        }
        Matcher scheme = SCHEME.matcher(value);
        return Matcher.quoteReplacement(m.group(1) + quote + (scheme.matches() ? scheme.group(1) : "") + MASK);
    }

    private static String namedValues(String s) {
        Matcher m = NAMED_VALUE.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            String name = m.group("name");
            String value = m.group("value");
            int valueStart = m.start("value");
            int valueEnd = m.end();
            boolean quoted = value.charAt(0) == '"' || value.charAt(0) == '\'';
            boolean done = value.contains(MASK) || value.startsWith("-----BEGIN", quoted ? 1 : 0)
                    || AUTHORIZATION.matcher(name).matches(); // masked above, the scheme kept
            if (!done && secretName(name)) {
                if (!quoted && ":".equals(m.group("sep"))) {
                    // "password: a b" in YAML or a message: the value is the rest of the line (up to a mask).
                    Matcher tail = COLON_VALUE_TAIL.matcher(s).region(valueEnd, s.length());
                    if (tail.lookingAt()) {
                        int end = tail.end();
                        int mask = s.substring(valueEnd, end).indexOf(MASK);
                        valueEnd = trimEnd(s, mask < 0 ? end : valueEnd + mask, valueEnd);
                    }
                }
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, valueStart);
                out.append(quoted ? value.charAt(0) + MASK + value.charAt(0) : MASK);
                copied = valueEnd;
            }
            // The value may itself hold "name=value" pairs ("said: DB_PASS=x", a query after "url="): look inside.
            from = Math.max(Math.max(valueStart, m.end("name") + 1), copied);
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, s.length()).toString();
    }

    private static int trimEnd(String s, int end, int atLeast) {
        while (end > atLeast && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** True when a variable, field or parameter of this name holds a secret. */
    static boolean secretName(String name) {
        // Split at _ . - and camelCase humps into lower-case parts: "clientSecret" -> client, secret.
        java.util.List<String> parts = new java.util.ArrayList<>(4);
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean hump = Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))
                    && name.charAt(i - 1) != '_' && name.charAt(i - 1) != '.' && name.charAt(i - 1) != '-';
            if (c == '_' || c == '.' || c == '-' || hump) {
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
                if (!hump) {
                    continue;
                }
            }
            part.append(Character.toLowerCase(c));
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        if (parts.isEmpty()) {
            return false;
        }
        String joined = String.join("", parts);
        if (joined.contains("public") || HARMLESS_LAST_PARTS.contains(parts.getLast())) {
            return false;
        }
        for (String word : SECRET_WORDS) {
            if (joined.contains(word)) {
                return true;
            }
        }
        for (String p : parts) {
            if (SECRET_PARTS.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
