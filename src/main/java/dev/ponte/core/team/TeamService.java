package dev.ponte.core.team;

import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Reads the team view of a context: three list calls against the cluster (clients, mounts, bridges). Blocking. */
public final class TeamService {
    private final Clusters clusters;
    private final Supplier<ConnectionsSnapshot> connections;
    private final Journal journal;
    private final Clock clock;

    public TeamService(Clusters clusters, Supplier<ConnectionsSnapshot> connections, Journal journal, Clock clock) {
        this.clusters = clusters;
        this.connections = connections;
        this.journal = journal;
        this.clock = clock;
    }

    public Operation<TeamView> load(String context) {
        return (progress, cancel) -> {
            progress.step("Read clients, mounts and bridges", 1, 1);
            return read(context);
        };
    }

    TeamView read(String context) {
        Set<String> mine = new HashSet<>();
        journal.identities().forEach(i -> mine.add(i.clientId()));
        connections.get().connections().stream().filter(c -> c.clientId() != null).forEach(c -> mine.add(c.clientId()));
        List<String> problems = new ArrayList<>();
        try (ClusterSession session = clusters.open(context)) {
            GefyraCluster g = session.gefyra();
            List<GefyraCluster.ClientInfo> clients = g.clients();
            List<BridgeMount> mounts = part(problems, "mounts", g::mounts);
            List<Bridge> bridges = part(problems, "bridges", () -> g.bridges(Map.of()));
            List<TeamView.Member> members = clients.stream()
                    .sorted(Comparator.comparing((GefyraCluster.ClientInfo c) -> !mine.contains(c.name()))
                            .thenComparing(GefyraCluster.ClientInfo::name))
                    .map(c -> new TeamView.Member(c, mine.contains(c.name()), who(c.name(), mine),
                            (int) bridges.stream().filter(b -> c.name().equals(b.client())).count()))
                    .toList();
            List<TeamView.TeamBridge> rows = bridges.stream()
                    .map(b -> TeamView.TeamBridge.of(b, mounts.stream().filter(m -> m.name().equals(b.mount())).findFirst().orElse(null),
                            mine.contains(b.client())))
                    .sorted(Comparator.comparing(TeamView.TeamBridge::workload).thenComparing(r -> r.bridge().client()))
                    .toList();
            List<TeamView.TeamMount> ms = mounts.stream().map(m -> new TeamView.TeamMount(m, m.createdBy(),
                    (int) bridges.stream().filter(b -> b.mount().equals(m.name())).count())).toList();
            return new TeamView(context, clock.instant(), members, rows, ms, problems);
        }
    }

    static String who(String client, Set<String> mine) {
        if (mine.contains(client)) {
            return "this machine";
        }
        return client.matches("ponte[0-9a-f]{6,}") ? "another machine (Ponte)" : "the gefyra CLI";
    }

    private static <T> List<T> part(List<String> problems, String what, Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            problems.add(what + ": " + ErrorAdvice.explain(e, "the cluster").detail());
            return List.of();
        }
    }
}
