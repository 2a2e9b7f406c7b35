package dev.ponte.core.gefyra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The WireGuard config Cargo brings up ({@code ~/.gefyra/<connection>.conf}, mounted as
 * {@code /config/wg0.conf}), byte for byte what Gefyra 2.5.4 writes (upstream {@code client/gefyra/local/cargo.py},
 * {@code create_wireguard_config}; shared/gefyra-protocol.md 4.5). Values come from the GefyraClient's
 * {@code providerConfig}; the endpoint is the Cargo endpoint of the client file, never {@code Peer.Endpoint};
 * {@code AllowedIPs} is fixed to {@code 0.0.0.0/0}.
 *
 * <p>Holds a private and a preshared key: {@link #toString()} leaves them out, and {@link #write} creates the file
 * owner-only. Every value is checked, so a value with a line break can't smuggle a {@code PostUp} command into a
 * config that wg-quick runs as root.
 */
public final class WireGuardConfig {
    public static final String ADDRESS = "Interface.Address";
    public static final String PRIVATE_KEY = "Interface.PrivateKey";
    public static final String DNS = "Interface.DNS";
    public static final String PEER_PUBLIC_KEY = "Peer.PublicKey";
    public static final String PRESHARED_KEY = "Peer.PresharedKey";
    public static final int PERSISTENT_KEEPALIVE = 21;
    public static final String ALLOWED_IPS = "0.0.0.0/0";
    /** Upstream's rules: forward through the tunnel, NAT out of the interface holding Cargo's {@code .149} address. */
    static final String POST_UP = "iptables -A FORWARD -i %i -j ACCEPT; iptables -A FORWARD -o %i -j ACCEPT; "
            + "iptables -t nat -A POSTROUTING -o $(ip -4 -o addr show | grep \"\\.149/\" | awk '{print $2}' "
            + "| cut -d'@' -f1) -j MASQUERADE";
    static final String POST_DOWN = POST_UP.replace(" -A ", " -D ");

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");
    private static final Pattern ADDRESSES = Pattern.compile("[0-9A-Fa-f.:/]+(\\s*,\\s*[0-9A-Fa-f.:/]+)*");
    /** wg-quick's DNS = takes addresses and search domains. */
    private static final Pattern DNS_ENTRIES = Pattern.compile("[A-Za-z0-9.:_-]+(\\s*,\\s*[A-Za-z0-9.:_-]+)*");
    private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):(\\d{1,5})");
    private static final FileAttribute<?> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final String address;
    private final OptionalInt mtu;
    private final String privateKey;
    private final String dns;
    private final String peerPublicKey;
    private final String endpoint;
    private final String presharedKey;

    private WireGuardConfig(Map<String, String> pc, String endpoint, OptionalInt mtu) {
        this.address = value(pc, ADDRESS, ADDRESSES, "an IP address such as 192.168.99.2");
        this.privateKey = value(pc, PRIVATE_KEY, KEY, "a WireGuard key (44 base64 characters)");
        this.dns = value(pc, DNS, DNS_ENTRIES, "a DNS server address such as 192.168.99.1");
        this.peerPublicKey = value(pc, PEER_PUBLIC_KEY, KEY, "a WireGuard key (44 base64 characters)");
        this.presharedKey = value(pc, PRESHARED_KEY, KEY, "a WireGuard key (44 base64 characters)");
        this.endpoint = checkEndpoint(endpoint);
        this.mtu = Objects.requireNonNull(mtu, "mtu");
        mtu.ifPresent(m -> {
            if (m < 576 || m > 65535) {
                throw new IllegalArgumentException("WireGuard MTU " + m + " is out of range (576 to 65535)");
            }
        });
    }

    /**
     * @param providerConfig the GefyraClient's flat {@code providerConfig}
     * @param cargoEndpoint  {@code host:port} Cargo connects to (the client file's {@code gefyra_server})
     * @param mtu            the {@code --mtu} / client file {@code wireguard_mtu}, if set
     * @throws IllegalArgumentException naming the missing or malformed key (never its value)
     */
    public static WireGuardConfig of(Map<String, String> providerConfig, String cargoEndpoint, OptionalInt mtu) {
        return new WireGuardConfig(Objects.requireNonNull(providerConfig, "providerConfig"), cargoEndpoint, mtu);
    }

    public static WireGuardConfig of(GefyraClient client, String cargoEndpoint, OptionalInt mtu) {
        return of(client.providerConfig(), cargoEndpoint, mtu);
    }

    /** The file's text, exactly as upstream writes it. Contains secrets: never log it. */
    public String text() {
        StringBuilder b = new StringBuilder(640)
                .append("[Interface]\n")
                .append("Address = ").append(address).append('\n');
        mtu.ifPresent(m -> b.append("MTU = ").append(m).append('\n'));
        return b.append("PrivateKey = ").append(privateKey).append('\n')
                .append("DNS = ").append(dns).append('\n')
                .append("PreUp = sysctl -w net.ipv4.ip_forward=1\n")
                .append("PostUp = ").append(POST_UP).append('\n')
                .append("PostDown = ").append(POST_DOWN).append('\n')
                .append("[Peer]\n")
                .append("PublicKey = ").append(peerPublicKey).append('\n')
                .append("Endpoint = ").append(endpoint).append('\n')
                .append("PresharedKey = ").append(presharedKey).append('\n')
                .append("PersistentKeepalive = ").append(PERSISTENT_KEEPALIVE).append('\n')
                .append("AllowedIPs = ").append(ALLOWED_IPS).append('\n')
                .toString();
    }

    /**
     * Writes {@link #text()} to {@code file} atomically: a temporary file in the same folder, created owner-only
     * ({@code rw-------}) from the first byte on POSIX systems, flushed to disk, then renamed over {@code file}.
     * A missing parent folder is created owner-only. On file systems without POSIX permissions (Windows) the file
     * inherits the folder's ACL, which for the user's home is owner-only already.
     *
     * <p>A rename gives the file a new inode: a running Cargo keeps seeing the old config until it restarts, which
     * is when wg-quick reads it anyway (upstream rewrites the file and then starts Cargo, 4.7).
     */
    public void write(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, OWNER_ONLY_DIR);
            } else {
                Files.createDirectories(dir);
            }
        }
        String prefix = "." + target.getFileName() + ".";
        Path tmp = posix ? Files.createTempFile(dir, prefix, ".tmp", OWNER_ONLY_FILE)
                : Files.createTempFile(dir, prefix, ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public String address() {
        return address;
    }

    public String dns() {
        return dns;
    }

    public String endpoint() {
        return endpoint;
    }

    public String peerPublicKey() {
        return peerPublicKey;
    }

    public OptionalInt mtu() {
        return mtu;
    }

    /** Everything but the private and preshared key. */
    @Override
    public String toString() {
        return "WireGuardConfig[address=" + address + ", mtu=" + (mtu.isPresent() ? mtu.getAsInt() : "default")
                + ", dns=" + dns + ", peer=" + peerPublicKey + ", endpoint=" + endpoint
                + ", privateKey=<redacted>, presharedKey=<redacted>]";
    }

    private static String value(Map<String, String> pc, String key, Pattern format, String expected) {
        String v = pc.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("The GefyraClient's providerConfig has no " + key
                    + "; the operator has not finished setting up this client's WireGuard peer");
        }
        v = v.strip();
        if (!format.matcher(v).matches()) {
            throw new IllegalArgumentException("The GefyraClient's providerConfig value " + key
                    + " is not " + expected);
        }
        return v;
    }

    private static String checkEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("No Cargo endpoint (host:port) was given for the WireGuard config");
        }
        String e = endpoint.strip();
        var m = ENDPOINT.matcher(e);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
            throw new IllegalArgumentException("The Cargo endpoint must be host:port with a port from 1 to 65535");
        }
        return e;
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }
}
