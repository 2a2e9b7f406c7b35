package dev.ponte.core.bridge;

import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import java.util.List;

/**
 * What the bridge wizard decided: send requests of {@code container} in one workload that match
 * {@code rules} to a local container. Ponte reuses the workload's mount for that container when
 * one exists, otherwise creates it.
 *
 * @param ports cluster container port → local container port, only ports the container declares
 */
public record BridgePlan(String namespace, WorkloadKind kind, String workload, String container,
                         List<PortMapping> ports, String localContainer, MatchRules rules) {
    public BridgePlan {
        ports = List.copyOf(ports);
    }
}
