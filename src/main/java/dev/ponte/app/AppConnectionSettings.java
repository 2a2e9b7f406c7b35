package dev.ponte.app;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.ui.common.UiSettings;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The values a connection is made with, from the settings and this machine: images (registry and
 * overrides), names, this machine's client id, Cargo's endpoint and where its files go.
 */
final class AppConnectionSettings implements dev.ponte.core.connections.ConnectionSettings {
    private final UiSettings settings;
    private final Path home;

    AppConnectionSettings(UiSettings settings, Path home) {
        this.settings = settings;
        this.home = home;
    }

    @Override
    public GefyraImages images() {
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

    /** This user on this host: the GefyraClient names of its connections derive from it. */
    @Override
    public String machine() {
        return machineName();
    }

    /** This user on this host (the window's and the command line's connections derive the same names from it). */
    static String machineName() {
        return System.getProperty("user.name", "user") + "@" + hostName();
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
    @Override
    public String cargoEndpoint(String context) {
        String perContext = settings.cargoEndpoints == null ? null : settings.cargoEndpoints.get(context);
        if (perContext != null && !perContext.isBlank()) {
            return perContext;
        }
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

    @Override
    public java.util.OptionalInt mtu(String context) {
        Integer m = settings.connectionMtus == null ? null : settings.connectionMtus.get(context);
        return m == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(m);
    }

    @Override
    public void mtu(String context, java.util.OptionalInt mtu) {
        if (settings.connectionMtus == null) {
            settings.connectionMtus = new java.util.LinkedHashMap<>();
        }
        if (mtu.isPresent()) {
            settings.connectionMtus.put(context, mtu.getAsInt());
        } else {
            settings.connectionMtus.remove(context);
        }
    }

    /** Upstream keeps connection files in ~/.gefyra; so does Ponte, so the gefyra CLI can reconnect them. */
    @Override
    public Path gefyraDir() {
        return home.resolve(".gefyra");
    }
}
