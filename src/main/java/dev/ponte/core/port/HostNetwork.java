package dev.ponte.core.port;

import java.time.Duration;
import java.util.List;

/** This machine's network as the diagnostics see it: interfaces with their MTU, IPv4 routes, and a UDP probe. Blocking. */
public interface HostNetwork {
    List<Interface> interfaces();

    /** IPv4 routes (Linux: {@code /proc/net/route}); empty where the table cannot be read. */
    List<Route> routes();

    /**
     * Sends one datagram to {@code host:port} and waits up to {@code wait} for a refusal (ICMP port unreachable). A
     * WireGuard endpoint never answers a stranger's packet, so silence is what a listening endpoint looks like; a
     * refusal means nothing listens there.
     */
    UdpProbe probeUdp(String host, int port, Duration wait);

    /** @param pointToPoint a tunnel-like link (VPN clients, WireGuard, PPP) */
    record Interface(String name, int mtu, boolean up, boolean loopback, boolean pointToPoint, List<String> addresses) {
        public Interface {
            addresses = List.copyOf(addresses);
        }
    }

    /** @param gateway null for a directly connected network */
    record Route(String iface, String destination, int prefix, String gateway) {
        public boolean isDefault() {
            return prefix == 0;
        }
    }

    /** @param address the resolved address, or null */
    record UdpProbe(Outcome outcome, String address, String detail) {
        public enum Outcome { SILENT, REFUSED, UNRESOLVED, UNREACHABLE }
    }
}
