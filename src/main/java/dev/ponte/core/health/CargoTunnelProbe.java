package dev.ponte.core.health;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.health.WgShowParser.PeerStats;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.Container;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at a Gefyra connection's tunnel from inside its Cargo container, with one exec per sample (each exec
 * through Podman's socket leaves a conmon behind for a while, so one, not three):
 * {@code date +%s}, {@code wg show wg0 latest-handshakes} and {@code transfer}, then Gefyra's own probe
 * {@code timeout 1 ping -c 1 192.168.99.1} (upstream {@code client/gefyra/local/cargo.py},
 * {@code probe_wireguard_connection}). Never {@code wg show dump}: it prints the private key.
 *
 * <p>The handshake time is taken relative to Cargo's own clock, so a container VM whose clock drifted from the
 * host's (Docker Desktop after sleep) doesn't age or rejuvenate the handshake.
 */
public final class CargoTunnelProbe implements TunnelProbe {
    /** wg-quick names the interface after the mounted file, {@code /config/wg0.conf}. */
    public static final String INTERFACE = "wg0";
    static final Duration EXEC_TIMEOUT = Duration.ofSeconds(5);
    static final String SCRIPT = script(INTERFACE, Gefyra.STOWAWAY_IP);
    private static final Pattern CLOCK = Pattern.compile("\\A\\s*(\\d{1,12})\\s*$", Pattern.MULTILINE);
    private static final Pattern WG_RC = Pattern.compile("^wg=(\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern PING_RC = Pattern.compile("^ping=(\\d+)\\s*$", Pattern.MULTILINE);

    private final ContainerEngine engine;
    private final String cargo;
    private final String peerPublicKey;
    private final BooleanSupplier apiReachable;
    private final Clock clock;

    /**
     * @param cargo         Cargo's container name ({@code gefyra-cargo-<connection>})
     * @param peerPublicKey Stowaway's public key ({@code Peer.PublicKey}), or null for Cargo's only peer
     * @param apiReachable  whether the cluster's API server answers (bounded by its own timeout)
     */
    public CargoTunnelProbe(ContainerEngine engine, String cargo, String peerPublicKey, BooleanSupplier apiReachable,
                            Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.cargo = Objects.requireNonNull(cargo, "cargo");
        this.peerPublicKey = peerPublicKey;
        this.apiReachable = Objects.requireNonNull(apiReachable, "apiReachable");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TunnelSample sample() {
        Instant at = clock.instant();
        boolean api = api();
        Optional<Container> container;
        try {
            container = engine.container(cargo);
        } catch (RuntimeException e) {
            return new TunnelSample(at, null, 0, 0, false, api, "the container engine did not answer: " + message(e));
        }
        if (container.isEmpty()) {
            return TunnelSample.cargoGone(at, api, "container " + cargo + " does not exist");
        }
        if (!container.get().running()) {
            return TunnelSample.cargoGone(at, api, "container " + cargo + " is " + container.get().state());
        }
        ExecResult r;
        try {
            r = engine.exec(cargo, EXEC_TIMEOUT, "sh", "-c", SCRIPT);
        } catch (RuntimeException e) {
            return new TunnelSample(at, null, 0, 0, false, api, "could not run a check in Cargo: " + message(e));
        }
        return read(at, r.output(), peerPublicKey, api);
    }

    /**
     * The shell script one sample runs (POSIX sh, busybox or coreutils): Cargo's clock, the peer's handshake and
     * counters, and one ping of {@code pingTarget} with Gefyra's 1 s timeout, each result on a marked line.
     */
    public static String script(String iface, String pingTarget) {
        return "date +%s; wg show " + iface + " latest-handshakes 2>&1 && wg show " + iface + " transfer 2>&1; "
                + "echo \"wg=$?\"; timeout 1 ping -c 1 " + pingTarget + " >/dev/null 2>&1; echo \"ping=$?\"";
    }

    /**
     * Reads the output of {@link #script}.
     *
     * @param at            when the sample was taken, on the host's clock
     * @param peerPublicKey the peer to read, or null for the only one
     */
    public static TunnelSample read(Instant at, String output, String peerPublicKey, boolean apiReachable) {
        String out = output == null ? "" : output;
        boolean pingOk = code(PING_RC, out) == 0;
        int wgRc = code(WG_RC, out);
        Optional<PeerStats> peer = WgShowParser.peer(out, peerPublicKey);
        if (wgRc != 0 || peer.isEmpty()) {
            String why = wgRc != 0 ? "wg show failed" + (wgRc > 0 ? " (exit " + wgRc + ")" : "")
                    : "WireGuard has no peer " + (peerPublicKey == null ? "" : peerPublicKey);
            return new TunnelSample(at, null, 0, 0, pingOk, apiReachable, why.strip());
        }
        PeerStats p = peer.get();
        return new TunnelSample(at, handshake(at, p.latestHandshake(), out), p.rxBytes(), p.txBytes(), pingOk,
                apiReachable, null);
    }

    /** The handshake on the host's clock: now minus the age Cargo's clock gives it. */
    static Instant handshake(Instant at, Instant cargoHandshake, String out) {
        if (cargoHandshake == null) {
            return null;
        }
        Matcher m = CLOCK.matcher(out);
        if (!m.find()) {
            return cargoHandshake;
        }
        long ageSeconds = Math.max(0, Long.parseLong(m.group(1)) - cargoHandshake.getEpochSecond());
        return at.minusSeconds(ageSeconds);
    }

    private boolean api() {
        try {
            return apiReachable.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int code(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
