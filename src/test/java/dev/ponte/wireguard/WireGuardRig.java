package dev.ponte.wireguard;

import dev.ponte.core.gefyra.WireGuardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Two network namespaces joined by a veth pair, each with a userspace WireGuard interface: A plays Cargo and is
 * configured from the file Ponte's {@link WireGuardConfig} writes, B plays Stowaway. Names carry a random suffix;
 * all addresses sit inside the namespaces, in 10.199.1.0/24 (veth) and 10.199.2.0/24 (tunnel). The veth pair is
 * created directly inside the namespaces, so the host's own network never sees it.
 */
final class WireGuardRig implements AutoCloseable {
    static final String VETH_A_IP = "10.199.1.1";
    static final String VETH_B_IP = "10.199.1.2";
    static final String TUNNEL_A_IP = "10.199.2.2";
    static final String TUNNEL_B_IP = "10.199.2.1";
    static final int PORT_B = 51820;
    static final int MTU = 1380;
    static final Duration START = Duration.ofSeconds(10);

    final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    final String nsA = "ponte-wga-" + suffix;
    final String nsB = "ponte-wgb-" + suffix;
    final String ifA = "pwa" + suffix;
    final String ifB = "pwb" + suffix;
    final Path dir;
    final String pubA;
    final String pubB;
    private final String privA;
    private final String psk;
    private final Path privBFile;
    private final Path pskFile;
    WireGuardGo wgA;
    WireGuardGo wgB;

    WireGuardRig() throws IOException {
        dir = Files.createTempDirectory("ponte-wg-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        privA = Cmd.ok("wg", "genkey");
        pubA = pub(privA);
        String privB = Cmd.ok("wg", "genkey");
        pubB = pub(privB);
        psk = Cmd.ok("wg", "genpsk");
        privBFile = secret("b.key", privB);
        pskFile = secret("psk", psk);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("ping"), Path.of(Cmd.ok("sh", "-c", "command -v busybox")));
    }

    /** Namespaces, veth, and both wireguard-go processes listening on their control sockets. */
    void createNetwork() {
        Cmd.ok("ip", "netns", "add", nsA);
        Cmd.ok("ip", "netns", "add", nsB);
        Cmd.ok("ip", "link", "add", "va" + suffix, "netns", nsA, "type", "veth", "peer", "name", "vb" + suffix,
                "netns", nsB);
        Cmd.ok("ip", "-n", nsA, "addr", "add", VETH_A_IP + "/24", "dev", "va" + suffix);
        Cmd.ok("ip", "-n", nsB, "addr", "add", VETH_B_IP + "/24", "dev", "vb" + suffix);
        for (String[] l : new String[][] {{nsA, "va" + suffix}, {nsB, "vb" + suffix}, {nsA, "lo"}, {nsB, "lo"}}) {
            Cmd.ok("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        wgA = WireGuardGo.start(nsA, ifA, START);
        startB();
    }

    /** B as Stowaway is set up: a listening server that learns A's endpoint from A's handshake. */
    void startB() {
        wgB = WireGuardGo.start(nsB, ifB, START);
        Cmd.ok("ip", "netns", "exec", nsB, "wg", "set", ifB, "listen-port", String.valueOf(PORT_B),
                "private-key", privBFile.toString(), "peer", pubA, "preshared-key", pskFile.toString(),
                "allowed-ips", TUNNEL_A_IP + "/32");
        Cmd.ok("ip", "-n", nsB, "addr", "add", TUNNEL_B_IP + "/24", "dev", ifB);
        Cmd.ok("ip", "-n", nsB, "link", "set", ifB, "up");
    }

    /** The providerConfig the operator would hand out for A, with B's key as the server's. */
    Map<String, String> providerConfig() {
        return Map.of("Interface.Address", TUNNEL_A_IP, "Interface.PrivateKey", privA, "Interface.DNS", TUNNEL_B_IP,
                "Interface.ListenPort", "51820", "Peer.PublicKey", pubB, "Peer.PresharedKey", psk,
                "Peer.Endpoint", ":31820", "Peer.AllowedIPs", "0.0.0.0/0, ::/0");
    }

    /**
     * Writes A's config with Ponte, applies its [Interface]/[Peer] keys with {@code wg-quick strip} +
     * {@code wg setconf} (PreUp/PostUp/DNS are wg-quick's and skipped), then Address and MTU as wg-quick would,
     * with a route to B's tunnel address instead of wg-quick's 0.0.0.0/0 policy routing (see {@link #bringAUp}).
     * wireguard-go's device is up from its start, so A sends its first handshake initiation right at setconf.
     */
    Path configureAFromPonte() throws IOException {
        WireGuardConfig config = WireGuardConfig.of(providerConfig(), VETH_B_IP + ":" + PORT_B, OptionalInt.of(MTU));
        Path file = dir.resolve(ifA + ".conf");
        config.write(file);
        Path stripped = Files.writeString(dir.resolve("a.stripped"), Cmd.ok("wg-quick", "strip", file.toString()));
        Cmd.ok("ip", "netns", "exec", nsA, "wg", "setconf", ifA, stripped.toString());
        Cmd.ok("ip", "-n", nsA, "addr", "add", config.address() + "/32", "dev", ifA);
        Cmd.ok("ip", "-n", nsA, "link", "set", ifA, "mtu", String.valueOf(config.mtu().orElseThrow()));
        return file;
    }

    void bringAUp() {
        Cmd.ok("ip", "-n", nsA, "link", "set", ifA, "up");
        Cmd.ok("ip", "-n", nsA, "route", "add", TUNNEL_B_IP + "/32", "dev", ifA);
    }

    Path stalePath(String iface) {
        return Path.of("/var/run/wireguard", iface + ".sock");
    }

    /** Stops everything this rig started and removes what it made; returns what could not be removed. */
    @Override
    public void close() {
        for (WireGuardGo wg : new WireGuardGo[] {wgA, wgB}) {
            if (wg != null) {
                try {
                    wg.stop(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (String ns : List.of(nsA, nsB)) {
            if (Cmd.run("ip", "netns", "list").out().contains(ns)) {
                Cmd.run("ip", "netns", "del", ns);
            }
        }
        try {
            Files.deleteIfExists(stalePath(ifA));
            Files.deleteIfExists(stalePath(ifB));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Anything of this rig that still exists: namespaces, sockets, processes, host links, files. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        String netns = Cmd.run("ip", "netns", "list").out();
        Stream.of(nsA, nsB).filter(netns::contains).forEach(ns -> left.add("namespace " + ns));
        Stream.of(ifA, ifB).filter(i -> Files.exists(stalePath(i))).forEach(i -> left.add("socket of " + i));
        Stream.of(wgA, wgB).filter(w -> w != null && w.alive()).forEach(w -> left.add("wireguard-go pid " + w.pid()));
        if (Cmd.run("ip", "-o", "link").out().contains(suffix)) {
            left.add("a host link named *" + suffix);
        }
        if (Files.exists(dir)) {
            left.add("folder " + dir);
        }
        return left;
    }

    private String pub(String privateKey) {
        Cmd.Result r = Cmd.run(Cmd.DEFAULT_TIMEOUT, privateKey + "\n", "wg", "pubkey");
        if (!r.ok()) {
            throw new AssertionError("wg pubkey failed: " + r.err());
        }
        return r.out().strip();
    }

    private Path secret(String name, String value) throws IOException {
        Path p = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(p, value + "\n");
    }
}
