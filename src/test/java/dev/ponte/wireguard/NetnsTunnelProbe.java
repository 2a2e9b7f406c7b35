package dev.ponte.wireguard;

import dev.ponte.core.health.CargoTunnelProbe;
import dev.ponte.core.health.TunnelProbe;
import dev.ponte.core.health.TunnelSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The rig's stand-in for {@link CargoTunnelProbe}: the same script and the same reading of its output, run with
 * {@code ip netns exec} in A's namespace instead of {@code docker exec} in Cargo ({@code ping} is busybox's, as in
 * Cargo's Alpine image). The cluster API is not part of this rig, so it always counts as reachable.
 */
final class NetnsTunnelProbe implements TunnelProbe {
    private final WireGuardRig rig;
    private final Clock clock;
    private final String script;

    NetnsTunnelProbe(WireGuardRig rig, Clock clock) {
        this.rig = rig;
        this.clock = clock;
        this.script = CargoTunnelProbe.script(rig.ifA, WireGuardRig.TUNNEL_B_IP);
    }

    @Override
    public TunnelSample sample() {
        Instant at = clock.instant();
        Cmd.Result r = Cmd.run(Duration.ofSeconds(5), null, "ip", "netns", "exec", rig.nsA, "env",
                "PATH=" + rig.dir.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin", "sh", "-c", script);
        if (!r.ok()) {
            return new TunnelSample(at, null, 0, 0, false, true, "ip netns exec failed: " + r.err().strip());
        }
        return CargoTunnelProbe.read(at, r.out(), rig.pubB, true);
    }
}
