package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.core.gefyra.BridgeAdvice;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8Errors;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a GefyraBridgeMount or GefyraBridge is ACTIVE, the way upstream's client does
 * (client/gefyra/local/utils.py {@code WatchEventsMixin.watch_events}; the e2e tests' {@code .state=ACTIVE}): a watch
 * on the CR, and a watch on core/v1 Events in {@code gefyra} whose {@code involvedObject.name} contains the object's
 * name and whose time is not before its creation; their messages are reported as progress. The end is state ACTIVE
 * alone: upstream posts reason {@code Ready} just before it writes ACTIVE (bridge_mount_state.py
 * {@code _bridge_mount_finished}, bridgestate.py {@code on_establish}), so ACTIVE implies Ready was sent.
 * ERROR ends the wait with the operator's last Warning event for the object, explained by {@link BridgeAdvice}
 * (upstream's mount leaves ERROR again on its own, through RESTORING; the first ERROR is what the user needs).
 * Deletion, timeout, cancel and a lost API connection end it too: watches are not retried, and a read of the object
 * every {@link #HEARTBEAT_PERIOD} notices a connection that died without closing the watch (the mock's shutdown
 * leaves its websockets open; so does a dropped VPN).
 */
final class StateWait {
    private static final Logger LOG = LoggerFactory.getLogger(StateWait.class);
    static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(3);
    private static final ScheduledExecutorService HEARTBEAT = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ponte-gefyra-wait-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final KubernetesClient client;
    private final Kind kind;

    StateWait(KubernetesClient client, Kind kind) {
        this.client = client;
        this.kind = kind;
    }

    /**
     * @param onTimeout builds the timeout problem from the last state seen (may call the API to explain it)
     */
    GenericKubernetesResource awaitActive(String name, Duration timeout, Progress progress, CancellationToken cancel,
                                          Function<String, Problem> onTimeout) {
        cancel.throwIfCancelled();
        GenericKubernetesResource current;
        try {
            current = kind.in(client).withName(name).get();
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
        if (current == null) {
            throw new PonteException(gone(name, false));
        }
        Instant since = sinceOf(current);
        CompletableFuture<GenericKubernetesResource> done = new CompletableFuture<>();
        SharedIndexInformer<Event> events = client.v1().events().inNamespace(NAMESPACE).runnableInformer(0);
        events.addEventHandler(new EventReporter(name, since, progress));
        SharedIndexInformer<GenericKubernetesResource> object = kind.in(client).withName(name).runnableInformer(0);
        String[] lastState = {state(current)};
        Consumer<GenericKubernetesResource> judge = r -> {
            lastState[0] = state(r);
            if (r.getMetadata().getDeletionTimestamp() != null) {
                done.completeExceptionally(new PonteException(new Problem(Problem.Kind.NOT_FOUND,
                        kind.display + " " + name + " is being deleted",
                        "Someone deleted it while Ponte waited for it to become active.",
                        "Create it again if you still need it.")));
            } else if ("ACTIVE".equals(lastState[0]) || "ERROR".equals(lastState[0])) {
                done.complete(r);
            }
        };
        object.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource r) {
                judge.accept(r);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
                judge.accept(r);
            }

            @Override
            public void onDelete(GenericKubernetesResource r, boolean unknown) {
                done.completeExceptionally(new PonteException(gone(name, true)));
            }
        });
        for (SharedIndexInformer<?> informer : java.util.List.of(events, object)) {
            informer.exceptionHandler(failFast(name, done));
            informer.stopped().whenComplete((v, t) -> {
                if (t != null) {
                    done.completeExceptionally(lost(name, t));
                }
            });
        }
        // A watch over a connection that silently died never reports anything: a light read now and then finds
        // out (and catches an update a watch might have missed).
        ScheduledFuture<?> heartbeat = HEARTBEAT.scheduleWithFixedDelay(() -> {
            try {
                GenericKubernetesResource now = kind.in(client).withName(name).get();
                if (now != null && !done.isDone()) {
                    judge.accept(now);
                }
            } catch (RuntimeException e) {
                if (!(Fabric8Errors.translate(e) instanceof dev.ponte.core.task.ApiStatusException)) {
                    done.completeExceptionally(lost(name, e));
                }
            }
        }, HEARTBEAT_PERIOD.toMillis(), HEARTBEAT_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        try {
            events.start();
            object.start().whenComplete((v, t) -> {
                if (t == null && object.getStore().list().isEmpty()) {
                    done.completeExceptionally(new PonteException(gone(name, true)));
                }
            });
            GenericKubernetesResource result = Waits.get(done, timeout, cancel, () -> onTimeout.apply(lastState[0]));
            if ("ERROR".equals(state(result))) {
                String message = lastWarning(name, since);
                LOG.info("{} {} failed: {}", kind.display, name, message);
                throw new PonteException(BridgeAdvice.explain(kind.display + " " + name, message));
            }
            return result;
        } finally {
            heartbeat.cancel(false);
            events.stop();
            object.stop();
        }
    }

    /** Watch errors end the wait at once (except 410 Gone, which the informer handles by listing again). */
    private ExceptionHandler failFast(String name, CompletableFuture<?> done) {
        return (started, t) -> {
            if (t instanceof KubernetesClientException kce && kce.getCode() == 410) {
                return true;
            }
            done.completeExceptionally(lost(name, t));
            return false;
        };
    }

    private PonteException lost(String name, Throwable t) {
        RuntimeException cause = Fabric8Errors.translate(t);
        if (cause instanceof dev.ponte.core.task.ApiStatusException) {
            return new PonteException(dev.ponte.core.task.ErrorAdvice.explain(cause, "the cluster"), cause);
        }
        return new PonteException(new Problem(Problem.Kind.UNREACHABLE,
                "Lost the connection to the cluster",
                "The API server stopped answering while Ponte waited for " + kind.display + " " + name + " ("
                        + dev.ponte.core.task.ErrorAdvice.redact(String.valueOf(cause.getMessage())) + ").",
                "Check the cluster connection (VPN, kubeconfig), then try again: the operator goes on in the cluster, "
                        + "and Ponte picks up where it left off."), cause);
    }

    private Problem gone(String name, boolean seen) {
        return new Problem(Problem.Kind.NOT_FOUND, kind.display + " " + name + (seen ? " was deleted" : " does not exist"),
                "It " + (seen ? "disappeared" : "was not there") + " while Ponte waited for it to become active.",
                "Create it again if you still need it.");
    }

    /** The message of the newest Warning event about the object since it was created, or null. */
    private String lastWarning(String name, Instant since) {
        try {
            return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                    .filter(e -> about(e, name, since) && "Warning".equals(e.getType()) && e.getMessage() != null)
                    .max(Comparator.comparing(e -> Objects.requireNonNullElse(time(e), Instant.EPOCH)))
                    .map(Event::getMessage).orElse(null);
        } catch (RuntimeException e) {
            LOG.debug("Could not read the events of {} {}: {}", kind.display, name, e.toString());
            return null;
        }
    }

    static String state(GenericKubernetesResource r) {
        Object s = r == null ? null : r.getAdditionalProperties().get("state");
        return s == null ? null : s.toString();
    }

    private static Instant sinceOf(GenericKubernetesResource r) {
        Instant created = OperatorInstall.parseTime(r.getMetadata().getCreationTimestamp());
        return created == null ? null : created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Upstream's filter: the object's name is contained in involvedObject.name, and the event is not older. */
    static boolean about(Event e, String name, Instant since) {
        if (e.getInvolvedObject() == null || e.getInvolvedObject().getName() == null
                || !e.getInvolvedObject().getName().contains(name)) {
            return false;
        }
        Instant at = time(e);
        return since == null || at == null || !at.isBefore(since);
    }

    static Instant time(Event e) {
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return OperatorInstall.parseTime(e.getEventTime().getTime());
        }
        if (e.getLastTimestamp() != null) {
            return OperatorInstall.parseTime(e.getLastTimestamp());
        }
        return OperatorInstall.parseTime(e.getMetadata().getCreationTimestamp());
    }

    /** Reports each new event's message once, in arrival order. */
    private static final class EventReporter implements ResourceEventHandler<Event> {
        private final String name;
        private final Instant since;
        private final Progress progress;
        private final Set<String> reported = ConcurrentHashMap.newKeySet();

        EventReporter(String name, Instant since, Progress progress) {
            this.name = name;
            this.since = since;
            this.progress = progress;
        }

        @Override
        public void onAdd(Event e) {
            report(e);
        }

        @Override
        public void onUpdate(Event old, Event e) {
            report(e);
        }

        @Override
        public void onDelete(Event e, boolean unknown) {
        }

        private void report(Event e) {
            if (about(e, name, since) && e.getMessage() != null
                    && reported.add(e.getMetadata().getName() + "/" + e.getCount())) {
                progress.message(e.getMessage());
            }
        }
    }
}
