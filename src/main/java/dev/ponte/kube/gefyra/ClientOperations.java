package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.port.GefyraCluster.SubnetRejectedException;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GefyraClient custom resources (sections 3.2, 4.1, 4.4, 4.8, 8): create, read, watch, subnet merge patches, delete.
 * Every wait is a watch; nothing polls.
 */
final class ClientOperations {
    private static final Logger LOG = LoggerFactory.getLogger(ClientOperations.class);
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;

    ClientOperations(KubernetesClient client) {
        this.client = client;
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> clients() {
        return GefyraResources.Kind.CLIENT.in(client);
    }

    GefyraClient create(String name) {
        try {
            GefyraClient created = ClientMapper.toClient(clients().resource(ClientMapper.createBody(name)).create());
            LOG.info("Created GefyraClient {}", name);
            return created;
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    Optional<GefyraClient> get(String name) {
        try {
            return Optional.ofNullable(clients().withName(name).get()).map(ClientMapper::toClient);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    GefyraClient await(String name, Predicate<GefyraClient> condition, String what, Duration timeout,
                       CancellationToken cancel) {
        AtomicBoolean seen = new AtomicBoolean();
        CompletableFuture<List<GenericKubernetesResource>> done = clients().withName(name).informOnCondition(list -> {
            if (list.isEmpty()) {
                throw new PonteException(new Problem(Problem.Kind.NOT_FOUND,
                        "GefyraClient " + name + (seen.get() ? " was deleted" : " does not exist"),
                        "It " + (seen.get() ? "disappeared" : "was not there") + " while Ponte waited for " + what + ".",
                        "Start the connection again; Ponte creates a new client."));
            }
            seen.set(true);
            return condition.test(ClientMapper.toClient(list.getFirst()));
        });
        List<GenericKubernetesResource> result = Waits.get(done, timeout, cancel, () -> Waits.timeout(
                "Gefyra's operator did not finish in time",
                "Waited " + Waits.seconds(timeout) + " for " + what + "; the client is "
                        + describeState(name) + ".",
                "Check the operator's log (kubectl -n gefyra logs deploy/gefyra-operator) and its events, then try again."));
        return ClientMapper.toClient(result.getFirst());
    }

    private String describeState(String name) {
        try {
            return get(name).map(c -> "in state " + c.state()).orElse("gone");
        } catch (RuntimeException e) {
            return "in an unknown state (" + e.getMessage() + ")";
        }
    }

    /** Merge patch {@code {"providerParameter":{"subnet":..}}}; the webhook answers 500 when another peer has it. */
    void setSubnet(String name, String subnet) throws SubnetRejectedException {
        try {
            patch(name, Serialization.asJson(Map.of("providerParameter", Map.of("subnet", subnet))));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 500) {
                String said = e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage();
                LOG.info("Subnet {} refused for GefyraClient {}: {}", subnet, name, said);
                throw new SubnetRejectedException(subnet, said);
            }
            throw Fabric8Errors.translate(e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    /** Merge patch {@code {"providerParameter": null}}: upstream's deactivate (types/client.py). */
    void clearSubnet(String name) {
        try {
            patch(name, "{\"providerParameter\":null}");
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    private void patch(String name, String mergePatch) {
        clients().withName(name).patch(MERGE, mergePatch);
    }

    /** Subnets of every client that has one set (requested, enabling or active): all taken for a new network. */
    List<String> subnetsInUse() {
        try {
            return clients().list().getItems().stream()
                    .map(ClientMapper::toClient).map(GefyraClient::subnet).filter(Objects::nonNull).distinct().toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of(); // CRD not installed
            }
            throw Fabric8Errors.translate(e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
    }

    /** Plain DELETE (Kopf's finalizer stays, so the operator removes peer, account and binding), then waits for gone. */
    void delete(String name, Duration timeout, CancellationToken cancel) {
        var resource = clients().withName(name);
        try {
            Gone.await(resource, () -> {
                resource.delete(); // a 404 is fine: fabric8 returns no details then
                return resource.get() == null ? List.of() : List.of(name);
            }, timeout, cancel);
        } catch (TimeoutException e) {
            throw new PonteException(Waits.timeout("GefyraClient " + name + " is still being deleted",
                    "The operator did not finish removing its WireGuard peer and service account within "
                            + Waits.seconds(timeout) + ".",
                    "Check that the operator runs (kubectl -n gefyra get pods). Down + uninstall removes the client anyway."),
                    e);
        } catch (RuntimeException e) {
            throw Fabric8Errors.translate(e);
        }
        LOG.info("Deleted GefyraClient {}", name);
    }
}
