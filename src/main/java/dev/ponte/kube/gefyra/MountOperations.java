package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.BridgeAdvice;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8Errors;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GefyraBridgeMounts (shared/gefyra-protocol.md 7.1, 7.2, 8): list, read, create with upstream's body
 * (client/gefyra/local/mount.py), wait for ACTIVE, and a plain DELETE that leaves Kopf's finalizer so the operator
 * removes the shadow workload and restores the pods before the object goes.
 */
final class MountOperations {
    private static final Logger LOG = LoggerFactory.getLogger(MountOperations.class);

    private final KubernetesClient client;

    MountOperations(KubernetesClient client) {
        this.client = client;
    }

    List<BridgeMount> list() {
        try {
            return Kind.MOUNT.in(client).list().getItems().stream().map(BridgeMapper::toMount).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of(); // CRD not installed: no mounts
            }
            throw Fabric8Errors.translate(e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    Optional<BridgeMount> get(String name) {
        try {
            return Optional.ofNullable(Kind.MOUNT.in(client).withName(name).get()).map(BridgeMapper::toMount);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    /** 409: the name is taken (upstream: "GefyraBridgeMount 'N' already exists"); 500: the webhook's refusal. */
    BridgeMount create(MountRequest request) {
        try {
            GenericKubernetesResource created = Kind.MOUNT.in(client).resource(BridgeMapper.mountBody(request)).create();
            LOG.info("Created GefyraBridgeMount {} for {} in {}", request.name(), request.target(), request.targetNamespace());
            return BridgeMapper.toMount(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new PonteException(new Problem(Problem.Kind.SERVER_ERROR,
                        "A mount named " + request.name() + " exists already",
                        "GefyraBridgeMount '" + request.name() + "' already exists in namespace gefyra.",
                        "Use that mount, or choose another name."), e);
            }
            if (MountOperations.refusedByWebhook(e)) {
                throw new PonteException(BridgeAdvice.explain("GefyraBridgeMount " + request.name(), webhookMessage(e)), e);
            }
            throw Fabric8Errors.translate(e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    BridgeMount await(String name, Duration timeout, Progress progress, CancellationToken cancel) {
        GenericKubernetesResource active = new StateWait(client, Kind.MOUNT).awaitActive(name, timeout, progress, cancel,
                state -> timeoutProblem(name, state, timeout));
        return BridgeMapper.toMount(active);
    }

    private Problem timeoutProblem(String name, String state, Duration timeout) {
        String pods = get(name).map(m -> new MountDiagnosis(client).describe(m)).orElse("It is gone.");
        boolean noPods = MountDiagnosis.noReadyPods(pods);
        return new Problem(Problem.Kind.TIMEOUT,
                "GefyraBridgeMount " + name + " is not active after " + Waits.seconds(timeout),
                "It is in state " + (state == null ? "REQUESTED (not picked up by the operator yet)" : state) + ". " + pods,
                noPods ? "Make the workload's pods ready first (kubectl get pods in its namespace); the mount goes on by "
                        + "itself once they are, or delete it."
                        : "Look at the operator's events (kubectl -n gefyra get events) and log "
                        + "(kubectl -n gefyra logs deploy/gefyra-operator); the mount may still finish.");
    }

    /** Plain DELETE, then wait for the operator to finish and the object to be gone. */
    void delete(String name, Duration timeout, CancellationToken cancel) {
        Gone.delete(Kind.MOUNT.in(client).withName(name), "GefyraBridgeMount " + name, "finish restoring the workload", timeout, cancel);
        LOG.info("Deleted GefyraBridgeMount {}", name);
    }

    /**
     * A 500 that carries an admission webhook's refusal (Kopf's AdmissionError; the API server passes it on as
     * {@code admission webhook "…" denied the request: …}); any other 500 is the API server's own error.
     */
    static boolean refusedByWebhook(KubernetesClientException e) {
        String said = webhookMessage(e);
        return e.getCode() == 500 && said != null && said.contains("admission webhook");
    }

    /** The webhook's text as the API server passes it on (Kopf's AdmissionError, HTTP 500). */
    static String webhookMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
