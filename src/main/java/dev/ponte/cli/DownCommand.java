package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "down", sortOptions = false,
        description = {"Disconnect, as the window's Disconnect does: removes Cargo, the network and the containers on it, this "
                + "connection's bridges and the mounts Ponte made for it that no one else uses, its files and its GefyraClient, "
                + "then checks that nothing is left.",
                "With --uninstall also removes Gefyra from the cluster (every user's clients, mounts and bridges), as gefyra down does."})
final class DownCommand extends Base {
    @Mixin
    Target target = new Target();

    @Option(names = "--uninstall", description = "Also remove Gefyra from the cluster (operator, Stowaway, CRDs, RBAC, webhook).")
    boolean uninstall;

    DownCommand(Ctx ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        CliServices s = services(target.kubeconfig);
        return disconnect(ctx, s, reconciled(s), target, uninstall);
    }

    /** Shared with {@code connections disconnect|remove}. */
    static int disconnect(Ctx ctx, CliServices s, ConnectionsSnapshot all, Target target, boolean uninstall) {
        ConnectionSnapshot c = named(all, target).filter(x -> x.can(Action.DISCONNECT) || x.can(Action.CLEAN_UP))
                .orElseGet(() -> live(all, target));
        String context = c.context();
        notBusyElsewhere(s, c.name());
        boolean cleanUp = !c.can(Action.DISCONNECT);
        if (uninstall && !c.can(Action.UNINSTALL)) {
            throw CliException.notConnected("--uninstall needs a connection to the cluster; " + label(c) + " is " + c.headline() + ".",
                    "Run ponte down without --uninstall to remove what is left, then ponte up and ponte down --uninstall.");
        }
        ConnectionFollower follow = new ConnectionFollower(ctx, s);
        String title = cleanUp ? "Clean up " + context : (uninstall ? "Disconnect and uninstall " : "Disconnect ") + context;
        ConnectionFollower.Outcome o = follow.run(context, title, () -> {
            if (cleanUp) {
                s.connections().cleanUp(context);
            } else {
                s.connections().disconnect(context, uninstall);
            }
        });
        if (o.interrupted()) {
            return follow.interrupted(o);
        }
        ConnectionSnapshot end = o.connection();
        if (end.problem() != null && !end.state().equals(dev.ponte.core.connections.ConnectionState.NOT_CONNECTED)) {
            problem(ctx, end.problem());
            return "Busy in another Ponte".equals(end.problem().title()) ? ExitCode.BUSY : ExitCode.FAILED;
        }
        ctx.term.out().println(end.result().isEmpty() ? "Disconnected: " + label(end) : end.result());
        return ExitCode.OK;
    }
}
