package dev.ponte.core.diagnostics;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.HostNetwork;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** The lines about the way to Stowaway: its UDP endpoint, the cluster DNS through the tunnel, and the MTU. */
final class TunnelChecks {
    static final String STOWAWAY = "Stowaway's WireGuard endpoint";
    static final String DNS = "Cluster DNS through Cargo";
    static final String MTU = "MTU through the tunnel";
    /** A handshake older than this means the tunnel is down (WireGuard re-keys every 2 minutes while it carries data). */
    static final Duration STALE = Duration.ofSeconds(180);
    static final Duration PROBE_WAIT = Duration.ofMillis(1500);

    /** The MTU line and what it suggests. */
    record MtuResult(Check check, OptionalInt suggested) {
    }

    private TunnelChecks() {
    }

    static Check stowaway(HostNetwork host, String endpoint, CargoShell cargo, Clock clock) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        if (colon <= 0 || !endpoint.substring(colon + 1).matches("\\d{1,5}")) {
            return Check.failed(Checks.STOWAWAY, STOWAWAY, "no usable endpoint (host:port) for Cargo: " + endpoint,
                    "Set cargoEndpoint (or cargoEndpoints for this context) in Ponte's settings to host:port of Stowaway's Service.");
        }
        String h = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(endpoint.substring(colon + 1));
        HostNetwork.UdpProbe probe = host.probeUdp(h, port, PROBE_WAIT);
        List<String> evidence = new ArrayList<>();
        evidence.add("from this machine: " + probe.detail());
        String fixRefused = "Stowaway is not running or its Service does not lead to it: kubectl -n gefyra get pod "
                + "gefyra-stowaway-0, and the Service gefyra-stowaway-wireguard (UDP " + Gefyra.DEFAULT_NODE_PORT
                + " NodePort by default); a firewall may also drop UDP to " + endpoint + ". The endpoint comes from Ponte's "
                + "settings (cargoEndpoint, cargoEndpoints).";
        Boolean pings = null;
        OptionalLong handshake = OptionalLong.empty();
        if (cargo != null) {
            handshake = cargo.latestHandshake();
            pings = cargo.ping(56) || cargo.ping(56);
            evidence.add("Cargo's last handshake: " + (handshake.isEmpty() ? "none"
                    : (clock.instant().getEpochSecond() - handshake.getAsLong()) + " s ago"));
            evidence.add("ping " + Gefyra.STOWAWAY_IP + " through the tunnel: " + (pings ? "answered" : "no answer"));
        }
        String text = String.join("\n", evidence);
        switch (probe.outcome()) {
            case UNRESOLVED -> {
                return Check.failed(Checks.STOWAWAY, STOWAWAY, text, "The endpoint's host name does not resolve here: "
                        + "fix cargoEndpoint in Ponte's settings, or your DNS/VPN.");
            }
            case REFUSED -> {
                return Check.failed(Checks.STOWAWAY, STOWAWAY, text, fixRefused);
            }
            case UNREACHABLE -> {
                return Check.failed(Checks.STOWAWAY, STOWAWAY, text, "This machine has no way to " + endpoint
                        + " (no route): connect the VPN the cluster needs, or fix cargoEndpoint in Ponte's settings.");
            }
            case SILENT -> { }
        }
        if (cargo == null) {
            return Check.ok(Checks.STOWAWAY, STOWAWAY, text + "\n(the tunnel itself is checked once connected)");
        }
        boolean fresh = handshake.isPresent()
                && clock.instant().getEpochSecond() - handshake.getAsLong() <= STALE.toSeconds();
        if (pings && fresh) {
            return Check.ok(Checks.STOWAWAY, STOWAWAY, text);
        }
        return Check.failed(Checks.STOWAWAY, STOWAWAY, text, pings ? "The handshake is stale although pings pass: "
                + "Reconnect makes a new Cargo." : fixRefused + " Once it answers, the tunnel recovers by itself within seconds.");
    }

    static Check dns(CargoShell cargo) {
        if (cargo == null) {
            return Check.notChecked(Checks.DNS, DNS, "needs a connection: the cluster's DNS is reached through the tunnel");
        }
        long t0 = System.nanoTime();
        ContainerEngine.ExecResult r = cargo.lookup();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String answer = answer(r.output());
        if (r.exitCode() == 0 && answer != null) {
            return Check.ok(Checks.DNS, DNS, CargoShell.CLUSTER_NAME + " → " + answer + " via " + Gefyra.STOWAWAY_IP
                    + " in " + ms + " ms");
        }
        String out = r.output().strip().replace('\n', ' ');
        return Check.failed(Checks.DNS, DNS, "nslookup " + CargoShell.CLUSTER_NAME + " " + Gefyra.STOWAWAY_IP + " in Cargo: exit "
                        + r.exitCode() + " after " + ms + " ms" + (out.isEmpty() ? "" : ": " + abbreviate(out)),
                "Stowaway's DNS forwards to the cluster's DNS (CoreDNS): kubectl -n kube-system get pods -l k8s-app=kube-dns. "
                        + "If Stowaway itself does not answer, the Stowaway line says so.");
    }

    /** The address after the "Name:" line of an nslookup answer. */
    static String answer(String nslookup) {
        boolean named = false;
        for (String line : nslookup.split("\n")) {
            String l = line.trim();
            if (l.startsWith("Name:")) {
                named = true;
            } else if (named && l.startsWith("Address")) {
                String v = l.substring(l.indexOf(':') + 1).trim();
                return v.contains(" ") ? v.substring(0, v.indexOf(' ')) : v;
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    static MtuResult mtu(HostNetwork host, String endpoint, CargoShell cargo) {
        List<HostNetwork.Interface> interfaces;
        List<HostNetwork.Route> routes;
        try {
            interfaces = host.interfaces();
            routes = host.routes();
        } catch (RuntimeException e) {
            interfaces = List.of();
            routes = List.of();
        }
        String endpointHost = endpoint == null || endpoint.lastIndexOf(':') <= 0 ? null : endpoint.substring(0, endpoint.lastIndexOf(':'));
        String address = endpointHost;
        if (endpointHost != null && MtuAdvice.ipv4(endpointHost) < 0) {
            try {
                address = java.net.InetAddress.getByName(endpointHost).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                address = null;
            }
        }
        var path = address == null ? java.util.Optional.<MtuAdvice.Path>empty() : MtuAdvice.pathTo(address, routes, interfaces);
        List<HostNetwork.Interface> vpn = MtuAdvice.vpnLike(interfaces);
        List<String> evidence = new ArrayList<>();
        path.ifPresent(p -> evidence.add("this machine reaches " + endpoint + " through " + MtuAdvice.describe(p.iface())
                + (p.route() != null && p.route().gateway() != null ? " via " + p.route().gateway() : "")));
        if (!vpn.isEmpty()) {
            evidence.add("VPN-like interfaces with a smaller MTU: " + vpn.stream().map(MtuAdvice::describe)
                    .collect(Collectors.joining(", ")) + "; routes through them: " + routes.stream()
                    .filter(r -> vpn.stream().anyMatch(v -> v.name().equals(r.iface())))
                    .map(r -> r.destination() + "/" + r.prefix() + " dev " + r.iface()).limit(8).collect(Collectors.joining(", ")));
        }
        OptionalInt pathMtu = path.map(p -> OptionalInt.of(p.iface().mtu())).orElse(OptionalInt.empty());
        if (cargo == null) {
            OptionalInt s = MtuAdvice.suggest(OptionalInt.empty(), OptionalInt.empty(), pathMtu);
            evidence.add("the tunnel is measured once connected");
            if (s.isPresent()) {
                return new MtuResult(Check.warning(Checks.MTU, MTU, String.join("\n", evidence),
                        "The way to Stowaway carries at most " + pathMtu.getAsInt() + " bytes; WireGuard's default tunnel MTU (1420) "
                                + "plus its 80 bytes do not fit. Connect with MTU " + s.getAsInt() + " (Apply MTU)."), s);
            }
            return new MtuResult(Check.notChecked(Checks.MTU, MTU, String.join("\n", evidence)), OptionalInt.empty());
        }
        OptionalInt tunnel = cargo.tunnelMtu();
        if (tunnel.isEmpty()) {
            evidence.add("wg0's MTU could not be read in Cargo (no tunnel interface)");
            return new MtuResult(Check.notChecked(Checks.MTU, MTU, String.join("\n", evidence)), OptionalInt.empty());
        }
        int mtu = tunnel.getAsInt();
        evidence.add(0, "wg0 in Cargo: MTU " + mtu);
        if (!(cargo.ping(56) || cargo.ping(56))) {
            evidence.add("Stowaway does not answer small pings: the path MTU cannot be measured now");
            return new MtuResult(Check.notChecked(Checks.MTU, MTU, String.join("\n", evidence)), OptionalInt.empty());
        }
        List<String> tried = new ArrayList<>();
        int full = mtu - 28;
        boolean fullPasses = passes(cargo, full, tried);
        String how = cargo.dontFragment() ? "ping -M do (don't fragment)"
                : "ping without a don't-fragment option (busybox); each probe fits wg0, so Cargo never fragments it";
        if (fullPasses) {
            evidence.add("a " + mtu + "-byte packet crosses the tunnel (" + how + ")");
            return new MtuResult(Check.ok(Checks.MTU, MTU, String.join("\n", evidence)), OptionalInt.empty());
        }
        int lo = 56;
        int hi = full;
        while (hi - lo > 8) {
            int mid = (lo + hi) / 2;
            if (passes(cargo, mid, tried)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int largest = lo + 28;
        OptionalInt s = MtuAdvice.suggest(tunnel, OptionalInt.of(largest), pathMtu);
        evidence.add("packets up to " + largest + " bytes cross the tunnel, " + (hi + 28) + " and larger are lost (" + how
                + "; tried " + String.join(", ", tried) + ")");
        return new MtuResult(Check.failed(Checks.MTU, MTU, String.join("\n", evidence),
                "Something on the way to Stowaway (often a VPN) carries fewer bytes than wg0's MTU " + mtu + " plus WireGuard's "
                        + "overhead, and drops the rest: large requests and responses hang. Apply MTU " + s.orElse(largest)
                        + " (a new Cargo and network with that MTU; upstream's --mtu)."), s);
    }

    /** One probe size; a lost ping is tried once more (a single loss is no verdict). */
    private static boolean passes(CargoShell cargo, int payload, List<String> tried) {
        boolean ok = cargo.ping(payload) || cargo.ping(payload);
        tried.add((payload + 28) + (ok ? " ok" : " lost"));
        return ok;
    }
}
