package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gefyra install --apply --wait} done better (sections 2.1–2.2; upstream client/gefyra/api/install.py): the nine
 * objects one by one, 409/422 meaning "exists"; then a watch-based wait for the operator, with a timeout and Cancel.
 */
final class OperatorInstall {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorInstall.class);

    private final KubernetesClient client;
    /** Set when this instance's last install created the operator Deployment: then its readiness proves nothing yet. */
    private volatile Instant operatorCreatedAt;

    OperatorInstall(KubernetesClient client) {
        this.client = client;
    }

    List<String> install(InstallOptions options, Progress progress, CancellationToken cancel) {
        List<String> lines = new ArrayList<>();
        operatorCreatedAt = null;
        for (HasMetadata object : GefyraManifests.objects(options)) {
            cancel.throwIfCancelled();
            String what = GefyraManifests.describe(object);
            try {
                HasMetadata created = client.resource(object).create();
                if (GefyraResources.OPERATOR_DEPLOYMENT.equals(object.getMetadata().getName())) {
                    operatorCreatedAt = parseTime(created.getMetadata().getCreationTimestamp());
                }
                lines.add(what + " created");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && e.getCode() != 422) {
                    throw Fabric8Errors.translate(e);
                }
                if (object instanceof Namespace) {
                    refuseTerminatingNamespace();
                }
                lines.add(what + " exists");
            } catch (RuntimeException e) {
                throw Fabric8Errors.translate(e);
            }
            progress.message(lines.getLast());
            LOG.info("Install: {}", lines.getLast());
        }
        return lines;
    }

    /** Upstream meant to refuse a terminating namespace but swallows its own error (a bare except); Ponte refuses. */
    private void refuseTerminatingNamespace() {
        Namespace ns = client.namespaces().withName(NAMESPACE).get();
        if (ns != null && (ns.getMetadata().getDeletionTimestamp() != null
                || ns.getStatus() != null && "Terminating".equalsIgnoreCase(ns.getStatus().getPhase()))) {
            throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "Gefyra is still being removed",
                    "Namespace gefyra is terminating, so nothing can be installed into it yet.",
                    "Wait until the previous uninstall has finished (the namespace disappears), then try again."));
        }
    }

    void awaitReady(Duration timeout, Progress progress, CancellationToken cancel) {
        Instant since = operatorCreatedAt;
        if (since == null && ready(deployment(GefyraResources.OPERATOR_DEPLOYMENT))) {
            // upstream skips the wait too: a running operator never posts Gefyra-Ready again
            if (ready(deployment(GefyraResources.WEBHOOK_DEPLOYMENT))) {
                return;
            }
            new OperatorReadiness(client, timeout, progress, cancel).awaitWebhookOnly();
            return;
        }
        new OperatorReadiness(client, timeout, progress, cancel).await(since);
    }

    OperatorStatus status() {
        try {
            boolean ns = client.namespaces().withName(NAMESPACE).get() != null;
            if (!ns) {
                return new OperatorStatus(false, null, false, false, false);
            }
            Deployment operator = deployment(GefyraResources.OPERATOR_DEPLOYMENT);
            String image = operator == null ? null
                    : operator.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
            Pod stowaway = client.pods().inNamespace(NAMESPACE).withName(GefyraResources.STOWAWAY_POD).get();
            return new OperatorStatus(true, image, ready(operator),
                    ready(deployment(GefyraResources.WEBHOOK_DEPLOYMENT)), podReady(stowaway));
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    private Deployment deployment(String name) {
        try {
            return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    static boolean ready(Deployment d) {
        return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                && d.getStatus().getReadyReplicas() >= 1;
    }

    /** Upstream's check (api/status.py): the first container is Ready. */
    static boolean podReady(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return false;
        }
        ContainerStatus first = pod.getStatus().getContainerStatuses().getFirst();
        return Boolean.TRUE.equals(first.getReady());
    }

    static Instant parseTime(String timestamp) {
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
