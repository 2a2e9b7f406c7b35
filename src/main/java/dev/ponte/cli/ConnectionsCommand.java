package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.task.StepEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "connections", description = "List, inspect and remove this machine's connections (gefyra connections).",
        subcommands = {ConnectionsCommand.ListConnections.class, ConnectionsCommand.Inspect.class,
                ConnectionsCommand.Disconnect.class, ConnectionsCommand.Remove.class})
final class ConnectionsCommand {
    /** Connections worth listing: live ones and what an earlier run or a failure left (not the never-connected). */
    static List<ConnectionSnapshot> listed(ConnectionsSnapshot all) {
        return all.connections().stream().filter(c -> c.state() != ConnectionState.NOT_CONNECTED
                && c.state() != ConnectionState.UNKNOWN).toList();
    }

    @Command(name = "list", aliases = "ls", description = "Every connection of this machine, across contexts, with its state "
            + "and tunnel health (Ponte's and the gefyra CLI's).")
    static final class ListConnections extends Base {
        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
        Format output = Format.table;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Use this kubeconfig file.")
        Path kubeconfig;

        ListConnections(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliServices s = services(kubeconfig);
            ConnectionsSnapshot all = withHealth(s, reconciled(s));
            List<ConnectionSnapshot> list = listed(all);
            if (output == Format.json) {
                Json.print(ctx.term.out(), Json.obj("schema", "ponte.connections/v1",
                        "connections", list.stream().map(Views::connection).toList()));
                return ExitCode.OK;
            }
            if (list.isEmpty()) {
                ctx.term.out().println("No connections. Connect a cluster: ponte up [--context CONTEXT]");
                return ExitCode.OK;
            }
            Table t = new Table("NAME", "CONTEXT", "STATE", "CARGO IP", "VERSION", "MADE BY");
            for (ConnectionSnapshot c : list) {
                t.row(c.name(), Views.context(c), c.headline(), c.connection() == null ? null : c.connection().cargoIp(),
                        c.connection() == null ? null : c.connection().version(), c.byGefyraCli() ? "gefyra CLI" : "Ponte");
            }
            t.print(ctx.term.out());
            return ExitCode.OK;
        }
    }

    @Command(name = "inspect", description = "One connection in detail: its parts, tunnel health, last operation and what it left.")
    static final class Inspect extends Base {
        @Parameters(paramLabel = "NAME", description = "The connection's name or its context.")
        String name;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
        Format output = Format.table;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Use this kubeconfig file.")
        Path kubeconfig;

        Inspect(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliServices s = services(kubeconfig);
            ConnectionsSnapshot all = withHealth(s, reconciled(s));
            ConnectionSnapshot c = all.connections().stream().filter(x -> name.equals(x.name()) || name.equals(x.context()))
                    .findFirst().filter(x -> x.state() != ConnectionState.NOT_CONNECTED || x.connection() != null)
                    .orElseThrow(() -> CliException.notFound("No connection named " + name + ".",
                            "ponte connections list shows the connections of this machine."));
            if (output == Format.json) {
                Map<String, Object> m = Views.connection(c);
                m.put("operation", c.operation().isEmpty() ? null : Json.obj("title", c.operation(), "result", c.result(),
                        "steps", c.steps().stream().map(Inspect::step).toList()));
                Json.print(ctx.term.out(), m);
                return ExitCode.OK;
            }
            var out = ctx.term.out();
            line(out, "Name", c.name());
            line(out, "Context", Views.context(c));
            line(out, "State", c.headline());
            line(out, "Made by", c.byGefyraCli() ? "the gefyra CLI" : "Ponte");
            line(out, "Client", c.clientId());
            if (c.connection() != null) {
                line(out, "Network", c.connection().networkName());
                line(out, "Cargo", c.connection().cargoName() + (c.connection().cargoIp() == null ? "" : " at " + c.connection().cargoIp()));
                line(out, "Endpoint", c.connection().endpoint());
                line(out, "Version", c.connection().version());
            }
            if (c.health() != null) {
                line(out, "Health", c.health().state().name().charAt(0) + c.health().state().name().substring(1).toLowerCase()
                        + (c.health().reason().isEmpty() ? "" : " — " + c.health().reason()));
                line(out, "Handshake", c.health().handshakeAge() == null ? "none" : c.health().handshakeAge().toSeconds() + " s ago");
                line(out, "Traffic", "received " + c.health().rxBytes() + " B, sent " + c.health().txBytes() + " B");
            }
            if (c.leftovers() != null && !c.leftovers().isEmpty()) {
                line(out, "Left over", c.leftovers().summary());
            }
            if (!c.operation().isEmpty()) {
                line(out, "Last operation", c.operation() + (c.result().isEmpty() ? "" : ": " + c.result()));
            }
            if (c.problem() != null) {
                line(out, "Problem", c.problem().title() + ": " + c.problem().detail());
                line(out, "What to do", c.problem().advice());
            }
            line(out, "Actions", String.join(", ", c.actions().stream().sorted().map(a -> a.label()).toList()));
            out.flush();
            return ExitCode.OK;
        }

        private static Map<String, Object> step(StepEvent e) {
            return Json.obj("index", e.index(), "name", e.name(), "state", e.state().name().toLowerCase(java.util.Locale.ROOT),
                    "elapsedMillis", e.elapsed().toMillis(), "detail", e.detail());
        }

        private static void line(java.io.PrintWriter out, String key, String value) {
            out.printf("%-15s %s%n", key + ":", value == null || value.isEmpty() ? "-" : Table.oneLine(value));
        }
    }

    @Command(name = "disconnect", description = "Disconnect a connection. In Ponte this removes its parts, like remove "
            + "(gefyra's disconnect only stops Cargo; Ponte reconnects by connecting again).")
    static final class Disconnect extends Base {
        @Parameters(paramLabel = "NAME", description = "The connection's name or its context.")
        String name;

        @Option(names = {"-y", "--yes"}, description = "Accepted for gefyra compatibility; Ponte does not ask.")
        boolean yes;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Use this kubeconfig file.")
        Path kubeconfig;

        Disconnect(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliServices s = services(kubeconfig);
            ConnectionsSnapshot all = reconciled(s);
            Target t = new Target();
            if (all.of(name).isPresent()) {
                t.context = name;
            } else {
                t.connectionName = name;
            }
            return DownCommand.disconnect(ctx, s, all, t, false);
        }
    }

    @Command(name = "remove", aliases = "rm", description = "Remove a connection: Cargo, its network and containers, its bridges, "
            + "files and GefyraClient (gefyra connections remove; Ponte also deletes the GefyraClient).")
    static final class Remove extends Base {
        @Parameters(paramLabel = "NAME", description = "The connection's name or its context.")
        String name;

        @Option(names = {"-y", "--yes"}, description = "Accepted for gefyra compatibility; Ponte does not ask.")
        boolean yes;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Use this kubeconfig file.")
        Path kubeconfig;

        Remove(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliServices s = services(kubeconfig);
            ConnectionsSnapshot all = reconciled(s);
            Target t = new Target();
            if (all.of(name).isPresent()) {
                t.context = name;
            } else {
                t.connectionName = name;
            }
            return DownCommand.disconnect(ctx, s, all, t, false);
        }
    }
}
