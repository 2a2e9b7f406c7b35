package dev.ponte.core.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the machine-readable forms of {@code wg show <if> ...} (wireguard-tools, tab separated):
 * <ul>
 *   <li>{@code latest-handshakes}: {@code <peer public key> <unix seconds>}, 0 when never;</li>
 *   <li>{@code transfer}: {@code <peer public key> <rx bytes> <tx bytes>};</li>
 *   <li>{@code dump}: an interface line (private key, public key, port, fwmark), skipped here and never kept, then
 *   per peer {@code <public key> <preshared key> <endpoint> <allowed ips> <handshake> <rx> <tx> <keepalive>}.</li>
 * </ul>
 * Any concatenation of these works; lines of another shape (markers, error text) are ignored. Prefer
 * {@code latest-handshakes} + {@code transfer} over {@code dump}: dump prints the private and preshared keys.
 */
public final class WgShowParser {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,19}");

    /**
     * @param latestHandshake null when WireGuard reports none (0)
     * @param hasHandshake    whether a handshake line was seen for this peer (false: only counters were read)
     * @param hasTransfer     whether a transfer line was seen for this peer
     */
    public record PeerStats(String publicKey, Instant latestHandshake, long rxBytes, long txBytes,
                            boolean hasHandshake, boolean hasTransfer) {
        PeerStats merge(PeerStats o) {
            return new PeerStats(publicKey,
                    o.hasHandshake ? o.latestHandshake : latestHandshake,
                    o.hasTransfer ? o.rxBytes : rxBytes, o.hasTransfer ? o.txBytes : txBytes,
                    hasHandshake || o.hasHandshake, hasTransfer || o.hasTransfer);
        }
    }

    private WgShowParser() {
    }

    /** Per peer public key, in the order the peers first appear. */
    public static Map<String, PeerStats> parse(String output) {
        Map<String, PeerStats> peers = new LinkedHashMap<>();
        if (output == null) {
            return peers;
        }
        for (String line : output.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 0 || !KEY.matcher(f[0]).matches()) {
                continue;
            }
            PeerStats s = switch (f.length) {
                case 2 -> numbers(f, 1) ? new PeerStats(f[0], handshake(f[1]), 0, 0, true, false) : null;
                case 3 -> numbers(f, 1, 2)
                        ? new PeerStats(f[0], null, Long.parseLong(f[1]), Long.parseLong(f[2]), false, true) : null;
                case 8 -> numbers(f, 4, 5, 6) ? new PeerStats(f[0], handshake(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), true, true) : null;
                default -> null; // dump's interface line (4 fields) holds the private key: dropped on purpose
            };
            if (s != null) {
                peers.merge(s.publicKey(), s, PeerStats::merge);
            }
        }
        return peers;
    }

    /**
     * The stats of {@code publicKey}, or with a null key the only peer (Cargo has exactly one: Stowaway); with
     * several peers and no key, the one with the most recent handshake.
     */
    public static Optional<PeerStats> peer(String output, String publicKey) {
        Map<String, PeerStats> peers = parse(output);
        if (publicKey != null) {
            return Optional.ofNullable(peers.get(publicKey));
        }
        return peers.values().stream().max((a, b) -> {
            Instant x = a.latestHandshake() == null ? Instant.EPOCH : a.latestHandshake();
            Instant y = b.latestHandshake() == null ? Instant.EPOCH : b.latestHandshake();
            return x.compareTo(y);
        });
    }

    private static boolean numbers(String[] f, int... idx) {
        for (int i : idx) {
            if (!NUMBER.matcher(f[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Instant handshake(String seconds) {
        long s = Long.parseLong(seconds);
        return s == 0 ? null : Instant.ofEpochSecond(s);
    }
}
