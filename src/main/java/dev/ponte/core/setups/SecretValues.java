package dev.ponte.core.setups;

import dev.ponte.core.task.Redactor;

/**
 * Whether a typed environment value looks like a secret, by the one redactor's rules ({@link Redactor}): its name
 * says so ({@code DB_PASSWORD}, {@code API_KEY}, {@code GH_TOKEN}) or its value has a known secret's shape (a JWT, a
 * PEM key, a token with a known prefix, a URL with a password). Such values are never stored in a setup.
 */
public final class SecretValues {
    private SecretValues() {
    }

    public static boolean looksSecret(String name, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        String pair = name + "=" + value;
        return !Redactor.redact(pair).equals(pair) || !Redactor.redact(value).equals(value);
    }
}
