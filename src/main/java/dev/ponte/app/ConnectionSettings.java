package dev.ponte.app;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.ui.common.UiSettings;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The values a connection is made with, from the settings and this machine: images (registry and
 * overrides), names, this machine's client id, Cargo's endpoint and where its files go.
 */
final class ConnectionSettings {
    private final UiSettings settings;
    private final Path home;

    ConnectionSettings(UiSettings settings, Path home) {
        this.settings = settings;
        this.home = home;
    }

    GefyraImages images() {
        String registry = settings.gefyraRegistry == null || settings.gefyraRegistry.isBlank()
                ? Gefyra.DEFAULT_REGISTRY : settings.gefyraRegistry;
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        GefyraImages i = GefyraImages.of(registry, Gefyra.VERSION, windows);
        return new GefyraImages(i.registry(), i.version(), or(settings.operatorImage, i.operator()),
                or(settings.stowawayImage, i.stowaway()), or(settings.carrier2Image, i.carrier2()), or(settings.cargoImage, i.cargo()));
    }

    private static String or(String override, String fallback) {
        return override == null || override.isBlank() ? fallback : override;
    }

    /** One connection per context: its name, made safe for Docker names (lower-case, [a-z0-9-]). */
    String connectionName(String context) {
        String n = context.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return n.isEmpty() ? "default" : n;
    }

    /**
     * This machine's GefyraClient name: stable per user and host, alphanumeric (Stowaway's peer id
     * must be; an all-digit name breaks upstream), e.g. {@code ponte3f9a1c07b2}.
     */
    String clientId() {
        String who = System.getProperty("user.name", "user") + "@" + hostName();
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(who.getBytes(StandardCharsets.UTF_8));
            return "ponte" + HexFormat.of().formatHex(h, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                h = "localhost";
            }
        }
        return h;
    }

    /**
     * Where Cargo reaches Stowaway, as upstream's {@code gefyra up} decides it for local clusters: the
     * docker0 address on Linux, else {@code host.docker.internal}; port 31820 (the NodePort).
     */
    String cargoEndpoint() {
        if (settings.cargoEndpoint != null && !settings.cargoEndpoint.isBlank()) {
            return settings.cargoEndpoint;
        }
        try {
            NetworkInterface docker0 = NetworkInterface.getByName("docker0");
            if (docker0 != null) {
                var v4 = docker0.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst();
                if (v4.isPresent()) {
                    return v4.get().getHostAddress() + ":" + Gefyra.DEFAULT_NODE_PORT;
                }
            }
        } catch (SocketException e) {
            // fall through to the Docker Desktop name
        }
        return "host.docker.internal:" + Gefyra.DEFAULT_NODE_PORT;
    }

    /** Upstream keeps connection files in ~/.gefyra; so does Ponte, so the gefyra CLI can reconnect them. */
    Path stateDir() {
        return home.resolve(".gefyra");
    }

    String engineEndpoint() {
        return settings.engineEndpoint;
    }

    void useEngine(String endpoint) {
        settings.engineEndpoint = endpoint;
    }
}
