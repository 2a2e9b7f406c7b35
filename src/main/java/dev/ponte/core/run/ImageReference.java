package dev.ponte.core.run;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an image reference before it reaches the engine, so the Run dialog can say which part is wrong
 * instead of relaying the engine's bare "invalid reference format". The grammar is the one engines parse
 * with (github.com/distribution/reference, {@code reference.go} and {@code regexp.go}):
 * <pre>
 * reference        := name [":" tag] ["@" digest]
 * name             := [domain "/"] path-component ["/" path-component]*     (at most 255 characters)
 * domain           := (domain-component ["." domain-component]* | "[" ipv6 "]") [":" port]
 * domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * path-component   := [a-z0-9]+ (separator [a-z0-9]+)*      separator := "." | "_" | "__" | "-"+
 * tag              := [\w][\w.-]{0,127}
 * digest           := algorithm ":" hex{32,}   (sha256: 64 lowercase hex digits, sha512: 128)
 * </pre>
 * The first part of a name counts as a registry when it has a {@code .} or {@code :}, is {@code localhost}
 * or has upper-case letters, as Docker decides it ({@code normalize.go}, {@code splitDockerDomain}). An image
 * id (64 hex digits, or a shorter prefix) is a valid path component, so ids pass too. Pure.
 */
public final class ImageReference {
    static final int MAX_NAME_LENGTH = 255;
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN_NAME = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*");
    private static final Pattern IPV6 = Pattern.compile("\\[[a-fA-F0-9:]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]+");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32,}");
    private static final String EXAMPLE = "e.g. nginx:1.27, ghcr.io/team/app:dev or localhost:5000/app@sha256:<64 hex digits>";

    private ImageReference() {
    }

    /** @return null when {@code reference} is valid, otherwise one sentence naming the part that is wrong */
    public static String validate(String reference) {
        if (reference == null || reference.isBlank()) {
            return "Enter an image (" + EXAMPLE + ").";
        }
        if (reference.length() > 2 * MAX_NAME_LENGTH) {
            return "The image reference is " + reference.length() + " characters long; an image name has at most "
                    + MAX_NAME_LENGTH + ".";
        }
        if (reference.chars().anyMatch(Character::isWhitespace)) {
            return "The image \"" + reference + "\" contains a space; an image reference has none.";
        }
        int scheme = reference.indexOf("://");
        if (scheme >= 0) {
            return "Leave out \"" + reference.substring(0, scheme + 3) + "\": an image reference has no scheme (write "
                    + reference.substring(scheme + 3) + ").";
        }
        String rest = reference;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String problem = digest(rest.substring(at + 1));
            if (problem != null) {
                return problem;
            }
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            String tag = rest.substring(colon + 1);
            if (tag.isEmpty()) {
                return "The tag after ':' is empty; write a tag (e.g. \"" + rest + "latest\") or leave out the ':'.";
            }
            if (!TAG.matcher(tag).matches()) {
                return "The tag \"" + tag + "\" is not valid: a tag has at most 128 letters, digits, '_', '.' and '-',"
                        + " and does not start with '.' or '-'.";
            }
            rest = rest.substring(0, colon);
        }
        return name(rest);
    }

    /** True when {@link #validate} finds nothing wrong. */
    public static boolean isValid(String reference) {
        return validate(reference) == null;
    }

    private static String name(String name) {
        if (name.isEmpty()) {
            return "The image name is missing before the tag or digest (" + EXAMPLE + ").";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "The image name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed.";
        }
        String[] parts = name.split("/", -1);
        int first = 0;
        if (parts.length > 1 && isDomain(parts[0])) {
            String problem = domain(parts[0]);
            if (problem != null) {
                return problem;
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return "The image name \"" + name + "\" has an empty part between slashes (or a slash at its start or end).";
            }
            if (!PATH_COMPONENT.matcher(part).matches()) {
                if (PATH_COMPONENT.matcher(part.toLowerCase(Locale.ROOT)).matches()) {
                    return "The repository name must be lowercase: \"" + part + "\" has capital letters.";
                }
                return "The part \"" + part + "\" of the image name is not valid: use lowercase letters and digits,"
                        + " separated by one '.', one or two '_', or '-'.";
            }
        }
        return null;
    }

    private static boolean isDomain(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static String domain(String domain) {
        String host = domain;
        int colon = domain.lastIndexOf(':');
        if (colon >= 0 && colon > domain.lastIndexOf(']')) {
            String port = domain.substring(colon + 1);
            if (!PORT.matcher(port).matches()) {
                return "The registry port \"" + port + "\" in \"" + domain + "\" is not a number.";
            }
            host = domain.substring(0, colon);
        }
        boolean ok = host.startsWith("[") ? IPV6.matcher(host).matches() : DOMAIN_NAME.matcher(host).matches();
        return ok ? null : "The registry \"" + host + "\" is not a valid host name: use letters, digits, '-' and '.'"
                + " (no '-' at the start or end of a part).";
    }

    private static String digest(String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            return "The digest after '@' must look like sha256:<64 hex digits>, not \"" + digest + "\".";
        }
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        if (!ALGORITHM.matcher(algorithm).matches()) {
            return "The digest algorithm \"" + algorithm + "\" is not valid (e.g. sha256).";
        }
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        if (expected > 0 && !(hex.length() == expected && hex.chars().allMatch(ImageReference::lowerHex))) {
            String found = hex.chars().allMatch(ImageReference::lowerHex) ? hex.length() + " digits"
                    : "characters other than 0-9 and a-f";
            return "The " + algorithm + " digest must be " + expected + " lowercase hex digits; \"" + hex + "\" has " + found + ".";
        }
        if (expected < 0 && !HEX.matcher(hex).matches()) {
            return "The digest \"" + digest + "\" must end in at least 32 hex digits.";
        }
        return null;
    }

    private static boolean lowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
