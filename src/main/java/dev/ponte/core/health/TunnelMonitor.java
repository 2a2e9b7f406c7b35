package dev.ponte.core.health;

import dev.ponte.core.health.HealthRules.ExpectedDip;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one connection's tunnel while started: every {@code interval} it takes a {@link TunnelSample} through its
 * {@link TunnelProbe} (on the {@link Scheduler}'s thread, the next one {@code interval} after the previous finished),
 * keeps the last {@code historySize} samples, judges them with {@link HealthRules} and tells listeners.
 *
 * <p>Listeners hear a {@link TunnelHealth} when the state, reason or expected-dip flag changes, and otherwise every
 * {@code updateEvery} with fresh handshake age and counters. They are called on the sampling thread and must not
 * block it. Sampling runs only between {@link #start()} and {@link #stop()}.
 */
public final class TunnelMonitor {
    /** How far back {@link #expectDip} reaches: Ponte may learn of a restart after the first failed probe. */
    public static final Duration DIP_LOOK_BACK = Duration.ofSeconds(20);
    /** A Stowaway restart usually takes under a minute; the operator waits up to 180 s for it. */
    public static final Duration STOWAWAY_RESTART = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(TunnelMonitor.class);

    /**
     * @param interval    time between the end of one sample and the start of the next
     * @param historySize samples kept (120 at 5 s: ten minutes for the UI's sparkline)
     * @param updateEvery how often an unchanged verdict is sent again with fresh age and counters
     */
    public record Settings(Duration interval, int historySize, Duration updateEvery,
                           HealthRules.Thresholds thresholds) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofSeconds(5), 120, Duration.ofSeconds(10), HealthRules.Thresholds.DEFAULT);

        public Settings {
            if (interval.isNegative() || interval.isZero() || historySize < 2 || updateEvery.isNegative()) {
                throw new IllegalArgumentException("need a positive interval, historySize >= 2, updateEvery >= 0");
            }
            Objects.requireNonNull(thresholds, "thresholds");
        }
    }

    private final TunnelProbe probe;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Settings settings;
    private final HealthRules rules;
    private final List<Consumer<TunnelHealth>> listeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    private final ArrayDeque<TunnelSample> history = new ArrayDeque<>();
    private long generation;
    private boolean running;
    private Subscription pending;
    private ExpectedDip dip;
    private boolean dipFailed;
    private TunnelHealth current;
    private TunnelHealth lastSent;

    public TunnelMonitor(TunnelProbe probe, Scheduler scheduler, Clock clock, Settings settings) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rules = new HealthRules(settings.thresholds());
    }

    public TunnelMonitor(TunnelProbe probe, Scheduler scheduler, Clock clock) {
        this(probe, scheduler, clock, Settings.DEFAULT);
    }

    /** Adds a listener; close the subscription to remove it. */
    public Subscription addListener(Consumer<TunnelHealth> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** Starts sampling, the first sample right away (on the scheduler's thread). Starting twice is harmless. */
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            long gen = ++generation;
            pending = scheduler.schedule(Duration.ZERO, () -> tick(gen));
        }
    }

    /** Stops sampling; a sample in flight is dropped. History and the last verdict stay readable. */
    public void stop() {
        synchronized (lock) {
            running = false;
            generation++;
            if (pending != null) {
                pending.close();
                pending = null;
            }
        }
    }

    /**
     * Takes the next sample now instead of at the end of the interval (the machine woke up, the network changed):
     * a tunnel that broke meanwhile shows at once. Ignored while stopped.
     */
    public void sampleNow() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            if (pending != null) {
                pending.close();
            }
            long gen = ++generation;
            pending = scheduler.schedule(Duration.ZERO, () -> tick(gen));
        }
    }

    public boolean running() {
        synchronized (lock) {
            return running;
        }
    }

    /**
     * Tells the monitor that Gefyra is about to restart Stowaway (this machine or another client connected or
     * disconnected): probe failures that begin from {@link #DIP_LOOK_BACK} ago until {@code within} from now are
     * reported as an expected dip. The window closes early once the probe answers again after failing.
     */
    public void expectDip(Duration within) {
        Instant now = clock.instant();
        synchronized (lock) {
            dip = new ExpectedDip(now.minus(DIP_LOOK_BACK), now.plus(within));
            dipFailed = false;
        }
    }

    /** The latest verdict, if a sample was taken. */
    public Optional<TunnelHealth> current() {
        synchronized (lock) {
            return Optional.ofNullable(current);
        }
    }

    /** The kept samples, oldest first. */
    public List<TunnelSample> history() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }

    /** Receive and send rates between kept samples, for the sparkline. */
    public List<TrafficRate> traffic() {
        return TrafficRate.of(history());
    }

    private void tick(long gen) {
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
        }
        TunnelSample sample;
        try {
            sample = Objects.requireNonNull(probe.sample(), "probe returned no sample");
        } catch (RuntimeException e) {
            LOG.debug("tunnel probe failed", e);
            sample = new TunnelSample(clock.instant(), null, 0, 0, false, false, "the probe failed: " + e.getMessage());
        }
        TunnelHealth send = null;
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            record(sample);
            current = rules.evaluate(List.copyOf(history), dip);
            if (changed(current, lastSent)
                    || !Duration.between(lastSent.at(), current.at()).minus(settings.updateEvery()).isNegative()) {
                send = current;
                lastSent = current;
            }
            pending = scheduler.schedule(settings.interval(), () -> tick(gen));
        }
        if (send != null) {
            for (Consumer<TunnelHealth> l : listeners) {
                try {
                    l.accept(send);
                } catch (RuntimeException e) {
                    LOG.warn("tunnel health listener failed", e);
                }
            }
        }
    }

    private void record(TunnelSample sample) {
        history.addLast(sample);
        while (history.size() > settings.historySize()) {
            history.removeFirst();
        }
        if (dip != null) {
            if (sample.at().isAfter(dip.until()) || (dipFailed && sample.stowawayReachable())) {
                dip = null; // over, or recovered from the dip it announced
            } else if (!sample.stowawayReachable()) {
                dipFailed = true;
            }
        }
    }

    private static boolean changed(TunnelHealth now, TunnelHealth before) {
        return before == null || now.state() != before.state() || now.expectedDip() != before.expectedDip()
                || !now.reason().equals(before.reason());
    }
}
