package dev.ponte.core.diagnostics;

import dev.ponte.core.port.HostNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** This machine's network in memory: interfaces, routes, and what a UDP probe of Stowaway's endpoint meets. */
public final class FakeHost implements HostNetwork {
    public final List<Interface> interfaces = new ArrayList<>(List.of(
            new Interface("lo", 65536, true, true, false, List.of("127.0.0.1")),
            new Interface("eth0", 1500, true, false, false, List.of("192.168.1.20"))));
    public final List<Route> routes = new ArrayList<>(List.of(
            new Route("eth0", "0.0.0.0", 0, "192.168.1.1"),
            new Route("eth0", "192.168.1.0", 24, null)));
    public volatile UdpProbe.Outcome udp = UdpProbe.Outcome.SILENT;

    @Override
    public List<Interface> interfaces() {
        return List.copyOf(interfaces);
    }

    @Override
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public UdpProbe probeUdp(String host, int port, Duration wait) {
        return new UdpProbe(udp, host, switch (udp) {
            case SILENT -> "UDP " + host + ":" + port + " sent, no refusal";
            case REFUSED -> "UDP " + host + ":" + port + " refused (ICMP port unreachable): nothing listens there";
            case UNRESOLVED -> host + " does not resolve on this machine";
            case UNREACHABLE -> "UDP " + host + ":" + port + " cannot be sent: no route";
        });
    }

    /** A VPN in the way to {@code 172.17.0.0/16} (the fake Cargo endpoint) with this MTU. */
    public void vpn(int mtu) {
        interfaces.add(new Interface("tun0", mtu, true, false, true, List.of("10.8.0.2")));
        routes.add(new Route("tun0", "172.17.0.0", 16, null));
    }
}
