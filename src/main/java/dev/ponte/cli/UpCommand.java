package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionNames;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Journal;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", sortOptions = false,
        description = {"Connect a cluster, as gefyra up does: install Gefyra if it is missing, register this machine, create the "
                + "network, start Cargo and prove the WireGuard tunnel. The same steps as the window's Connect.",
                "Ctrl-C cancels and undoes what this attempt made."})
final class UpCommand extends Base {
    @Mixin
    Target target = new Target();

    @Option(names = "--registry", paramLabel = "REGISTRY",
            description = "Pull Gefyra's images from this registry (an air-gapped mirror), e.g. registry.example.com/gefyra.")
    String registry;

    @Option(names = "--mtu", paramLabel = "MTU", description = "The MTU of the tunnel (Cargo's WireGuard) and of the local "
            + "network, for this Connect (gefyra up --mtu); 576 to 9000. ponte diagnose suggests one when packets get lost.")
    Integer mtu;

    UpCommand(Ctx ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (mtu != null && (mtu < 576 || mtu > 9000)) {
            throw CliException.usage("--mtu " + mtu + " is out of range: an MTU is 576 to 9000 bytes.",
                    "WireGuard's default is 1420; behind a VPN try 1280, or ask ponte diagnose for a suggestion.");
        }
        CliServices s = ctx.services(new CliServices.Options(target.kubeconfig, registry));
        ConnectionsSnapshot all = reconciled(s);
        String context = context(s, all);
        Optional<ConnectionSnapshot> existing = all.of(context);
        if (existing.isPresent() && existing.get().state().isUp()) {
            ctx.term.out().println("Already connected: " + context + " (" + existing.get().name() + ", " + existing.get().headline() + ")");
            if (mtu != null) {
                ctx.term.err().println("--mtu " + mtu + " was not applied to the running connection: ponte down, then ponte up --mtu "
                        + mtu + " (the window's Apply MTU reconnects in place).");
            }
            return ExitCode.OK;
        }
        if (target.connectionName != null) {
            name(s, context, target.connectionName);
        }
        boolean resume = existing.isPresent() && existing.get().state() == ConnectionState.INTERRUPTED;
        if (resume && !existing.get().can(Action.RESUME)) {
            throw new CliException(ExitCode.FAILED, "Context " + context + " has parts of a connection " + existing.get().leftovers().origin()
                    + " left (" + existing.get().leftovers().summary() + ") that Ponte cannot resume.",
                    "Remove them first: ponte clean --clean-up " + context + "; then ponte up again.");
        }
        s.connections().show(context);
        if (mtu != null && !s.connections().applyMtu(context, mtu)) {
            throw new CliException(ExitCode.BUSY, "--mtu " + mtu + " cannot be applied to " + context + " now: its connection is busy "
                    + "or was made by the gefyra CLI.", "Wait for it to finish (ponte status), or remove it first: ponte clean --clean-up " + context + ".");
        }
        notBusyElsewhere(s, s.connections().journal().knownIdentity(context).map(Journal.Identity::connection).orElse(null));
        ConnectionFollower follow = new ConnectionFollower(ctx, s);
        ConnectionFollower.Outcome o = follow.run(context, (resume ? "Resume " : "Connect ") + context, () -> {
            if (resume) {
                s.connections().resume(context);
            } else {
                s.connections().connect(context);
            }
        });
        if (o.interrupted()) {
            return follow.interrupted(o);
        }
        ConnectionSnapshot c = o.connection();
        if (c.state().isUp()) {
            ctx.term.out().println(c.result().isEmpty() ? "Connected: " + context : c.result());
            return ExitCode.OK;
        }
        if (c.problem() != null) {
            problem(c.problem());
            return "Busy in another Ponte".equals(c.problem().title()) ? ExitCode.BUSY : ExitCode.FAILED;
        }
        ctx.term.err().println("Not connected: " + c.headline() + (c.result().isEmpty() ? "" : ". " + c.result()));
        return ExitCode.FAILED;
    }

    private String context(CliServices s, ConnectionsSnapshot all) {
        String context = target.context;
        if (context == null && target.connectionName != null) {
            context = all.connections().stream().filter(c -> target.connectionName.equals(c.name())).map(Views::context)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        if (context == null) {
            context = s.currentContext().orElseThrow(() -> CliException.usage(
                    "Which cluster? Your kubeconfig names no current context.",
                    "Pass --context CONTEXT (one of: " + String.join(", ", contextNames(s)) + ")."));
        }
        if (!contextNames(s).contains(context)) {
            throw CliException.notFound("Context " + context + " is not in your kubeconfig"
                    + (target.kubeconfig == null ? "" : " (" + target.kubeconfig + ")") + ".",
                    contextNames(s).isEmpty() ? "Add a context to your kubeconfig, or pass --kubeconfig FILE."
                            : "Pass one of: " + String.join(", ", contextNames(s)) + ".");
        }
        return context;
    }

    /**
     * {@code --connection-name}: the context's connection gets that name the first time it connects (Ponte keeps a
     * context's names once it has them, so the network and Cargo never change under running containers).
     */
    private static void name(CliServices s, String context, String name) {
        if (ConnectionNames.checkedName(name).isEmpty() || name.length() > 40) {
            throw CliException.usage("--connection-name " + name + " cannot name a connection.",
                    "Use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 40 "
                            + "characters (room for gefyra-network-NAME), e.g. --connection-name dev.");
        }
        Journal journal = s.connections().journal();
        Optional<Journal.Identity> known = journal.knownIdentity(context);
        if (known.isPresent()) {
            if (!known.get().connection().equals(name)) {
                throw CliException.usage("Context " + context + "'s connection is named " + known.get().connection()
                        + " (fixed when it first connected), not " + name + ".",
                        "Leave out --connection-name, or pass --connection-name " + known.get().connection() + ".");
            }
            return;
        }
        if (journal.identities().stream().anyMatch(i -> i.connection().equals(name))) {
            throw CliException.usage("The name " + name + " belongs to another context's connection.",
                    "Choose another --connection-name, or leave it out (Ponte then names it after the context).");
        }
        journal.adopt(new Journal.Identity(context, name, ConnectionNames.clientId(s.machine(), name)));
    }
}
