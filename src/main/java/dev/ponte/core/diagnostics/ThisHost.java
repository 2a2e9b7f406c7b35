package dev.ponte.core.diagnostics;

import dev.ponte.core.port.HostNetwork;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@link HostNetwork} of the machine Ponte runs on: {@link NetworkInterface}, {@code /proc/net/route}, a datagram socket. */
public final class ThisHost implements HostNetwork {
    private final Path routeTable;

    public ThisHost() {
        this(Path.of("/proc/net/route"));
    }

    ThisHost(Path routeTable) {
        this.routeTable = routeTable;
    }

    @Override
    public List<Interface> interfaces() {
        List<Interface> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<String> addresses = n.inetAddresses().filter(a -> a instanceof Inet4Address)
                        .map(InetAddress::getHostAddress).toList();
                out.add(new Interface(n.getName(), n.getMTU(), n.isUp(), n.isLoopback(), n.isPointToPoint(), addresses));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("Could not list this machine's network interfaces: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public List<Route> routes() {
        try {
            return Files.isReadable(routeTable) ? parseRoutes(Files.readAllLines(routeTable)) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Linux's {@code /proc/net/route}: Iface, Destination, Gateway (hex, little-endian), …, Mask. */
    static List<Route> parseRoutes(List<String> lines) {
        List<Route> out = new ArrayList<>();
        for (String line : lines.stream().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                String dest = hexAddress(f[1]);
                String gw = hexAddress(f[2]);
                int prefix = Integer.bitCount((int) Long.parseLong(f[7], 16));
                out.add(new Route(f[0], dest, prefix, "0.0.0.0".equals(gw) ? null : gw));
            } catch (NumberFormatException e) {
                // a line this parser does not know: skip it
            }
        }
        return out;
    }

    private static String hexAddress(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    @Override
    public UdpProbe probeUdp(String host, int port, Duration wait) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return new UdpProbe(UdpProbe.Outcome.UNRESOLVED, null, host + " does not resolve on this machine");
        }
        String a = address.getHostAddress();
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(new InetSocketAddress(address, port));
            ch.socket().setSoTimeout((int) Math.max(1, wait.toMillis()));
            // One byte is no valid WireGuard message: a listening peer drops it without a word.
            ch.write(ByteBuffer.wrap(new byte[] {0}));
            try {
                ch.socket().receive(new java.net.DatagramPacket(new byte[64], 64));
                return new UdpProbe(UdpProbe.Outcome.SILENT, a, "something answered on UDP " + a + ":" + port);
            } catch (PortUnreachableException e) {
                return new UdpProbe(UdpProbe.Outcome.REFUSED, a, "UDP " + a + ":" + port
                        + " refused (ICMP port unreachable): nothing listens there");
            } catch (SocketTimeoutException e) {
                return new UdpProbe(UdpProbe.Outcome.SILENT, a, "UDP " + a + ":" + port + " sent, no refusal within "
                        + wait.toMillis() + " ms (WireGuard never answers a stranger, so this is what a listening endpoint looks like)");
            }
        } catch (PortUnreachableException e) {
            return new UdpProbe(UdpProbe.Outcome.REFUSED, a, "UDP " + a + ":" + port
                    + " refused (ICMP port unreachable): nothing listens there");
        } catch (IOException e) {
            return new UdpProbe(UdpProbe.Outcome.UNREACHABLE, a, "UDP " + a + ":" + port + " cannot be sent: " + e.getMessage());
        }
    }
}
