package dev.ponte.kube;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses what {@code env} prints: one {@code NAME=VALUE} per line, split at the first {@code =} as upstream does
 * ({@code client/gefyra/api/utils.py}, {@code generate_env_dict_from_strings}).
 *
 * <p>{@code env} separates variables by newlines without quoting, so a value that contains newlines (a PEM key, say)
 * cannot be told apart from several variables for sure. Upstream drops every line without {@code =} and turns a
 * continuation line with {@code =} into a bogus variable. Here a line starts a new variable only when it begins with
 * a portable variable name ({@code [A-Za-z_][A-Za-z0-9_]*}) followed by {@code =}; any other line is joined, with its
 * newline, to the value before it. A continuation line that itself looks like {@code NAME=...} is still read as a new
 * variable: that case cannot be decided from the output. Variables with names outside the portable set (allowed by
 * newer Kubernetes) are read as continuations for the same reason.
 */
final class EnvOutput {
    private static final Pattern START = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    private EnvOutput() {
    }

    static Map<String, String> parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        if (output == null || output.isEmpty()) {
            return values;
        }
        String body = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            if (START.matcher(line).matches()) {
                if (name != null) {
                    values.put(name, value.toString());
                }
                int eq = line.indexOf('=');
                name = line.substring(0, eq);
                value.setLength(0);
                value.append(line, eq + 1, line.length());
            } else if (name != null) {
                value.append('\n').append(line);
            }
        }
        if (name != null) {
            values.put(name, value.toString());
        }
        return values;
    }
}
