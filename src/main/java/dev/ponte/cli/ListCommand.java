package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.run.LocalContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", aliases = "ls", description = "The local containers running in the clusters' networks (gefyra list), "
        + "of every live connection or the one named.")
final class ListCommand extends Base {
    @Mixin
    Target target = new Target();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
    Format output = Format.table;

    ListCommand(Ctx ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        CliServices s = services(target.kubeconfig);
        ConnectionsSnapshot all = reconciled(s);
        List<ConnectionSnapshot> conns = target.context != null || target.connectionName != null
                ? List.of(live(all, target)) : all.live();
        List<Map<String, Object>> json = new ArrayList<>();
        Table t = new Table("NAME", "IMAGE", "STATE", "IP", "NAMESPACE", "PORTS", "CONNECTION");
        for (ConnectionSnapshot c : conns) {
            for (LocalContainer lc : s.runs().localContainers(c.connection())) {
                json.add(Views.container(c.name(), lc));
                t.row(lc.name(), lc.image(), lc.state(), lc.ip(), lc.namespace(), Views.ports(lc.ports()), c.name());
            }
        }
        if (output == Format.json) {
            Json.print(ctx.term.out(), Json.obj("schema", "ponte.containers/v1", "containers", json));
        } else if (conns.isEmpty()) {
            ctx.term.out().println("Not connected: no containers. Connect a cluster: ponte up [--context CONTEXT]");
        } else if (t.isEmpty()) {
            ctx.term.out().println("No containers in " + String.join(", ", conns.stream().map(ConnectionSnapshot::name).toList())
                    + ". Run one: ponte run -i IMAGE -N NAME");
        } else {
            t.print(ctx.term.out());
        }
        return ExitCode.OK;
    }
}
