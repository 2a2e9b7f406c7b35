package dev.ponte.kube.gefyra;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Waits for objects to disappear: the watch is opened first, then the caller lists what is still there, so a
 * deletion can fall neither before the list nor between list and watch (an informer's list-then-watch can lose a
 * DELETED event that happens in between when the server does not replay from the list's resourceVersion, as
 * fabric8's mock server does not).
 */
final class Gone {
    private Gone() {
    }

    /**
     * @param watchable what to watch (one object, or a collection)
     * @param present   called once the watch is open: the names that must go
     * @throws TimeoutException when something is still there after {@code timeout}
     */
    static <T extends HasMetadata> void await(Watchable<T> watchable, Supplier<Collection<String>> present,
                                              Duration timeout, CancellationToken cancel) throws TimeoutException {
        cancel.throwIfCancelled();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        AtomicReference<Collection<String>> waitingFor = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable check = () -> {
            Collection<String> names = waitingFor.get();
            if (names != null && deleted.containsAll(names)) {
                done.complete(null);
            }
        };
        Watch watch;
        try {
            watch = watchable.watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, T resource) {
                    if (action == Action.DELETED) {
                        deleted.add(resource.getMetadata().getName());
                        check.run();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    done.completeExceptionally(cause);
                }
            });
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
        try {
            waitingFor.set(present.get());
            check.run();
            Waits.get(done, timeout, cancel);
        } finally {
            watch.close();
        }
    }

    /**
     * Plain DELETE of one object, then waits until it is gone (the operator's finalizer ran); absent
     * (404, also when its CRD is gone) is fine.
     *
     * @param what      e.g. {@code GefyraBridge api-x}, for the timeout message (the wait itself goes by the object's name)
     * @param operation what the operator does meanwhile, e.g. "remove its route"
     */
    static <T extends HasMetadata> void delete(io.fabric8.kubernetes.client.dsl.Resource<T> resource, String what,
                                               String operation, Duration timeout, CancellationToken cancel) {
        try {
            await(resource, () -> {
                resource.delete();
                T present = resource.get();
                return present == null ? java.util.List.of() : java.util.List.of(present.getMetadata().getName());
            }, timeout, cancel);
        } catch (TimeoutException e) {
            throw new dev.ponte.core.task.PonteException(Waits.timeout(what + " is still being deleted",
                    "The operator did not " + operation + " within " + Waits.seconds(timeout) + ".",
                    "Check that the operator runs (kubectl -n gefyra get pods); it goes on by itself."), e);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw Fabric8Errors.translate(e);
            }
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }
}
