package dev.ponte.kube;

import dev.ponte.core.model.Change;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Staleness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one or more fabric8 informers into one stream of domain changes: the initial lists arrive as ADDED, then
 * watch changes; {@code onSynced} once all informers have listed; the first failure goes to {@code onError} and stops
 * the stream.
 *
 * <p>A watch can go quiet without failing (a dropped VPN leaves its connection open and nothing arrives), so the
 * stream checks itself every {@link WatchChecks#period()}: it lists the objects' metadata and compares each
 * object's resourceVersion with the informers' cache. A list that fails means the API server has not confirmed the
 * stream since the last good check: {@code onStale(since, cause)}, and the checks go on. A difference that is still
 * the same after {@link WatchChecks#grace()} (the server's object unchanged, the cache unchanged) means the watch
 * missed it: {@code onStale} too. Either way the stream then resyncs — new informers list everything again, objects
 * that went meanwhile are delivered as DELETED — and says {@code onCurrent}.
 */
final class InformerStream<T> implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(InformerStream.class);
    /** Triggers the checks of every stream; each check runs on its own virtual thread (a list may wait seconds). */
    private static final ScheduledExecutorService CHECKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ponte-watch-checks");
        t.setDaemon(true);
        return t;
    });

    private final List<Source<?>> sources = new ArrayList<>();
    private final StreamListener<T> listener;
    private final WatchChecks checks;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean checking = new AtomicBoolean();
    /** What the listener has been told exists, by key: objects a resync no longer finds are delivered as DELETED. */
    private final Map<String, T> delivered = new ConcurrentHashMap<>();
    private volatile Epoch epoch;
    private volatile ScheduledFuture<?> timer;
    private volatile Instant lastConfirmed;
    private volatile Instant staleSince;
    /** A difference seen at the last check, waiting for the grace period to tell a slow event from a missed one. */
    private Map<String, Pair> suspect = Map.of();

    private record Pair(String listed, String cached) {
    }

    InformerStream(StreamListener<T> listener) {
        this(listener, WatchChecks.DEFAULT, "watch");
    }

    /** @param name for the log, e.g. "namespaces" */
    InformerStream(StreamListener<T> listener, WatchChecks checks, String name) {
        this.listener = listener;
        this.checks = checks;
        this.name = name;
    }

    /** One kind of object: where its informers and its metadata list come from, and how it maps. */
    private final class Source<R extends HasMetadata> {
        final int index;
        final Supplier<SharedIndexInformer<R>> informers;
        final Supplier<Map<String, String>> listed;
        final Function<R, T> mapper;

        Source(int index, Supplier<SharedIndexInformer<R>> informers, Supplier<Map<String, String>> listed,
               Function<R, T> mapper) {
            this.index = index;
            this.informers = informers;
            this.listed = listed;
            this.mapper = mapper;
        }

        String key(HasMetadata o) {
            return index + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
        }

        SharedIndexInformer<R> open(Epoch e) {
            SharedIndexInformer<R> informer = informers.get();
            informer.addEventHandler(new ResourceEventHandler<R>() {
                @Override
                public void onAdd(R obj) {
                    String k = key(obj);
                    e.seen.add(k);
                    deliver(e, k, Change.added(mapper.apply(obj)));
                    e.adds.incrementAndGet();
                    e.signalWhenDelivered();
                }

                @Override
                public void onUpdate(R oldObj, R newObj) {
                    deliver(e, key(newObj), Change.modified(mapper.apply(newObj)));
                }

                @Override
                public void onDelete(R obj, boolean deletedFinalStateUnknown) {
                    deliver(e, key(obj), Change.deleted(mapper.apply(obj)));
                }
            });
            return informer;
        }
    }

    /**
     * Adds a kind of object: {@code op} gives its informers (one now, a fresh one at each resync) and its metadata
     * list for the checks.
     */
    <R extends HasMetadata> InformerStream<T> add(FilterWatchListDeletable<R, ? extends KubernetesResourceList<R>, ?> op,
                                                  Function<R, T> mapper) {
        return add(() -> op.runnableInformer(0), () -> versions(op), mapper);
    }

    /** The same from parts (tests). */
    <R extends HasMetadata> InformerStream<T> add(Supplier<SharedIndexInformer<R>> informers,
                                                  Supplier<Map<String, String>> listed, Function<R, T> mapper) {
        sources.add(new Source<>(sources.size(), informers, listed, mapper));
        return this;
    }

    /** resourceVersion by key, from a metadata-only list (cheap: no specs, no statuses). */
    private static Map<String, String> versions(FilterWatchListDeletable<?, ?, ?> op) {
        Map<String, String> out = new HashMap<>();
        for (var item : op.listAsPartialObjectMetadata().getItems()) {
            out.put(item.getMetadata().getNamespace() + "/" + item.getMetadata().getName(),
                    item.getMetadata().getResourceVersion());
        }
        return out;
    }

    /**
     * Opens the informers on a virtual thread of their own and returns at once: building and starting fabric8's
     * informers takes milliseconds (tens on a busy machine) that a caller on the UI thread must not wait for.
     * Failures, even immediate ones, arrive at {@code onError}.
     */
    InformerStream<T> start() {
        lastConfirmed = Instant.now();
        Epoch first = new Epoch(true);
        epoch = first;
        Thread.ofVirtual().name("ponte-watch-open-" + name).start(first::start);
        if (checks.enabled() && !closed.get()) {
            timer = CHECKS.scheduleWithFixedDelay(this::checkSoon, checks.period().toMillis(), checks.period().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One set of informers: the first, or the one a resync opened. */
    private final class Epoch {
        final boolean first;
        final List<SharedIndexInformer<?>> informers = new ArrayList<>();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger adds = new AtomicInteger();
        final AtomicBoolean synced = new AtomicBoolean();
        /** Objects in the informers' stores when they had all listed; -1 until then. */
        volatile int initialCount = -1;
        /** Set by {@link #stop}; guarded by this epoch's lock together with {@link #informers}. */
        private boolean stopped;

        Epoch(boolean first) {
            this.first = first;
        }

        /** Opens and starts this epoch's informers; runs on its own thread, so a {@link #stop} may come at any time. */
        void start() {
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            try {
                for (Source<?> s : sources) {
                    SharedIndexInformer<?> informer;
                    synchronized (this) {
                        if (stopped || closed.get() || epoch != this) {
                            return; // closed (or resynced) meanwhile, or an earlier informer failed at once
                        }
                        informer = s.open(this);
                        informers.add(informer);
                    }
                    starts.add(informer.start().toCompletableFuture());
                    informer.stopped().whenComplete((ignored, error) -> {
                        if (error != null && epoch == this) {
                            fail(error);
                        }
                    });
                }
            } catch (RuntimeException e) {
                if (epoch == this) {
                    fail(e);
                }
                return;
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
                if (error != null) {
                    if (epoch == this) {
                        fail(error);
                    }
                } else {
                    initialCount = informers.stream().mapToInt(i -> i.getStore().list().size()).sum();
                    signalWhenDelivered();
                }
            });
        }

        /**
         * fabric8 completes {@code start()} before its handler threads have passed on every ADDED of the initial list;
         * the stream signals only once they have, so listeners can trust it.
         */
        void signalWhenDelivered() {
            int expected = initialCount;
            if (expected >= 0 && adds.get() >= expected && !closed.get() && epoch == this && synced.compareAndSet(false, true)) {
                if (first) {
                    listener.onSynced();
                } else {
                    resynced(this);
                }
            }
        }

        boolean live() {
            return synced.get() && epoch == this;
        }

        /** resourceVersion by key, as this epoch's informers have them. */
        Map<String, String> cached() {
            Map<String, String> out = new HashMap<>();
            for (int i = 0; i < informers.size(); i++) {
                for (Object o : informers.get(i).getStore().list()) {
                    HasMetadata m = (HasMetadata) o;
                    out.put(i + "/" + m.getMetadata().getNamespace() + "/" + m.getMetadata().getName(),
                            m.getMetadata().getResourceVersion());
                }
            }
            return out;
        }

        /** Closes what {@link #start} has opened so far; it opens nothing more. */
        void stop() {
            List<SharedIndexInformer<?>> open;
            synchronized (this) {
                stopped = true;
                open = List.copyOf(informers);
            }
            open.forEach(SharedIndexInformer::close);
        }
    }

    private void deliver(Epoch e, String key, Change<T> change) {
        if (closed.get() || epoch != e) {
            return;
        }
        if (change.type() == Change.Type.DELETED) {
            delivered.remove(key);
        } else {
            delivered.put(key, change.item());
        }
        listener.onChange(change);
    }

    // --- checks -------------------------------------------------------------------------------------------------

    private void checkSoon() {
        if (!closed.get() && checking.compareAndSet(false, true)) {
            Thread.ofVirtual().name("ponte-watch-check-" + name).start(() -> {
                try {
                    check();
                } finally {
                    checking.set(false);
                }
            });
        }
    }

    /** Compares the server's list with the cache; package-private so tests can run a check when they want one. */
    void check() {
        Epoch e = epoch;
        if (closed.get() || e == null || !e.live()) {
            return; // still listing (the first time or in a resync)
        }
        Map<String, String> listed = new HashMap<>();
        try {
            for (Source<?> s : sources) {
                s.listed.get().forEach((k, v) -> listed.put(s.index + "/" + k, v));
            }
        } catch (RuntimeException ex) {
            RuntimeException cause = Fabric8Errors.translate(ex);
            if (staleSince == null) {
                staleSince = lastConfirmed;
                LOG.info("The {} watch is not confirmed since {}: {}", name, staleSince, cause.toString());
            }
            if (!closed.get()) {
                listener.onStale(staleSince, cause);
            }
            return;
        }
        lastConfirmed = Instant.now();
        if (staleSince != null) {
            resync("the API server answers again");
            return;
        }
        Map<String, String> cached = e.cached();
        Map<String, Pair> differences = new HashMap<>();
        Set<String> keys = new java.util.HashSet<>(listed.keySet());
        keys.addAll(cached.keySet());
        for (String k : keys) {
            if (!Objects.equals(listed.get(k), cached.get(k))) {
                differences.put(k, new Pair(listed.get(k), cached.get(k)));
            }
        }
        Map<String, Pair> missed = new HashMap<>();
        differences.forEach((k, p) -> {
            if (p.equals(suspect.get(k))) {
                missed.put(k, p);
            }
        });
        if (!missed.isEmpty()) {
            suspect = Map.of();
            staleSince = Instant.now();
            LOG.info("The {} watch missed {} change(s) (e.g. {}); reading the list again", name, missed.size(),
                    missed.keySet().iterator().next());
            listener.onStale(staleSince, new Staleness.MissedChangesException("the live updates missed " + missed.size()
                    + (missed.size() == 1 ? " change" : " changes")));
            resync("it missed changes");
        } else {
            suspect = differences;
            if (!differences.isEmpty() && !closed.get()) {
                // Maybe events on their way: look again once the grace is over.
                CHECKS.schedule(this::checkSoon, checks.grace().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** New informers list everything again; the old ones stop. */
    private void resync(String why) {
        if (closed.get()) {
            return;
        }
        LOG.info("Resyncing the {} watch: {}", name, why);
        Epoch old = epoch;
        Epoch next = new Epoch(false);
        epoch = next;
        old.stop();
        next.start();
    }

    /** A resync has listed everything: what it did not find is gone. */
    private void resynced(Epoch e) {
        for (Map.Entry<String, T> d : List.copyOf(delivered.entrySet())) {
            if (!e.seen.contains(d.getKey()) && delivered.remove(d.getKey(), d.getValue())) {
                listener.onChange(Change.deleted(d.getValue()));
            }
        }
        staleSince = null;
        suspect = Map.of();
        lastConfirmed = Instant.now();
        if (!closed.get()) {
            listener.onCurrent();
        }
    }

    private void fail(Throwable error) {
        if (failed.compareAndSet(false, true) && !closed.get()) {
            close();
            listener.onError(Fabric8Errors.translate(error));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            Epoch e = epoch;
            if (e != null) {
                // Closing the watches' connections can take as long as opening them; nothing is delivered from here
                // on (deliver checks closed), so the caller (often the UI thread, switching namespaces) need not wait.
                Thread.ofVirtual().name("ponte-watch-close-" + name).start(e::stop);
            }
        }
    }
}
