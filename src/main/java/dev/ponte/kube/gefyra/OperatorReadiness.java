package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness wait of upstream client/gefyra/api/install.py, without its unbounded loop and its 20 × 1 s poll:
 * a watch on core/v1 Events in {@code gefyra} until both {@code Gefyra-Ready} and {@code Gefyra-Webhook-Ready} were
 * seen (Pulling/Pulled events become progress messages), and at the same time a watch on Deployment
 * {@code gefyra-operator-webhook} until it has a ready replica. One timeout for both; Cancel ends it at once.
 */
final class OperatorReadiness {
    private final KubernetesClient client;
    private final Duration timeout;
    private final Progress progress;
    private final CancellationToken cancel;
    private volatile boolean operatorReady;
    private volatile boolean webhookEventSeen;
    private volatile boolean webhookReady;

    OperatorReadiness(KubernetesClient client, Duration timeout, Progress progress, CancellationToken cancel) {
        this.client = client;
        this.timeout = timeout;
        this.progress = progress;
        this.cancel = cancel;
    }

    /** @param since ignore {@code Gefyra-Ready} events older than this (an earlier operator's); null accepts any */
    void await(Instant since) {
        cancel.throwIfCancelled();
        CompletableFuture<Void> events = new CompletableFuture<>();
        SharedIndexInformer<Event> informer = client.v1().events().inNamespace(NAMESPACE).runnableInformer(0);
        informer.addEventHandler(new EventHandler(since, events));
        informer.start().whenComplete((v, t) -> {
            if (t != null) {
                events.completeExceptionally(t);
            }
        });
        CompletableFuture<List<Deployment>> webhook = webhookReadyFuture();
        try {
            Waits.get(CompletableFuture.allOf(events, webhook), timeout, cancel, this::timeoutProblem);
        } finally {
            informer.stop();
            webhook.cancel(true);
        }
    }

    /** The operator already runs (it will not post Gefyra-Ready again): only the webhook must become ready. */
    void awaitWebhookOnly() {
        operatorReady = true;
        webhookEventSeen = true;
        Waits.get(webhookReadyFuture(), timeout, cancel, this::timeoutProblem);
    }

    private CompletableFuture<List<Deployment>> webhookReadyFuture() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(GefyraResources.WEBHOOK_DEPLOYMENT)
                .informOnCondition(list -> webhookReady = !list.isEmpty() && OperatorInstall.ready(list.getFirst()));
    }

    private dev.ponte.core.task.Problem timeoutProblem() {
        StringBuilder missing = new StringBuilder();
        if (!operatorReady) {
            missing.append(" no Gefyra-Ready event from the operator (it posts it once Stowaway runs);");
        }
        if (!webhookEventSeen) {
            missing.append(" no Gefyra-Webhook-Ready event;");
        }
        if (!webhookReady) {
            missing.append(" the webhook Deployment has no ready replica;");
        }
        return Waits.timeout("Gefyra's operator did not become ready in " + Waits.seconds(timeout),
                "After " + Waits.seconds(timeout) + " there was" + missing.substring(0, missing.length() - 1) + ".",
                "Look at the pods and events in namespace gefyra (kubectl -n gefyra get pods,events): images may still be "
                        + "pulling, Stowaway needs a default StorageClass and a privileged pod. Then try again.");
    }

    private final class EventHandler implements ResourceEventHandler<Event> {
        private final Instant since;
        private final CompletableFuture<Void> done;
        private final Set<String> reported = ConcurrentHashMap.newKeySet();

        EventHandler(Instant since, CompletableFuture<Void> done) {
            this.since = since == null ? null : since.truncatedTo(ChronoUnit.SECONDS);
            this.done = done;
        }

        @Override
        public void onAdd(Event event) {
            seen(event);
        }

        @Override
        public void onUpdate(Event oldEvent, Event event) {
            seen(event);
        }

        @Override
        public void onDelete(Event event, boolean deletedFinalStateUnknown) {
        }

        private void seen(Event e) {
            String reason = e.getReason();
            if (("Pulling".equals(reason) || "Pulled".equals(reason)) && e.getMessage() != null
                    && reported.add(e.getMetadata().getUid() + "/" + e.getCount())) {
                progress.message(e.getMessage());
            } else if (GefyraResources.REASON_OPERATOR_READY.equals(reason) && recentEnough(e)) {
                operatorReady = true;
            } else if (GefyraResources.REASON_WEBHOOK_READY.equals(reason)) {
                webhookEventSeen = true; // posted once per namespace lifetime: any age counts
            }
            if (operatorReady && webhookEventSeen) {
                done.complete(null);
            }
        }

        private boolean recentEnough(Event e) {
            if (since == null) {
                return true;
            }
            Instant at = time(e);
            return at == null || !at.isBefore(since);
        }

        private static Instant time(Event e) {
            if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
                return OperatorInstall.parseTime(e.getEventTime().getTime());
            }
            if (e.getLastTimestamp() != null) {
                return OperatorInstall.parseTime(e.getLastTimestamp());
            }
            return OperatorInstall.parseTime(e.getMetadata().getCreationTimestamp());
        }
    }
}
