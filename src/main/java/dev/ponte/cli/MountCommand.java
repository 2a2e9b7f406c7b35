package dev.ponte.cli;

import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mount", description = "Prepare workloads for bridging (gefyra mount): Carrier2 in the pods, a shadow copy "
        + "serving everyone else. ponte bridge create --target does this itself when needed.",
        subcommands = {MountCommand.Create.class, MountCommand.Delete.class, MountCommand.ListMounts.class})
final class MountCommand {
    @Command(name = "create", sortOptions = false, description = "Prepare one workload container (gefyra mount create). "
            + "Ctrl-C cancels and deletes the mount again.")
    static final class Create extends Base {
        @Option(names = {"-t", "--target"}, required = true, paramLabel = "KIND/NAME[/CONTAINER]",
                description = "deployment/api/web, statefulset/db (default container: the first).")
        String targetSpec;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The workload's namespace (default: the context's).")
        String namespace;

        @Option(names = "--name", paramLabel = "NAME", description = "The mount's name (default: <workload>-<namespace>-<random>).")
        String name;

        @Mixin
        Target target = new Target();

        Create(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Flags.Workload w = Flags.workload("--target", targetSpec);
            if (name != null && !name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                throw CliException.usage("--name " + name + " is not a Kubernetes object name.",
                        "Use lower-case letters, digits and '-', at most 63 characters, e.g. --name api-shop.");
            }
            CliServices s = services(target.kubeconfig);
            ConnectionSnapshot c = live(reconciled(s), target);
            notBusyElsewhere(s, c.name());
            String ns = namespace != null ? namespace : namespaceOf(s, c.context());
            String container = w.container() != null ? w.container()
                    : s.runs().describe(c.connection(), ns, w.kind(), w.name()).containers().stream().map(ContainerDetail::name)
                    .findFirst().orElseThrow(() -> CliException.notFound(w.name() + " has no containers.", "Check --target."));
            BridgeGateway gw = s.bridges(c.connection());
            StepLines lines = new StepLines(ctx.term.err(), ctx.term.live());
            ctx.term.err().println("Mount " + w.kind().kind().toLowerCase() + "/" + w.name() + " in " + ns);
            BridgeMount m = new OperationRunner(ctx).run("Mount " + w.name(),
                    (p, cancel) -> gw.mount(ns, w.kind(), w.name(), container, name, p, cancel, lines::step), lines, "the cluster");
            ctx.term.out().println("Mount " + m.name() + " is " + m.state() + ": " + m.target() + " in " + m.targetNamespace()
                    + ", container " + m.targetContainer() + ". Bridge it: ponte bridge create --mount " + m.name()
                    + " --local CONTAINER -p REMOTE:LOCAL --match-…");
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete a mount (gefyra mount delete): its bridges go, Carrier2 and "
            + "the shadow copy go, and the workload restarts with its original pods.")
    static final class Delete extends Base {
        @Parameters(paramLabel = "NAME", description = "The mount.")
        String name;

        @Option(names = "--force", description = "Delete it even when other users' bridges use it.")
        boolean force;

        @Mixin
        Target target = new Target();

        Delete(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliServices s = services(target.kubeconfig);
            ConnectionSnapshot c = live(reconciled(s), target);
            notBusyElsewhere(s, c.name());
            BridgeGateway gw = s.bridges(c.connection());
            BridgeMount m = gw.mounts().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> CliException.notFound("No mount named " + name + " in " + label(c) + ".",
                            "ponte mount list shows the mounts."));
            List<Bridge> onIt = gw.bridgesOf(name);
            List<Bridge> others = onIt.stream().filter(b -> !c.clientId().equals(b.client())).toList();
            if (!others.isEmpty() && !force) {
                throw new CliException(ExitCode.FAILED, "Mount " + name + " carries " + others.size()
                        + " bridge(s) of other users; deleting it removes theirs too.",
                        "Ask them first, then: ponte mount delete --force " + name);
            }
            StepLines lines = new StepLines(ctx.term.err(), ctx.term.live());
            ctx.term.err().println("Delete mount " + name);
            for (Bridge b : onIt) {
                if (c.clientId().equals(b.client())) { // this machine's bridges first, as ponte bridge delete does
                    new OperationRunner(ctx).run("Unbridge " + b.name(), s.runs().unbridge(c.connection(), b.name(), name, false),
                            lines, "the cluster").forEach(line -> ctx.term.out().println(line));
                }
            }
            new OperationRunner(ctx).run("Delete mount " + name, (p, cancel) -> {
                p.step("Delete the mount and restore " + m.workloadName(), 1, 1);
                gw.deleteMount(name, cancel);
                return name;
            }, lines, "the cluster");
            ctx.term.out().println("Mount " + name + " deleted; " + m.target() + " in " + m.targetNamespace()
                    + " restarts with its original pods.");
            return ExitCode.OK;
        }
    }

    @Command(name = "list", aliases = "ls", description = "The mounts in the connection's cluster (every user's).")
    static final class ListMounts extends Base {
        @Mixin
        Target target = new Target();

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
        Format output = Format.table;

        ListMounts(Ctx ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliServices s = services(target.kubeconfig);
            ConnectionSnapshot c = live(reconciled(s), target);
            List<BridgeMount> mounts = s.bridges(c.connection()).mounts();
            if (output == Format.json) {
                Json.print(ctx.term.out(), Json.obj("schema", "ponte.mounts/v1", "connection", c.name(),
                        "mounts", mounts.stream().map(m -> Views.mount(m, c.clientId())).toList()));
                return ExitCode.OK;
            }
            if (mounts.isEmpty()) {
                ctx.term.out().println("No mounts in " + label(c) + ".");
                return ExitCode.OK;
            }
            Table t = new Table("NAME", "NAMESPACE", "TARGET", "CONTAINER", "STATE", "BY THIS MACHINE");
            mounts.forEach(m -> t.row(m.name(), m.targetNamespace(), m.target(), m.targetContainer(), m.state(),
                    c.clientId() != null && c.clientId().equals(m.createdBy()) ? "yes" : "no"));
            t.print(ctx.term.out());
            return ExitCode.OK;
        }
    }
}
