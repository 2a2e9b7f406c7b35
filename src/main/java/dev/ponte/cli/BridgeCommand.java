package dev.ponte.cli;

import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.run.BridgeFlags;
import dev.ponte.core.run.LocalContainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bridge", description = "Send matching requests of a cluster workload to your local container (gefyra bridge).",
        subcommands = {BridgeCommand.Create.class, BridgeCommand.Delete.class, BridgeCommand.ListBridges.class})
final class BridgeCommand {
    @Command(name = "create", sortOptions = false,
            description = {"Bridge a workload to a local container, as the window's bridge wizard does: checks first, reuses "
                    + "the workload's mount or creates it (--target), creates the bridge and waits until traffic flows.",
                    "All rules must hold for a request to go to your container (gefyra sends them as one rule set); other "
                            + "requests go to the cluster. Ctrl-C cancels and removes what this attempt made."})
    static final class Create extends Base {
        @Option(names = {"-l", "--local"}, required = true, paramLabel = "CONTAINER", description = "Your container (ponte run made it).")
        String local;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = {"-m", "--mount"}, required = true, paramLabel = "MOUNT", description = "An existing mount (gefyra's way).")
            String mount;

            @Option(names = {"-t", "--target"}, required = true, paramLabel = "KIND/NAME[/CONTAINER]",
                    description = "The workload; its mount is reused or created (Ponte's way, like the window).")
            String target;
        }

        @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "With --target: the workload's namespace.")
        String namespace;

        @Option(names = {"-p", "--port"}, required = true, paramLabel = "REMOTE:LOCAL",
                description = "The workload container's port, then your container's (repeatable): -p 80:8000.")
        List<String> ports = new ArrayList<>();

        @Option(names = "--match-header-exact", paramLabel = "NAME:VALUE", description = "A header with exactly this value.")
        List<String> headerExact = new ArrayList<>();

        @Option(names = "--match-header-prefix", paramLabel = "NAME:PREFIX", description = "A header whose value starts so.")
        List<String> headerPrefix = new ArrayList<>();

        @Option(names = "--match-header-regex", paramLabel = "NAME:REGEX", description = "A header name and value by pattern.")
        List<String> headerRegex = new ArrayList<>();

        @Option(names = "--match-path-exact", paramLabel = "PATH", description = "Exactly this path (and query).")
        List<String> pathExact = new ArrayList<>();

        @Option(names = "--match-path-prefix", paramLabel = "PREFIX", description = "Paths that start so.")
        List<String> pathPrefix = new ArrayList<>();

        @Option(names = "--match-path-regex", paramLabel = "REGEX", description = "Paths matching the pattern.")
        List<String> pathRegex = new ArrayList<>();

        @Option(names = {"-N", "--name"}, paramLabel = "NAME", description = "Not supported by Ponte (refused with the reason).")
        String bridgeName;

        @Mixin
        Target target = new Target();

        Create(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (bridgeName != null) {
                throw CliException.usage("-N/--name is not supported: Ponte names bridges as gefyra does by default "
                        + "(<client>-<target>-<container>-<random>), which its clean-up relies on.",
                        "Leave out -N; ponte bridge create prints the name it chose.");
            }
            List<PortMapping> mappings = ports.stream().map(Flags::remoteLocal).toList();
            MatchRules rules = Flags.rules(new Flags.Rules(headerExact, headerPrefix, headerRegex, pathExact, pathPrefix, pathRegex));
            Flags.Workload w = which.target == null ? null : Flags.workload("--target", which.target);

            CliServices s = services(target.kubeconfig);
            ConnectionSnapshot c = live(reconciled(s), target);
            notBusyElsewhere(s, c.name());
            BridgeGateway gw = s.bridges(c.connection());
            BridgePlan plan;
            if (w != null) {
                String ns = namespace != null ? namespace : namespaceOf(s, c.context());
                String container = w.container() != null ? w.container() : gw.describe(ns, w.kind(), w.name()).containers()
                        .stream().map(ContainerDetail::name).findFirst()
                        .orElseThrow(() -> CliException.notFound(w.name() + " has no containers.", "Check --target."));
                plan = new BridgePlan(ns, w.kind(), w.name(), container, mappings, local, rules);
            } else {
                BridgeMount m = gw.mounts().stream().filter(x -> x.name().equals(which.mount)).findFirst()
                        .orElseThrow(() -> CliException.notFound("No mount named " + which.mount + " in " + label(c) + ".",
                                "Create it: ponte mount create --target KIND/NAME[/CONTAINER]; or use --target here."));
                String kindWord = m.target().contains("/") ? m.target().substring(0, m.target().indexOf('/')) : "";
                WorkloadKind kind = Flags.kind("--mount", kindWord);
                plan = new BridgePlan(m.targetNamespace(), kind, m.workloadName(), m.targetContainer(), mappings, local, rules);
            }
            StepLines lines = new StepLines(ctx.term.err(), ctx.term.live());
            ctx.term.err().println("Bridge " + plan.kind().kind().toLowerCase() + "/" + plan.workload() + " in " + plan.namespace()
                    + " → " + local);
            Bridge b = new OperationRunner(ctx).run("Bridge " + plan.workload(),
                    (p, cancel) -> gw.bridge(plan, p, cancel, lines::step), lines, "the bridge of " + plan.workload());
            ctx.term.out().println("Bridge " + b.name() + " is active: requests to " + plan.kind().kind().toLowerCase() + "/"
                    + plan.workload() + " in " + plan.namespace() + " where " + Views.rulesText(rules) + " go to " + local
                    + " (" + Views.remoteToLocal(b.portMappings()) + "); all others to the cluster.");
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete bridges of this machine (gefyra bridge delete).")
    static final class Delete extends Base {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The bridge (or --all).")
        String name;

        @Option(names = {"-A", "--all"}, description = "Every bridge of this machine in the connection's cluster.")
        boolean all;

        @Option(names = "--remove-mount", description = "Also delete the mount when it was the last bridge on it and this "
                + "machine made it (the workload gets its original pods back).")
        boolean removeMount;

        @Mixin
        Target target = new Target();

        Delete(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if ((name == null) == !all) {
                throw CliException.usage("Name one bridge, or pass --all.", "Example: ponte bridge delete NAME; ponte bridge list shows them.");
            }
            CliServices s = services(target.kubeconfig);
            ConnectionSnapshot c = live(reconciled(s), target);
            notBusyElsewhere(s, c.name());
            BridgeGateway gw = s.bridges(c.connection());
            List<Bridge> mine = gw.bridges();
            List<Bridge> which = all ? mine : mine.stream().filter(b -> b.name().equals(name)).toList();
            if (which.isEmpty() && !all) {
                throw CliException.notFound("This machine has no bridge named " + name + " in " + label(c) + ".",
                        "ponte bridge list shows this machine's bridges.");
            }
            for (Bridge b : which) {
                StepLines lines = new StepLines(ctx.term.err(), ctx.term.live());
                List<String> done = new OperationRunner(ctx).run("Unbridge " + b.name(),
                        s.runs().unbridge(c.connection(), b.name(), b.mount(), removeMount), lines, "the cluster");
                done.forEach(line -> ctx.term.out().println(line));
            }
            if (which.isEmpty()) {
                ctx.term.out().println("No bridges to delete.");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", aliases = "ls", description = "This machine's bridges, with what stops one from carrying traffic.")
    static final class ListBridges extends Base {
        @Mixin
        Target target = new Target();

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
        Format output = Format.table;

        ListBridges(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliServices s = services(target.kubeconfig);
            var snapshot = reconciled(s);
            List<ConnectionSnapshot> conns = target.context != null || target.connectionName != null
                    ? List.of(live(snapshot, target)) : snapshot.live();
            List<Map<String, Object>> json = new ArrayList<>();
            Table t = new Table("NAME", "WORKLOAD", "LOCAL", "PORTS", "RULES", "STATE", "PROBLEM");
            for (ConnectionSnapshot c : conns) {
                BridgeGateway gw = s.bridges(c.connection());
                Map<String, BridgeMount> mounts = new LinkedHashMap<>();
                gw.mounts().forEach(m -> mounts.put(m.name(), m));
                Map<String, LocalContainer> locals = new LinkedHashMap<>();
                s.runs().localContainers(c.connection()).forEach(l -> locals.put(l.name(), l));
                String down = c.state() == ConnectionState.DOWN ? (c.health() == null ? "no answer" : c.health().reason()) : null;
                for (Bridge b : gw.bridges()) {
                    BridgeMount m = mounts.get(b.mount());
                    String flag = BridgeFlags.flag(b, locals.get(b.clientContainer()), down);
                    json.add(Views.bridge(c.name(), b, m, flag));
                    t.row(b.name(), m == null ? b.mount() : m.targetNamespace() + "/" + m.target(), b.clientContainer(),
                            Views.remoteToLocal(b.portMappings()), Views.rulesText(b.rules()), b.state(), flag);
                }
            }
            if (output == Format.json) {
                Json.print(ctx.term.out(), Json.obj("schema", "ponte.bridges/v1", "bridges", json));
            } else if (t.isEmpty()) {
                ctx.term.out().println(conns.isEmpty() ? "Not connected: no bridges." : "No bridges.");
            } else {
                t.print(ctx.term.out());
            }
            return ExitCode.OK;
        }
    }
}
