package dev.ponte.core.connections;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of a connection and checks for names read back from labels, custom resources and files.
 *
 * <p>A connection's name is the context's name made safe for Docker names and file names (lower case,
 * {@code [a-z0-9-]}); when making it safe changed anything, a short hash of the real context name follows, so
 * {@code prod.eu}, {@code prod_eu} and {@code PROD-EU} get three names, and a context of only non-ASCII characters
 * gets {@code ctx-<hash>} instead of upstream's catch-all {@code default}. The name is recorded in the journal the
 * first time, so it stays the same even if this rule changes.
 *
 * <p>Each connection registers its own GefyraClient ({@code ponte<hash>}, alphanumeric as Stowaway's peer ids must
 * be, and never all digits), so two connections to one cluster (under two contexts) do not share a client.
 */
public final class ConnectionNames {
    /** Longest connection name: leaves room for {@code gefyra-network-} and {@code -probe-NNN} in Docker names. */
    static final int MAX = 40;
    private static final int HASH = 6;
    /** A connection name as Ponte or the gefyra CLI makes it; anything else read from a label is refused. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    /** A GefyraClient name (a Kubernetes object name). */
    private static final Pattern CLIENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Docker container and network names. */
    private static final Pattern DOCKER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    private ConnectionNames() {
    }

    /** The name a new connection of {@code context} gets. */
    public static String forContext(String context) {
        String readable = context.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        if (readable.equals(context) && readable.length() <= MAX) {
            return readable;
        }
        String hash = hash(context, HASH);
        if (readable.isEmpty()) {
            return "ctx-" + hash;
        }
        int room = MAX - HASH - 1;
        String head = readable.length() > room ? readable.substring(0, room).replaceAll("-+$", "") : readable;
        return head + "-" + hash;
    }

    /** A name not taken yet: {@link #forContext} or, should that be taken by another context, one with a longer hash. */
    public static String unique(String context, java.util.function.Predicate<String> taken) {
        String name = forContext(context);
        for (int extra = 8; taken.test(name) && extra <= 16; extra += 4) {
            name = "ctx-" + hash(context, extra);
        }
        if (taken.test(name)) {
            throw new IllegalStateException("no free connection name for context " + context);
        }
        return name;
    }

    /** This machine's GefyraClient for one connection, e.g. {@code ponte3f9a1c07b2}. */
    public static String clientId(String machine, String connection) {
        return "ponte" + hash(machine + "\n" + connection, 10);
    }

    /** A connection name read from a label or a file, when it is one a Ponte or gefyra CLI connection can have. */
    public static Optional<String> checkedName(String value) {
        return value != null && NAME.matcher(value).matches() && !value.contains("..") ? Optional.of(value) : Optional.empty();
    }

    /** A GefyraClient name read from a label or a file, when it is a valid Kubernetes object name. */
    public static Optional<String> checkedClient(String value) {
        return value != null && CLIENT.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /** A Docker container or network name read from somewhere untrusted. */
    public static boolean isDockerName(String value) {
        return value != null && DOCKER.matcher(value).matches();
    }

    /** A kube context name as a label may carry it: any text, but no control characters and at most 253 characters. */
    public static Optional<String> checkedContext(String value) {
        if (value == null || value.isEmpty() || value.length() > 253) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }

    static String hash(String text, int hexDigits) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
