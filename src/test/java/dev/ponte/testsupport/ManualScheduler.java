package dev.ponte.testsupport;

import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler on a virtual clock: nothing runs until the test advances time. */
public final class ManualScheduler implements Scheduler {
    private record Job(long due, Runnable action, boolean[] cancelled) {
    }

    private final List<Job> jobs = new ArrayList<>();
    private long now;

    @Override
    public Subscription schedule(Duration delay, Runnable action) {
        boolean[] cancelled = {false};
        jobs.add(new Job(now + delay.toMillis(), action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock on and runs every job that has come due, in order. */
    public void advance(Duration d) {
        now += d.toMillis();
        List<Job> due = jobs.stream().filter(j -> j.due() <= now).sorted(Comparator.comparingLong(Job::due)).toList();
        jobs.removeAll(due);
        due.stream().filter(j -> !j.cancelled()[0]).forEach(j -> j.action().run());
    }

    /** Delays of the jobs still waiting, from now. */
    public List<Duration> pending() {
        return jobs.stream().filter(j -> !j.cancelled()[0]).map(j -> Duration.ofMillis(j.due() - now)).toList();
    }
}
