package dev.ponte.core.diagnostics;

import dev.ponte.core.port.HostNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Decides the MTU line from what was measured: the tunnel's MTU, the largest ping that crossed it, and this machine's
 * interfaces and routes. WireGuard adds 60 bytes over IPv4 and 80 over IPv6 to every packet, so a tunnel MTU above
 * (path MTU − 80) makes full-size packets too big for the way to Stowaway; behind a VPN they are often dropped without
 * a word (Gefyra issue 738), which looks like requests that hang as soon as a response is large.
 */
final class MtuAdvice {
    /** WireGuard's overhead in the worst case (IPv6 outer header), as wg-quick uses it. */
    static final int OVERHEAD = 80;
    /** The smallest MTU Ponte suggests: IPv6's minimum, which every path must carry. */
    static final int FLOOR = 1280;
    /** Interface names of VPN clients and tunnels (OpenVPN, WireGuard, IPsec, Cisco, GlobalProtect, Tailscale, ZeroTier, …). */
    static final Pattern VPN_NAME = Pattern.compile(
            "(tun|tap|wg|utun|ppp|ipsec|vpn|gpd|cscotun|tailscale|zt|nordlynx|proton|mullvad|ztun|vti|gre)[0-9a-z._-]*",
            Pattern.CASE_INSENSITIVE);
    static final int ETHERNET = 1500;

    /** The path to the endpoint as this machine's routing table sees it. */
    record Path(HostNetwork.Interface iface, HostNetwork.Route route) {
    }

    private MtuAdvice() {
    }

    /** Interfaces that look like a VPN and have a smaller MTU than Ethernet's. */
    static List<HostNetwork.Interface> vpnLike(List<HostNetwork.Interface> interfaces) {
        List<HostNetwork.Interface> out = new ArrayList<>();
        for (HostNetwork.Interface i : interfaces) {
            if (i.up() && !i.loopback() && i.mtu() > 0 && i.mtu() < ETHERNET
                    && (i.pointToPoint() || VPN_NAME.matcher(i.name()).matches())) {
                out.add(i);
            }
        }
        return out;
    }

    /** The interface the routing table sends {@code address} out of (longest prefix), if it can tell. */
    static Optional<Path> pathTo(String address, List<HostNetwork.Route> routes, List<HostNetwork.Interface> interfaces) {
        long a = ipv4(address);
        if (a < 0) {
            return Optional.empty();
        }
        HostNetwork.Route best = null;
        for (HostNetwork.Route r : routes) {
            long d = ipv4(r.destination());
            long mask = r.prefix() == 0 ? 0 : (0xffffffffL << (32 - r.prefix())) & 0xffffffffL;
            if (d >= 0 && (a & mask) == (d & mask) && (best == null || r.prefix() > best.prefix())) {
                best = r;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String name = best.iface();
        return interfaces.stream().filter(i -> i.name().equals(name)).findFirst().map(i -> new Path(i, route(name, routes, address)));
    }

    private static HostNetwork.Route route(String iface, List<HostNetwork.Route> routes, String address) {
        long a = ipv4(address);
        HostNetwork.Route best = null;
        for (HostNetwork.Route r : routes) {
            long d = ipv4(r.destination());
            long mask = r.prefix() == 0 ? 0 : (0xffffffffL << (32 - r.prefix())) & 0xffffffffL;
            if (r.iface().equals(iface) && (a & mask) == (d & mask) && (best == null || r.prefix() > best.prefix())) {
                best = r;
            }
        }
        return best;
    }

    static long ipv4(String s) {
        if (s == null || !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return -1;
        }
        long v = 0;
        for (String p : s.split("\\.")) {
            int o = Integer.parseInt(p);
            if (o > 255) {
                return -1;
            }
            v = (v << 8) | o;
        }
        return v;
    }

    /**
     * The MTU to suggest.
     *
     * @param tunnelMtu       wg0's MTU now (empty: not connected, wg-quick's default would be used)
     * @param largestPassing  the largest packet (IP header included) that crossed the tunnel, when smaller ones than
     *                        {@code tunnelMtu} were all that passed
     * @param pathMtu         the MTU of the interface the endpoint is reached through
     */
    static OptionalInt suggest(OptionalInt tunnelMtu, OptionalInt largestPassing, OptionalInt pathMtu) {
        int current = tunnelMtu.orElse(ETHERNET - OVERHEAD);
        if (largestPassing.isPresent() && largestPassing.getAsInt() < current) {
            int m = largestPassing.getAsInt() - largestPassing.getAsInt() % 8; // whole 8-byte steps, as probed
            return OptionalInt.of(Math.max(576, m));
        }
        if (pathMtu.isPresent() && pathMtu.getAsInt() - OVERHEAD < current) {
            return OptionalInt.of(Math.max(FLOOR, pathMtu.getAsInt() - OVERHEAD));
        }
        return OptionalInt.empty();
    }

    static String describe(HostNetwork.Interface i) {
        return i.name() + " (MTU " + i.mtu() + (i.addresses().isEmpty() ? "" : ", " + String.join(", ", i.addresses())) + ")";
    }

    static boolean isVpnName(String name) {
        return VPN_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }
}
