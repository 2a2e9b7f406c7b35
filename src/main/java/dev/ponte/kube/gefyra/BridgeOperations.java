package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeAdvice;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8Errors;
import dev.ponte.kube.gefyra.GefyraResources.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GefyraBridges (shared/gefyra-protocol.md 7.1, 7.3): list by labels, create with upstream's body and its error
 * mapping (client/gefyra/local/bridge.py {@code handle_create_gefyrabridge}: 409 = already bridged, 500 = the
 * webhook's message), wait for ACTIVE, re-point {@code destinationIP} (client/gefyra/api/run.py), and a plain DELETE
 * that lets the operator remove the Stowaway route and the Carrier2 rule first.
 */
final class BridgeOperations {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeOperations.class);

    private final KubernetesClient client;

    BridgeOperations(KubernetesClient client) {
        this.client = client;
    }

    List<Bridge> list(Map<String, String> labels) {
        try {
            var op = Kind.BRIDGE.in(client);
            var items = labels.isEmpty() ? op.list().getItems() : op.withLabels(labels).list().getItems();
            return items.stream().map(BridgeMapper::toBridge).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw Fabric8Errors.translate(e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    Bridge create(BridgeRequest request) {
        try {
            GenericKubernetesResource created = Kind.BRIDGE.in(client).resource(BridgeMapper.bridgeBody(request)).create();
            LOG.info("Created GefyraBridge {} on mount {} to {} ({})", request.name(), request.mount(),
                    request.clientContainer(), request.destinationIp());
            return BridgeMapper.toBridge(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new PonteException(new Problem(Problem.Kind.SERVER_ERROR, "Already bridged",
                        "A GefyraBridge named " + request.name() + " exists already on mount " + request.mount() + ".",
                        "Remove that bridge first, or let Ponte pick a new name."), e);
            }
            if (MountOperations.refusedByWebhook(e)) {
                throw new PonteException(BridgeAdvice.explain("GefyraBridge " + request.name(),
                        MountOperations.webhookMessage(e)), e);
            }
            throw Fabric8Errors.translate(e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    Bridge await(String name, Duration timeout, Progress progress, CancellationToken cancel) {
        return BridgeMapper.toBridge(new StateWait(client, Kind.BRIDGE).awaitActive(name, timeout, progress, cancel,
                state -> timeoutProblem(name, state, timeout)));
    }

    private Problem timeoutProblem(String name, String state, Duration timeout) {
        String mount;
        try {
            GenericKubernetesResource bridge = Kind.BRIDGE.in(client).withName(name).get();
            Object target = bridge == null ? null : bridge.getAdditionalProperties().get("target");
            GenericKubernetesResource m = target == null ? null : Kind.MOUNT.in(client).withName(target.toString()).get();
            mount = m == null ? "Its mount is gone." : "Its mount " + target + " is in state " + StateWait.state(m) + ".";
        } catch (RuntimeException e) {
            mount = "Its mount could not be read (" + dev.ponte.core.task.ErrorAdvice.redact(String.valueOf(e.getMessage()))
                    + ").";
        }
        return new Problem(Problem.Kind.TIMEOUT, "GefyraBridge " + name + " is not active after " + Waits.seconds(timeout),
                "It is in state " + (state == null ? "REQUESTED (not picked up by the operator yet)" : state) + ". " + mount,
                "Look at the operator's events (kubectl -n gefyra get events) and log "
                        + "(kubectl -n gefyra logs deploy/gefyra-operator); the bridge may still finish.");
    }

    /** Merge patch {@code {"destinationIP": ip}}; the operator moves the Stowaway route (handler/bridges.py). */
    void setDestination(String name, String destinationIp) {
        try {
            Kind.BRIDGE.in(client).withName(name).patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("destinationIP", destinationIp)));
            LOG.info("GefyraBridge {} now points at {}", name, destinationIp);
        } catch (KubernetesClientException e) {
            if (MountOperations.refusedByWebhook(e)) {
                throw new PonteException(BridgeAdvice.explain("GefyraBridge " + name, MountOperations.webhookMessage(e)), e);
            }
            throw Fabric8Errors.translate(e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    void delete(String name, Duration timeout, CancellationToken cancel) {
        Gone.delete(Kind.BRIDGE.in(client).withName(name), "GefyraBridge " + name, "remove its route", timeout, cancel);
        LOG.info("Deleted GefyraBridge {}", name);
    }
}
