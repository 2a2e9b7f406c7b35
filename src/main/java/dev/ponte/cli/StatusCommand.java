package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Where Ponte stands: the container engine, every connection with its tunnel health, "
        + "its containers and bridges, and what an earlier run left (gefyra status).")
final class StatusCommand extends Base {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
    Format output = Format.table;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Use this kubeconfig file.")
    Path kubeconfig;

    StatusCommand(Ctx ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        CliServices s = services(kubeconfig);
        ConnectionsSnapshot all = withHealth(s, reconciled(s));
        String engine;
        try {
            engine = s.engines().endpoint();
        } catch (RuntimeException e) {
            engine = null;
        }
        List<ConnectionSnapshot> listed = ConnectionsCommand.listed(all);
        List<Map<String, Object>> json = new ArrayList<>();
        Table t = new Table("CONTEXT", "CONNECTION", "STATE", "CARGO IP", "CONTAINERS", "BRIDGES");
        for (ConnectionSnapshot c : listed) {
            Integer containers = null;
            Integer bridges = null;
            if (c.state().isUp()) {
                try {
                    containers = s.runs().localContainers(c.connection()).size();
                    bridges = c.context().startsWith("gefyra:") ? null : s.bridges(c.connection()).bridges().size();
                } catch (RuntimeException e) {
                    // counted as unknown; the state already says what is wrong
                }
            }
            Map<String, Object> m = Views.connection(c);
            m.put("containers", containers);
            m.put("bridges", bridges);
            json.add(m);
            t.row(Views.context(c), c.name(), c.headline(), c.connection() == null ? null : c.connection().cargoIp(), containers, bridges);
        }
        long leftovers = listed.stream().filter(c -> c.state() == ConnectionState.INTERRUPTED || c.leftovers() != null).count();
        if (output == Format.json) {
            Json.print(ctx.term.out(), Json.obj("schema", "ponte.status/v1", "summary", all.summary(), "engine", engine,
                    "connections", json, "leftovers", leftovers));
            return ExitCode.OK;
        }
        var out = ctx.term.out();
        out.println(all.summary() + (all.live().isEmpty() ? "." : ""));
        out.println("Engine: " + (engine == null ? "none answers (Ponte needs Docker or Podman to connect)" : engine));
        if (!t.isEmpty()) {
            out.println();
            t.print(out);
        }
        if (leftovers > 0) {
            out.println();
            out.println(leftovers + " connection(s) left parts from an earlier run: ponte clean");
        } else if (all.live().isEmpty()) {
            out.println("Connect a cluster: ponte up [--context CONTEXT]");
        }
        out.flush();
        return ExitCode.OK;
    }
}
