package dev.ponte.core.connections;

import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the machine woke from sleep (the wall clock jumped past a tick by far more than the tick) or the
 * network changed (this host's addresses are not the same as a tick ago), and says so at once, so every tunnel is
 * checked right away instead of at its next sample.
 */
public final class WakeWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WakeWatch.class);
    static final Duration TICK = Duration.ofSeconds(5);
    /** A tick that came this much later than planned means the machine slept (or was frozen) meanwhile. */
    static final Duration SLEPT = Duration.ofSeconds(15);

    private static final java.util.regex.Pattern ENGINE_LINKS =
            java.util.regex.Pattern.compile("veth|br-|docker|podman|cni|vnet|virbr|flannel|cali");

    private final Scheduler scheduler;
    private final Clock clock;
    private final Supplier<Set<String>> addresses;
    private final Runnable onChange;
    private final Object lock = new Object();
    private Instant last;
    private Set<String> lastAddresses;
    private Subscription pending;
    private boolean running;

    /**
     * @param addresses this host's addresses (by interface), read each tick
     * @param onChange  what to do after a wake-up or a network change (off the caller's thread, on the scheduler's)
     */
    public WakeWatch(Scheduler scheduler, Clock clock, Supplier<Set<String>> addresses, Runnable onChange) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.addresses = addresses;
        this.onChange = onChange;
    }

    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            last = clock.instant();
            pending = scheduler.schedule(TICK, this::tick);
        }
    }

    private void tick() {
        Set<String> now = safeAddresses();
        String why = null;
        synchronized (lock) {
            if (!running) {
                return;
            }
            Instant at = clock.instant();
            if (Duration.between(last, at).compareTo(TICK.plus(SLEPT)) > 0) {
                why = "the machine woke up (" + Duration.between(last, at).toSeconds() + " s since the last check)";
            } else if (lastAddresses != null && !lastAddresses.equals(now)) {
                why = "the network changed";
            }
            last = at;
            lastAddresses = now;
            pending = scheduler.schedule(TICK, this::tick);
        }
        if (why != null) {
            LOG.info("Checking every tunnel now: {}", why);
            onChange.run();
        }
    }

    private Set<String> safeAddresses() {
        try {
            return addresses.get();
        } catch (RuntimeException e) {
            return lastAddresses == null ? Set.of() : lastAddresses;
        }
    }

    /** This host's interfaces and their addresses, e.g. {@code wlan0=192.168.1.20}: a change is a network change. */
    public static Set<String> hostAddresses() {
        Set<String> out = new TreeSet<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!n.isUp() || n.isLoopback() || ENGINE_LINKS.matcher(n.getName()).lookingAt()) {
                    continue; // the engines' own bridges and veths come and go with every container
                }
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    out.add(n.getName() + "=" + a.getHostAddress());
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces", e);
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            if (pending != null) {
                pending.close();
            }
        }
    }
}
