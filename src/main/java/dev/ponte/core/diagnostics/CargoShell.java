package dev.ponte.core.diagnostics;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.port.ContainerEngine;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the diagnostics run inside Cargo (upstream's Cargo image: Alpine with bash, iputils' ping, busybox; the rig's:
 * bash, busybox, curl), each through the engine's exec with a short deadline. Values that reach a command line are
 * passed as separate arguments, never through a shell string.
 */
final class CargoShell {
    static final Duration EXEC = Duration.ofSeconds(8);
    static final String CLUSTER_NAME = "kubernetes.default.svc.cluster.local";

    private final ContainerEngine engine;
    private final String cargo;
    private Boolean dfOption;

    CargoShell(ContainerEngine engine, String cargo) {
        this.engine = engine;
        this.cargo = cargo;
    }

    ContainerEngine.ExecResult run(String... command) {
        return engine.exec(cargo, EXEC, command);
    }

    /** Epoch seconds of wg0's latest handshake; empty when there was none. */
    OptionalLong latestHandshake() {
        ContainerEngine.ExecResult r = run("wg", "show", "wg0", "latest-handshakes");
        if (r.exitCode() != 0) {
            return OptionalLong.empty();
        }
        for (String line : r.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].matches("\\d+") && Long.parseLong(f[1]) > 0) {
                return OptionalLong.of(Long.parseLong(f[1]));
            }
        }
        return OptionalLong.empty();
    }

    /** wg0's MTU as upstream reads it back ({@code /sys/class/net/wg0/mtu}). */
    OptionalInt tunnelMtu() {
        ContainerEngine.ExecResult r = run("cat", "/sys/class/net/wg0/mtu");
        String v = r.output().strip();
        return r.exitCode() == 0 && v.matches("\\d{3,5}") ? OptionalInt.of(Integer.parseInt(v)) : OptionalInt.empty();
    }

    /** One ping of Stowaway with {@code payload} data bytes (don't-fragment where this ping can set it). */
    boolean ping(int payload) {
        if (dfOption == null) {
            ContainerEngine.ExecResult probe = run("ping", "-M", "do", "-c", "1", "-W", "1", "-s", "56", Gefyra.STOWAWAY_IP);
            String out = probe.output().toLowerCase(java.util.Locale.ROOT);
            dfOption = !(out.contains("unrecognized option") || out.contains("invalid option") || out.contains("usage"));
        }
        ContainerEngine.ExecResult r = dfOption
                ? run("ping", "-M", "do", "-c", "1", "-W", "1", "-s", String.valueOf(payload), Gefyra.STOWAWAY_IP)
                : run("ping", "-c", "1", "-W", "1", "-s", String.valueOf(payload), Gefyra.STOWAWAY_IP);
        return r.exitCode() == 0;
    }

    /** Whether Cargo's ping sets don't-fragment ({@code -M do}, iputils) or cannot (busybox); known after the first ping. */
    boolean dontFragment() {
        return Boolean.TRUE.equals(dfOption);
    }

    /** nslookup of a cluster name through Stowaway's DNS; the output (exit code first). */
    ContainerEngine.ExecResult lookup() {
        return run("nslookup", CLUSTER_NAME, Gefyra.STOWAWAY_IP);
    }

    /** A TCP connect from Cargo to {@code ip:port} (bash's /dev/tcp; Cargo routes the connection network directly). */
    boolean answers(String ip, int port) {
        ContainerEngine.ExecResult r = run("timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/\"$1\"/\"$2\"", "probe", ip,
                String.valueOf(port));
        return r.exitCode() == 0;
    }
}
