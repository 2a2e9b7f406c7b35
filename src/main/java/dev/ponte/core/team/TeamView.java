package dev.ponte.core.team;

import dev.ponte.core.bridge.RuleSummary;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.port.GefyraCluster;
import java.time.Instant;
import java.util.List;

/**
 * Who else uses Gefyra in one cluster, as the team view shows it: every GefyraClient with its state and since when, and
 * every mount and bridge of every client with its workload, rules and target.
 *
 * @param problems what could not be read, in words
 */
public record TeamView(String context, Instant at, List<Member> members, List<TeamBridge> bridges, List<TeamMount> mounts,
                       List<String> problems) {
    public TeamView {
        members = List.copyOf(members);
        bridges = List.copyOf(bridges);
        mounts = List.copyOf(mounts);
        problems = List.copyOf(problems);
    }

    /**
     * @param who "this machine", "another machine (Ponte)" or "the gefyra CLI"
     */
    public record Member(GefyraCluster.ClientInfo client, boolean thisMachine, String who, int bridges) {
    }

    /**
     * @param workload {@code namespace/kind/name (container)}, or the mount's name when the mount is gone
     * @param rules    the rules in words
     * @param target   where matching requests go: the local container, its address and port
     */
    public record TeamBridge(Bridge bridge, BridgeMount mount, String workload, String rules, String target, boolean thisMachine) {
        static TeamBridge of(Bridge b, BridgeMount m, boolean thisMachine) {
            String workload = m == null ? "mount " + b.mount() + " (gone)"
                    : m.targetNamespace() + "/" + m.target() + " (" + m.targetContainer() + ")";
            String rules = b.rules() == null || b.rules().sets().isEmpty() ? "no rules"
                    : String.join("; or ", b.rules().sets().stream().map(RuleSummary::set).toList());
            String ports = b.portMappings().isEmpty() ? "" : ", ports " + String.join(", ", b.portMappings().stream()
                    .map(p -> p.contains(":") ? p.substring(p.indexOf(':') + 1) + " → " + p.substring(0, p.indexOf(':')) : p).toList());
            return new TeamBridge(b, m, workload, rules, b.clientContainer() + " at " + b.destinationIp() + ports, thisMachine);
        }
    }

    /** @param createdBy the client that made it, or null (the gefyra CLI does not label its mounts) */
    public record TeamMount(BridgeMount mount, String createdBy, int bridges) {
    }
}
