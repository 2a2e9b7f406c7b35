package dev.ponte.rig;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.kube.gefyra.WireGuardKeys;
import dev.ponte.wireguard.Cmd;
import dev.ponte.wireguard.WireGuardGo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster side of the rig: one network namespace playing the cluster's network as Cargo sees it through
 * Stowaway (shared/gefyra-protocol.md 4.6, 7.3), every part real:
 * <ul>
 *   <li>Stowaway's WireGuard end: userspace {@code wireguard-go} with server address {@value #SERVER_CIDR}, listening
 *       on {@value #PORT}, with the operator double's server key; each ACTIVE client is a peer with allowed IPs
 *       {@code <peer address>/32,<client subnet>}, and the client's subnet is routed into the tunnel.</li>
 *   <li>The way in: a veth pair from the host (where the engine's containers are) into the namespace; Cargo's
 *       endpoint is the namespace end, {@link #endpoint()}. The namespace has no default route, so nothing in it can
 *       reach beyond this machine.</li>
 *   <li>Cluster DNS on {@code 192.168.99.1:53}: {@code dnsmasq} answering {@code <service>.<namespace>.svc.cluster.local}
 *       from hosts files (Stowaway's CoreDNS forwards to the cluster DNS, which answers the same).</li>
 *   <li>Cluster services: each Service's ClusterIP on the namespace's loopback, with busybox's httpd on each port
 *       answering {@link #serviceBody}.</li>
 *   <li>Stowaway's proxy routes: per ConfigMap entry {@code <ip>:<port>,<P>} a {@code socat} listening on P that
 *       connects to {@code <ip>:<port>} through the tunnel, as Stowaway's nginx stream server does.</li>
 * </ul>
 * Needs root. Names carry a random suffix; everything made here is listed by {@link #leftovers()} until
 * {@link #close()} removed it.
 */
final class ClusterSide implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSide.class);
    static final String SERVER_CIDR = Gefyra.STOWAWAY_IP + "/24";
    static final int PORT = 51820;
    /** What {@code kubernetes.default.svc.cluster.local} resolves to (no API server listens there). */
    static final String KUBERNETES_IP = "10.96.0.1";
    private static final Duration START = Duration.ofSeconds(10);
    /**
     * Host routes that drop what must only ever travel through the tunnel: Stowaway's network and the Services'
     * range (Kubernetes' default service CIDR, where the mock cluster's ClusterIPs are). Should a broken Cargo or
     * app container send such traffic to the host instead, it ends here rather than on the machine's real network.
     */
    static final List<String> CONTAINED = List.of("192.168.99.0/24", "10.96.0.0/12");

    /** One WireGuard client as Stowaway knows it. */
    record Peer(String publicKey, String presharedKey, String address, String subnet) {
    }

    /** A cluster Service with a ClusterIP. */
    record Service(String namespace, String name, String ip, List<Integer> ports) {
        String host() {
            return name + "." + namespace + ".svc.cluster.local";
        }
    }

    final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    final String namespace = "ponte-rig-" + suffix;
    final String hostLink = "prh" + suffix;
    final String nsLink = "prs" + suffix;
    final String wgLink = "prw" + suffix;
    final String hostIp;
    final String nsIp;
    final WireGuardKeys keys = WireGuardKeys.generate();
    final Path dir;
    private final Path hostsDir;
    private final Path keyFile;
    private WireGuardGo stowaway;
    private Process dnsmasq;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final Map<String, Process> httpd = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<Integer, Process> forwarders = new LinkedHashMap<>();
    private final Map<Integer, String> routes = new LinkedHashMap<>();
    private final Map<String, Process> carriers = new LinkedHashMap<>();
    private final List<Long> started = new ArrayList<>();
    private final List<String> blackholes = new ArrayList<>();
    private boolean closed;

    ClusterSide() throws IOException {
        dir = Files.createTempDirectory("ponte-rig-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        hostsDir = Files.createDirectories(dir.resolve("hosts.d"));
        keyFile = secret("stowaway.key", keys.privateKey());
        String routesNow = Cmd.run("ip", "-4", "route").out();
        String prefix;
        do {
            prefix = "10.213." + ThreadLocalRandom.current().nextInt(256) + ".";
        } while (routesNow.contains(prefix));
        hostIp = prefix + "1";
        nsIp = prefix + "2";
    }

    /** Where Cargo reaches Stowaway: Ponte's {@code cargoEndpoint}. */
    String endpoint() {
        return nsIp + ":" + PORT;
    }

    /** Namespace, veth, DNS and Stowaway's WireGuard end (listening, no peers yet). */
    synchronized void start() throws IOException {
        for (String cidr : CONTAINED) {
            if (Cmd.run("ip", "route", "show", "exact", cidr).out().isBlank()) {
                Cmd.ok("ip", "route", "add", "blackhole", cidr);
                blackholes.add(cidr);
            }
        }
        Cmd.ok("ip", "netns", "add", namespace);
        Cmd.ok("ip", "link", "add", hostLink, "type", "veth", "peer", "name", nsLink, "netns", namespace);
        Cmd.ok("ip", "addr", "add", hostIp + "/30", "dev", hostLink);
        Cmd.ok("ip", "link", "set", hostLink, "up");
        Cmd.ok("ip", "-n", namespace, "addr", "add", nsIp + "/30", "dev", nsLink);
        Cmd.ok("ip", "-n", namespace, "link", "set", nsLink, "up");
        Cmd.ok("ip", "-n", namespace, "link", "set", "lo", "up");
        writeHosts("kubernetes", KUBERNETES_IP + " kubernetes.default.svc.cluster.local\n");
        startStowaway();
        startDns();
    }

    /** The cluster's DNS (what Stowaway's CoreDNS forwards to) comes up. */
    synchronized void startDns() {
        // --bind-dynamic: dnsmasq follows 192.168.99.1 when Stowaway's interface goes and comes back
        dnsmasq = spawn("dnsmasq", List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--no-poll", "--user=root", "--pid-file", "--listen-address=" + Gefyra.STOWAWAY_IP,
                "--bind-dynamic", "--hostsdir=" + hostsDir, "--local=/cluster.local/", "--local=/k8s/",
                "--log-facility=-"));
    }

    /** The cluster's DNS stops (a CoreDNS outage): names no longer resolve through Stowaway. */
    synchronized void stopDns() {
        stop(dnsmasq);
        dnsmasq = null;
    }

    /** Sets the MTU of the link between this machine and the cluster side (both ends), as a VPN in the way would. */
    void linkMtu(int mtu) {
        Cmd.ok("ip", "link", "set", hostLink, "mtu", String.valueOf(mtu));
        Cmd.ok("ip", "-n", namespace, "link", "set", nsLink, "mtu", String.valueOf(mtu));
    }

    /**
     * Drops IP fragments arriving on the cluster side, as many VPNs and firewalls do: with a lowered {@link #linkMtu},
     * WireGuard packets bigger than the link no longer arrive (Cargo's kernel fragments them once it learned the link's MTU, the fragments are dropped).
     * In the raw table's PREROUTING: the kernel puts fragments for this host together before INPUT sees them.
     */
    void dropFragments(boolean on) {
        Cmd.Result r = exec(Duration.ofSeconds(5), "iptables", "-t", "raw", on ? "-I" : "-D", "PREROUTING", "-f", "-j", "DROP");
        if (!r.ok() && on) {
            throw new IllegalStateException("rig: iptables in " + namespace + " failed: " + r.err());
        }
    }

    /** Starts Stowaway's WireGuard end (again) and configures every known peer. */
    synchronized void startStowaway() {
        stowaway = WireGuardGo.start(namespace, wgLink, START);
        started.add(stowaway.pid());
        Cmd.ok("ip", "netns", "exec", namespace, "wg", "set", wgLink, "listen-port", String.valueOf(PORT),
                "private-key", keyFile.toString());
        Cmd.ok("ip", "-n", namespace, "addr", "add", SERVER_CIDR, "dev", wgLink);
        Cmd.ok("ip", "-n", namespace, "link", "set", wgLink, "up");
        peers.values().forEach(this::applyPeer);
    }

    /** Stops Stowaway's WireGuard end, as a Stowaway pod that went away: its interface and routes go with it. */
    synchronized void stopStowaway() throws InterruptedException {
        if (stowaway != null && stowaway.alive()) {
            stowaway.stop(Duration.ofSeconds(5));
        }
        try {
            Files.deleteIfExists(socket()); // left behind only when it had to be killed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized boolean stowawayRunning() {
        return stowaway != null && stowaway.alive();
    }

    /** Makes the peers exactly {@code wanted} (what the operator put into Stowaway's config). */
    synchronized void peers(Collection<Peer> wanted) {
        Map<String, Peer> next = new LinkedHashMap<>();
        wanted.forEach(p -> next.put(p.publicKey(), p));
        for (Peer old : List.copyOf(peers.values())) {
            if (!old.equals(next.get(old.publicKey()))) {
                peers.remove(old.publicKey());
                if (stowawayRunning()) {
                    Cmd.run("ip", "netns", "exec", namespace, "wg", "set", wgLink, "peer", old.publicKey(), "remove");
                    Cmd.run("ip", "-n", namespace, "route", "del", old.subnet(), "dev", wgLink);
                }
                LOG.info("rig: Stowaway peer {} removed", old.address());
            }
        }
        for (Peer p : next.values()) {
            if (!peers.containsKey(p.publicKey())) {
                peers.put(p.publicKey(), p);
                if (stowawayRunning()) {
                    applyPeer(p);
                }
                LOG.info("rig: Stowaway peer {} with subnet {}", p.address(), p.subnet());
            }
        }
    }

    private void applyPeer(Peer p) {
        try {
            Path psk = secret("psk-" + p.address(), p.presharedKey());
            Cmd.ok("ip", "netns", "exec", namespace, "wg", "set", wgLink, "peer", p.publicKey(), "preshared-key",
                    psk.toString(), "allowed-ips", p.address() + "/32," + p.subnet());
            Files.delete(psk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cmd.ok("ip", "-n", namespace, "route", "replace", p.subnet(), "dev", wgLink);
    }

    /** Serves exactly {@code wanted}: addresses, DNS names and one httpd per port. */
    synchronized void services(Collection<Service> wanted) throws IOException {
        Map<String, Service> next = new LinkedHashMap<>();
        wanted.forEach(s -> next.put(s.namespace() + "/" + s.name(), s));
        for (var e : List.copyOf(services.entrySet())) {
            if (!e.getValue().equals(next.get(e.getKey()))) {
                services.remove(e.getKey());
                for (int port : e.getValue().ports()) {
                    stop(httpd.remove(e.getValue().ip() + ":" + port));
                }
            }
        }
        StringBuilder hosts = new StringBuilder();
        for (var e : next.entrySet()) {
            Service s = e.getValue();
            hosts.append(s.ip()).append(' ').append(s.host()).append('\n');
            if (services.containsKey(e.getKey())) {
                continue;
            }
            Cmd.run("ip", "-n", namespace, "addr", "add", s.ip() + "/32", "dev", "lo"); // already there: fine
            Path www = Files.createDirectories(dir.resolve("www").resolve(s.namespace() + "-" + s.name()));
            Files.writeString(www.resolve("index.html"), serviceBody(s));
            for (int port : s.ports()) {
                httpd.put(s.ip() + ":" + port, spawn("httpd-" + s.name() + "-" + port,
                        List.of("busybox", "httpd", "-f", "-p", s.ip() + ":" + port, "-h", www.toString())));
            }
            services.put(e.getKey(), s);
        }
        writeHosts("services", hosts.toString());
    }

    /** The body each cluster service answers. */
    static String serviceBody(Service s) {
        return "cluster service " + s.namespace() + "/" + s.name() + "\n";
    }

    /**
     * Makes Stowaway's proxy routes exactly {@code wanted} (the proxyroutes ConfigMap: any key → {@code <ip>:<port>,<P>}):
     * a forwarder on P for each, and the name of its proxy Service, which selects Stowaway's pod.
     */
    synchronized void routes(Collection<String> wanted) throws IOException {
        Map<Integer, String> next = new LinkedHashMap<>();
        for (String v : wanted) {
            String[] f = v.split(",");
            next.put(Integer.parseInt(f[1].trim()), f[0].trim());
        }
        for (var e : List.copyOf(routes.entrySet())) {
            if (!e.getValue().equals(next.get(e.getKey()))) {
                routes.remove(e.getKey());
                stop(forwarders.remove(e.getKey()));
                Files.deleteIfExists(hostsDir.resolve("proxy-" + e.getKey()));
                LOG.info("rig: proxy route {} -> {} removed", e.getKey(), e.getValue());
            }
        }
        for (var e : next.entrySet()) {
            if (routes.containsKey(e.getKey())) {
                continue;
            }
            int p = e.getKey();
            forwarders.put(p, spawn("forward-" + p, List.of("socat", "TCP-LISTEN:" + p + ",fork,reuseaddr",
                    "TCP:" + e.getValue())));
            writeHosts("proxy-" + p, Gefyra.STOWAWAY_IP + " gefyra-stowaway-proxy-" + p + ".gefyra.svc.cluster.local\n");
            routes.put(p, e.getValue());
            LOG.info("rig: proxy route {} -> {}", p, e.getValue());
        }
    }

    /**
     * Puts {@link Carrier2Standin} in front of a Service's port, as Carrier2 sits in a bridged workload's pods: requests
     * the bridge's {@code rules} match go to Stowaway's proxy route on {@code proxyPort}, all others to the Service's own
     * server, which moves to {@code port + 10000}. Returns once the stand-in accepts connections.
     */
    synchronized void carrier2(String serviceIp, int port, int proxyPort, dev.ponte.core.gefyra.MatchRules rules) throws IOException {
        Service s = services.values().stream().filter(x -> x.ip().equals(serviceIp)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Service at " + serviceIp));
        Path www = dir.resolve("www").resolve(s.namespace() + "-" + s.name());
        stop(httpd.remove(serviceIp + ":" + port));
        int own = port + 10000;
        httpd.put(serviceIp + ":" + own, spawn("httpd-" + s.name() + "-" + own,
                List.of("busybox", "httpd", "-f", "-p", serviceIp + ":" + own, "-h", www.toString())));
        Path rulesFile = dir.resolve("carrier2-" + port + ".rules");
        Files.writeString(rulesFile, Carrier2Standin.write(rules));
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String cp = location(Carrier2Standin.class) + java.io.File.pathSeparator
                + location(dev.ponte.core.bridge.Carrier2Matching.class);
        carriers.put(serviceIp + ":" + port, spawn("carrier2-" + port, List.of(javaBin, "-cp", cp, Carrier2Standin.class.getName(),
                serviceIp, String.valueOf(port), serviceIp + ":" + own, "127.0.0.1:" + proxyPort, rulesFile.toString())));
        try {
            dev.ponte.core.task.Poll.until("the Carrier2 stand-in to listen on " + serviceIp + ":" + port, () ->
                            exec(Duration.ofSeconds(3), "bash", "-c", "exec 3<>/dev/tcp/" + serviceIp + "/" + port).ok() ? Boolean.TRUE : null,
                    Duration.ofSeconds(20), Duration.ofMillis(200), new dev.ponte.core.task.CancellationToken());
        } catch (Exception e) {
            throw new IllegalStateException("rig: the Carrier2 stand-in did not listen on " + serviceIp + ":" + port
                    + " within 20 s; see " + dir.resolve("carrier2-" + port + ".log"), e);
        }
    }

    /** Takes the stand-in away again; the Service's own server answers on its port. */
    synchronized void removeCarrier2(String serviceIp, int port) {
        stop(carriers.remove(serviceIp + ":" + port));
        Service s = services.values().stream().filter(x -> x.ip().equals(serviceIp)).findFirst().orElseThrow();
        stop(httpd.remove(serviceIp + ":" + (port + 10000)));
        httpd.put(serviceIp + ":" + port, spawn("httpd-" + s.name() + "-" + port, List.of("busybox", "httpd", "-f", "-p",
                serviceIp + ":" + port, "-h", dir.resolve("www").resolve(s.namespace() + "-" + s.name()).toString())));
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command inside the namespace (e.g. a request from "inside the cluster"). */
    Cmd.Result exec(Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return Cmd.run(timeout, null, full.toArray(String[]::new));
    }

    /** {@code wg show <if> latest-handshakes} inside the namespace: public key → epoch seconds. */
    Map<String, Long> handshakes() {
        Map<String, Long> out = new LinkedHashMap<>();
        Cmd.Result r = exec(Duration.ofSeconds(5), "wg", "show", wgLink, "latest-handshakes");
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].matches("\\d+")) {
                out.put(f[0], Long.parseLong(f[1]));
            }
        }
        return out;
    }

    private Process spawn(String name, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
            started.add(p.pid());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.getFirst() + " in " + namespace, e);
        }
    }

    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a hosts file for dnsmasq atomically (it reads new and changed files in its hostsdir by itself). */
    private void writeHosts(String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".hosts.tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, hostsDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path secret(String name, String value) throws IOException {
        Path p = dir.resolve(name);
        Files.deleteIfExists(p);
        Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(p, value + "\n");
    }

    private Path socket() {
        return Path.of("/var/run/wireguard", wgLink + ".sock");
    }

    /** Stops every process started here (by its id), removes the namespace (and so the veth), sockets and files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        forwarders.values().forEach(ClusterSide::stop);
        carriers.values().forEach(ClusterSide::stop);
        httpd.values().forEach(ClusterSide::stop);
        stop(dnsmasq);
        try {
            stopStowaway();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // socat's per-connection children, if a connection is still open: they live in this namespace
        for (String pid : Cmd.run("ip", "netns", "pids", namespace).out().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        if (Cmd.run("ip", "netns", "list").out().contains(namespace)) {
            Cmd.run("ip", "netns", "del", namespace);
        }
        Cmd.run("ip", "link", "del", hostLink); // gone with the namespace already, normally
        blackholes.forEach(cidr -> Cmd.run("ip", "route", "del", "blackhole", cidr));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("rig: could not delete {}: {}", dir, e.toString());
        }
    }

    /** Whatever of the cluster side still exists: namespace, links, sockets, processes, files. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        if (Cmd.run("ip", "netns", "list").out().contains(namespace)) {
            left.add("network namespace " + namespace);
        }
        if (Cmd.run("ip", "-o", "link").out().contains(suffix)) {
            left.add("a host link named *" + suffix);
        }
        if (Files.exists(socket())) {
            left.add("socket " + socket());
        }
        for (String cidr : blackholes) {
            if (!Cmd.run("ip", "route", "show", "exact", cidr).out().isBlank()) {
                left.add("host route blackhole " + cidr);
            }
        }
        for (long pid : started) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(h -> left.add("process " + pid + " "
                    + h.info().command().orElse("?")));
        }
        if (Files.exists(dir)) {
            left.add("folder " + dir);
        }
        return left;
    }
}
