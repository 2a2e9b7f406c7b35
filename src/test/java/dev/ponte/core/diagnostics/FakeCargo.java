package dev.ponte.core.diagnostics;

import dev.ponte.core.port.ContainerEngine.ExecResult;
import java.time.Instant;
import java.util.function.Function;

/**
 * Cargo's answers to the diagnostics' commands, with faults: Stowaway away (no handshake, no pings), DNS down, a path
 * that drops packets above {@link #pathLimit} bytes, a local server that does not listen. Other commands go to
 * {@code fallback} (FakePorts' health answers).
 */
public final class FakeCargo implements Function<String, ExecResult> {
    public volatile boolean stowaway = true;
    public volatile boolean dns = true;
    public volatile int tunnelMtu = 1420;
    public volatile int pathLimit = 10_000;
    public volatile boolean busyboxPing;
    public volatile boolean listening = true;
    private final Function<String, ExecResult> fallback;

    public FakeCargo(Function<String, ExecResult> fallback) {
        this.fallback = fallback;
    }

    @Override
    public ExecResult apply(String cmd) {
        long now = Instant.now().getEpochSecond();
        if (cmd.equals("wg show wg0 latest-handshakes")) {
            return new ExecResult(0, "c2VydmVyLXB1YmxpYy1rZXktc2VydmVyLXB1YmxpYzE=\t" + (stowaway ? now - 5 : now - 400) + "\n");
        }
        if (cmd.startsWith("ping ")) {
            if (busyboxPing && cmd.contains("-M do")) {
                return new ExecResult(1, "ping: unrecognized option: M\nBusyBox v1.36.1 multi-call binary.\nUsage: ping [OPTIONS] HOST\n");
            }
            String[] f = cmd.split(" ");
            int size = 56;
            for (int i = 0; i < f.length - 1; i++) {
                if (f[i].equals("-s")) {
                    size = Integer.parseInt(f[i + 1]);
                }
            }
            boolean ok = stowaway && size + 28 <= Math.min(pathLimit, tunnelMtu);
            return new ExecResult(ok ? 0 : 1, ok ? "1 packets transmitted, 1 received" : "1 packets transmitted, 0 received");
        }
        if (cmd.equals("cat /sys/class/net/wg0/mtu")) {
            return new ExecResult(0, tunnelMtu + "\n");
        }
        if (cmd.startsWith("nslookup ")) {
            return dns && stowaway ? new ExecResult(0, "Server:\t\t192.168.99.1\nAddress:\t192.168.99.1:53\n\n"
                    + "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.43.0.1\n")
                    : new ExecResult(1, ";; connection timed out; no servers could be reached\n");
        }
        if (cmd.startsWith("timeout 3 bash -c")) {
            return new ExecResult(listening ? 0 : 1, listening ? "" : "bash: connect: Connection refused");
        }
        return fallback.apply(cmd);
    }
}
