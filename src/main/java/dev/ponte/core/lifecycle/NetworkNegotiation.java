package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Steps;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the connection network's subnet the way upstream does (shared/gefyra-protocol.md 4.4 step
 * 5, 5.1): the engine proposes subnets ({@link SubnetPicker}); skip those of ACTIVE clients and those the webhook refused; patch the client; on a
 * refusal ban the subnet and try again.
 */
final class NetworkNegotiation {
    static final int ATTEMPTS = 10;
    /** How many engine-proposed subnets to look at per attempt (upstream tries up to 255). */
    static final int PROPOSALS = 32;

    private final ConnectionRequest request;
    private final GefyraCluster cluster;
    private final ContainerEngine engine;
    private final SubnetPicker picker;

    NetworkNegotiation(ConnectionRequest request, GefyraCluster cluster, ContainerEngine engine, SubnetPicker picker) {
        this.request = request;
        this.cluster = cluster;
        this.engine = engine;
        this.picker = picker;
    }

    /** Upstream's label, Ponte's marker, and whose network it is (so no other context's Connect takes it over). */
    Map<String, String> networkLabels() {
        return Map.of(CargoLabels.CREATED_BY, "true", CargoLabels.MANAGED_BY, CargoLabels.PONTE,
                CargoLabels.CONTEXT, request.context(), CargoLabels.CONNECTION, request.connectionName());
    }

    /** Probe networks carry only the markers: the picker removes them right away, and a reconcile removes strays. */
    static Map<String, String> probeLabels() {
        return Map.of(CargoLabels.CREATED_BY, "true", CargoLabels.MANAGED_BY, CargoLabels.PONTE, CargoLabels.PROBE, "true");
    }

    String negotiate(Steps steps, String stepName, Rollback rollback) throws Exception {
        String[] chosen = new String[1];
        steps.run(stepName, step -> {
            Set<String> refused = new HashSet<>();
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Set<String> banned = new HashSet<>(cluster.activeSubnets());
                banned.addAll(refused);
                String subnet = ensureNetwork(banned, rollback);
                try {
                    cluster.setSubnet(request.clientId(), subnet);
                    rollback.push("clear the client's subnet", () -> cluster.clearSubnet(request.clientId()));
                    chosen[0] = subnet;
                    return request.networkName() + " on " + subnet + (attempt > 1 ? " (attempt " + attempt + ")" : "");
                } catch (GefyraCluster.SubnetRejectedException e) {
                    step.detail(subnet + " is taken in the cluster; trying another");
                    refused.add(subnet);
                    engine.removeNetwork(request.networkName());
                }
            }
            throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "No free subnet for the connection network",
                    "The cluster refused " + refused.size() + " subnets in a row (taken by other clients): " + refused,
                    "Remove unused Gefyra networks (docker network ls) or disconnect other clients, then connect again."));
        });
        return chosen[0];
    }

    /** The connection network on a subnet not in {@code banned}: reused when it already is, else created. */
    private String ensureNetwork(Set<String> banned, Rollback rollback) {
        var existing = engine.network(request.networkName());
        existing.ifPresent(n -> Ownership.checkNetwork(n, request));
        if (existing.isPresent()) {
            List<String> subnets = existing.get().subnets();
            if (!subnets.isEmpty() && !banned.contains(subnets.getFirst())) {
                return subnets.getFirst();
            }
            engine.removeNetwork(request.networkName());
        }
        String subnet = proposeSubnet(banned);
        engine.createNetwork(request.networkName(), subnet, networkLabels(), request.networkOptions());
        rollback.push("remove network " + request.networkName(), () -> engine.removeNetwork(request.networkName()));
        return subnet;
    }

    /** The engine proposes, the picker refuses banned ones and those overlapping networks or host routes. */
    private String proposeSubnet(Set<String> banned) {
        try {
            return picker.propose(engine, request.networkName() + "-probe", banned, probeLabels(), PROPOSALS);
        } catch (RuntimeException e) {
            throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "The container engine offers no free subnet",
                    "None of the subnets the engine proposed is free (taken in the cluster, by another network or by a"
                            + " local route): " + e.getMessage(),
                    "Remove unused Docker networks (docker network prune), then connect again."), e);
        }
    }
}
