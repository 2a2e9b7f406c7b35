package dev.ponte.kube;

import dev.ponte.core.model.Change;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Joins one or more fabric8 informers into one stream of domain changes: the initial lists arrive
 * as ADDED, then watch changes; {@code onSynced} once all informers have listed; the first failure
 * goes to {@code onError} and stops the stream.
 */
final class InformerStream<T> implements Subscription {
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final StreamListener<T> listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean synced = new AtomicBoolean();
    /** ADDED notifications handed to the listener so far. */
    private final java.util.concurrent.atomic.AtomicInteger adds = new java.util.concurrent.atomic.AtomicInteger();
    /** Objects in the informers' stores when they had all listed; -1 until then. */
    private volatile int initialCount = -1;

    InformerStream(StreamListener<T> listener) {
        this.listener = listener;
    }

    <R extends HasMetadata> InformerStream<T> add(SharedIndexInformer<R> informer, Function<R, T> mapper) {
        informer.addEventHandler(new ResourceEventHandler<R>() {
            @Override
            public void onAdd(R obj) {
                deliver(Change.added(mapper.apply(obj)));
                adds.incrementAndGet();
                signalSyncedWhenDelivered();
            }

            @Override
            public void onUpdate(R oldObj, R newObj) {
                deliver(Change.modified(mapper.apply(newObj)));
            }

            @Override
            public void onDelete(R obj, boolean deletedFinalStateUnknown) {
                deliver(Change.deleted(mapper.apply(obj)));
            }
        });
        informers.add(informer);
        return this;
    }

    InformerStream<T> start() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (SharedIndexInformer<?> informer : informers) {
            if (closed.get()) {
                // An earlier informer of this stream failed at once and closed the rest.
                return this;
            }
            starts.add(informer.start().toCompletableFuture());
            informer.stopped().whenComplete((ignored, error) -> {
                if (error != null) {
                    fail(error);
                }
            });
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                fail(error);
            } else {
                initialCount = informers.stream().mapToInt(i -> i.getStore().list().size()).sum();
                signalSyncedWhenDelivered();
            }
        });
        return this;
    }

    /**
     * fabric8 completes {@code start()} before its handler threads have passed on every ADDED of the
     * initial list; {@code onSynced} waits until they have, so listeners can trust it.
     */
    private void signalSyncedWhenDelivered() {
        int expected = initialCount;
        if (expected >= 0 && adds.get() >= expected && !closed.get() && synced.compareAndSet(false, true)) {
            listener.onSynced();
        }
    }

    private void deliver(Change<T> change) {
        if (!closed.get()) {
            listener.onChange(change);
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
            informers.forEach(SharedIndexInformer::close);
        }
    }
}
