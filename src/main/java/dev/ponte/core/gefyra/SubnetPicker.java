package dev.ponte.core.gefyra;

import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the subnet of a connection network the way upstream does (shared/gefyra-protocol.md 5.1;
 * {@code client/gefyra/local/networking.py} {@code _get_subnet}): create throw-away networks
 * {@code <name>-<i>}, let the engine pick each one's subnet, take the first that is free, delete them all.
 * "Free" is stricter than upstream's string comparison: a subnet must not overlap a banned one (ACTIVE
 * clients' subnets, those the webhook refused), another engine network, or a local route from
 * {@code /proc/net/route} (another engine's bridge, a VPN); the default route does not count.
 */
public final class SubnetPicker {
    /** The host's IPv4 routes in {@code /proc/net/route} format (header line first); empty where there is none. */
    @FunctionalInterface
    public interface RouteTable {
        List<String> lines() throws IOException;
    }

    /** Upstream tries up to 255 throw-away networks and stops at the first free one. */
    public static final int UPSTREAM_PROPOSALS = 255;

    private final RouteTable routeTable;

    public SubnetPicker(RouteTable routeTable) {
        this.routeTable = routeTable;
    }

    /** Reads Linux's {@code /proc/net/route}; elsewhere (macOS, Windows: the engine runs in a VM) no routes. */
    public static SubnetPicker forThisHost() {
        Path proc = Path.of("/proc/net/route");
        return new SubnetPicker(() -> Files.isReadable(proc) ? Files.readAllLines(proc) : List.of());
    }

    /** The host's routes, without the default route. */
    public List<Cidr> routes() {
        try {
            return parseRoutes(routeTable.lines());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the host's routing table", e);
        }
    }

    /**
     * Lets the engine propose subnets through throw-away networks {@code <networkName>-<i>} (names that
     * already exist are skipped, as upstream does on 409) and returns the first acceptable one. Every
     * throw-away network is removed again, also on failure.
     *
     * @param banned      subnets the cluster must not get: ACTIVE clients' and those the webhook refused
     * @param labels      labels for the throw-away networks (so a crash leaves findable leftovers)
     * @param maxProposals at most this many throw-away networks
     */
    public String propose(ContainerEngine engine, String networkName, Collection<String> banned,
                          Map<String, String> labels, int maxProposals) {
        List<Cidr> routes = routes(); // before the throw-away bridges add routes of their own
        List<ContainerEngine.Network> existing = engine.networks();
        Set<String> names = new HashSet<>();
        List<String> taken = new ArrayList<>();
        for (ContainerEngine.Network n : existing) {
            names.add(n.name());
            taken.addAll(n.subnets());
        }
        List<String> temporary = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String chosen = null;
        try {
            for (int i = 0; i < maxProposals && chosen == null; i++) {
                String name = networkName + "-" + i;
                if (names.contains(name)) {
                    continue;
                }
                ContainerEngine.Network n = engine.createNetwork(name, null, labels);
                temporary.add(name);
                Optional<String> subnet = n.subnets().stream().filter(s -> s.contains(".")).findFirst();
                subnet.ifPresent(seen::add);
                if (subnet.isPresent() && refusal(subnet.get(), taken, banned, routes).isEmpty()) {
                    chosen = subnet.get();
                }
            }
        } catch (RuntimeException e) {
            removeAll(engine, temporary, e);
            throw e;
        }
        removeAll(engine, temporary, null);
        if (chosen != null) {
            return chosen;
        }
        throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "The container engine offers no free subnet",
                "The engine proposed " + seen + "; each is banned " + banned + ", used by another network or"
                        + " overlaps a local route.",
                "Remove unused networks (docker network prune) or disconnect other clients, then connect again."));
    }

    /** Removes every network in {@code names}; the first failure is thrown (or added to {@code primary}). */
    private static void removeAll(ContainerEngine engine, List<String> names, RuntimeException primary) {
        RuntimeException first = null;
        for (String name : names) {
            try {
                engine.removeNetwork(name);
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Why {@code subnet} can't be used, or empty when it can.
     *
     * @param engineSubnets subnets of the engine's other networks
     * @param banned        ACTIVE clients' subnets and the webhook's refusals
     * @param routes        the host's routes ({@link #routes()})
     */
    public static Optional<String> refusal(String subnet, Collection<String> engineSubnets, Collection<String> banned,
                                           List<Cidr> routes) {
        Cidr c = Cidr.parse(subnet);
        for (String b : banned) {
            if (Cidr.tryParse(b).filter(c::overlaps).isPresent()) {
                return Optional.of(subnet + " overlaps " + b + ", which the cluster has refused or another client uses");
            }
        }
        for (String s : engineSubnets) {
            if (Cidr.tryParse(s).filter(c::overlaps).isPresent()) {
                return Optional.of(subnet + " overlaps the engine network on " + s);
            }
        }
        for (Cidr r : routes) {
            if (c.overlaps(r)) {
                return Optional.of(subnet + " overlaps the local route to " + r);
            }
        }
        return Optional.empty();
    }

    /** Routes from {@code /proc/net/route} lines (hex, little-endian); the default route (mask 0) is left out. */
    public static List<Cidr> parseRoutes(List<String> lines) {
        List<Cidr> routes = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[1].matches("[0-9A-Fa-f]{8}") || !f[7].matches("[0-9A-Fa-f]{8}")) {
                continue; // the header, or a malformed line
            }
            int dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
            int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
            if (mask != 0) {
                routes.add(new Cidr(dest & mask, Integer.bitCount(mask)));
            }
        }
        return routes;
    }

    /** An IPv4 network: {@code address} is the network address as a 32-bit int. */
    public record Cidr(int address, int prefix) {
        public Cidr {
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("prefix " + prefix);
            }
            address = address & mask(prefix);
        }

        public static Cidr parse(String cidr) {
            return tryParse(cidr).orElseThrow(() -> new IllegalArgumentException("not an IPv4 CIDR: " + cidr));
        }

        public static Optional<Cidr> tryParse(String cidr) {
            String[] parts = cidr == null ? new String[0] : cidr.trim().split("/");
            String[] octets = parts.length == 0 ? new String[0] : parts[0].split("\\.");
            if (parts.length > 2 || octets.length != 4) {
                return Optional.empty();
            }
            try {
                int a = 0;
                for (String o : octets) {
                    int v = Integer.parseInt(o);
                    if (v < 0 || v > 255) {
                        return Optional.empty();
                    }
                    a = (a << 8) | v;
                }
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
                return prefix < 0 || prefix > 32 ? Optional.empty() : Optional.of(new Cidr(a, prefix));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        public boolean overlaps(Cidr other) {
            int m = mask(Math.min(prefix, other.prefix));
            return (address & m) == (other.address & m);
        }

        private static int mask(int prefix) {
            return prefix == 0 ? 0 : -1 << (32 - prefix);
        }

        @Override
        public String toString() {
            return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                    + (address & 255) + "/" + prefix;
        }
    }
}
