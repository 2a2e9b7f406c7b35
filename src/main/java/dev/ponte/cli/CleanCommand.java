package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "clean", sortOptions = false,
        description = {"What an earlier run left (a crash, a kill, Ctrl-C that could not undo everything, the gefyra CLI), "
                + "from Ponte's journal and the objects' labels — the window's recovery banner on the command line.",
                "Without an action it lists the leftovers; --resume or --clean-up acts on one context, or on all with --all."})
final class CleanCommand extends Base {
    @Parameters(paramLabel = "CONTEXT", arity = "0..1", description = "The context whose leftovers to act on.")
    String context;

    @ArgGroup
    ActionFlag action;

    static final class ActionFlag {
        @Option(names = "--resume", required = true, description = "Resume: keep what is there and connect again (or re-attach).")
        boolean resume;

        @Option(names = "--clean-up", required = true, description = "Clean up: remove what was left.")
        boolean cleanUp;
    }

    @Option(names = "--all", description = "Act on every context with leftovers.")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json (listing only)")
    Format output = Format.table;

    @Mixin
    Target target = new Target();

    CleanCommand(Ctx ctx) {
        super(ctx);
    }

    static List<ConnectionSnapshot> leftovers(ConnectionsSnapshot s) {
        return s.connections().stream().filter(c -> c.leftovers() != null && (c.can(Action.CLEAN_UP) || c.can(Action.RESUME))).toList();
    }

    @Override
    public Integer call() {
        if (context == null && target.context != null) {
            context = target.context;
        }
        if (action != null && context == null && !all) {
            throw CliException.usage("Which context? " + (action.resume ? "--resume" : "--clean-up") + " acts on one context "
                    + "(or on all with --all).", "Example: ponte clean --clean-up kind-dev; ponte clean lists them.");
        }
        CliServices s = services(target.kubeconfig);
        ConnectionsSnapshot snapshot = reconciled(s);
        List<ConnectionSnapshot> left = leftovers(snapshot).stream()
                .filter(c -> context == null || context.equals(c.context()) || context.equals(c.name())).toList();
        if (action == null) {
            return list(left);
        }
        if (left.isEmpty()) {
            throw CliException.notFound(context == null ? "Nothing is left over." : "Context " + context + " has nothing left over.",
                    "ponte clean lists what earlier runs left.");
        }
        int code = ExitCode.OK;
        for (ConnectionSnapshot c : left) {
            code = Math.max(code, act(s, c));
            if (code == ExitCode.INTERRUPTED) {
                break;
            }
        }
        return code;
    }

    private int list(List<ConnectionSnapshot> left) {
        if (output == Format.json) {
            List<Map<String, Object>> json = new ArrayList<>();
            for (ConnectionSnapshot c : left) {
                json.add(Json.obj("context", Views.context(c), "name", c.name(), "state", Views.stateKey(c),
                        "interrupted", c.leftovers().interrupted(), "origin", c.leftovers().origin(),
                        "clusterChecked", c.leftovers().clusterChecked(), "parts", Views.leftovers(c.leftovers()),
                        "actions", List.of(c.can(Action.RESUME) ? "resume" : null, c.can(Action.CLEAN_UP) ? "clean-up" : null)
                                .stream().filter(java.util.Objects::nonNull).toList()));
            }
            Json.print(ctx.term.out(), Json.obj("schema", "ponte.leftovers/v1", "leftovers", json));
            return ExitCode.OK;
        }
        var out = ctx.term.out();
        if (left.isEmpty()) {
            out.println("Nothing left over.");
            return ExitCode.OK;
        }
        for (ConnectionSnapshot c : left) {
            out.println(label(c) + " (" + c.name() + "): " + (c.leftovers().interrupted() == null ? "left by " + c.leftovers().origin()
                    : c.leftovers().interrupted() + " was interrupted") + (c.leftovers().clusterChecked() ? "" : " — the cluster did not answer; listed from the journal"));
            c.leftovers().parts().forEach(p -> out.println("  " + Table.oneLine(p.describe())));
            List<String> how = new ArrayList<>();
            String ctxArg = Views.context(c) == null ? c.name() : Views.context(c);
            if (c.can(Action.RESUME)) {
                how.add("ponte clean --resume " + ctxArg);
            }
            if (c.can(Action.CLEAN_UP)) {
                how.add("ponte clean --clean-up " + ctxArg);
            }
            out.println("  → " + String.join("   or   ", how));
        }
        out.flush();
        return ExitCode.OK;
    }

    private int act(CliServices s, ConnectionSnapshot c) {
        boolean resume = action.resume;
        if (!c.can(resume ? Action.RESUME : Action.CLEAN_UP)) {
            throw new CliException(ExitCode.FAILED, label(c) + " cannot be " + (resume ? "resumed" : "cleaned up") + " now ("
                    + c.headline() + ").", resume ? "Clean it up instead: ponte clean --clean-up " + c.context() : "");
        }
        notBusyElsewhere(s, c.name());
        boolean parts = c.state().isUp(); // a Run/Bridge/Unbridge interrupted inside a standing connection
        ConnectionFollower follow = new ConnectionFollower(ctx, s);
        String title = (resume ? "Resume " : "Clean up ") + c.context();
        ConnectionFollower.Outcome o;
        if (parts) {
            ctx.term.err().println(title);
            if (resume) {
                s.connections().resume(c.context());
            } else {
                s.connections().cleanUp(c.context());
            }
            ConnectionsSnapshot end = await(s.connections(), x -> x.of(c.context()).map(y -> y.leftovers() == null
                    || y.problem() != null).orElse(true), ConnectionFollower.OPERATION_WAIT, x -> { }, title);
            ConnectionSnapshot done = end.of(c.context()).orElseThrow();
            o = new ConnectionFollower.Outcome(done, false, null);
        } else {
            o = follow.run(c.context(), title, () -> {
                if (resume) {
                    s.connections().resume(c.context());
                } else {
                    s.connections().cleanUp(c.context());
                }
            });
        }
        if (o.interrupted()) {
            return follow.interrupted(o);
        }
        ConnectionSnapshot end = o.connection();
        if (end.problem() != null) {
            problem(end.problem());
            return ExitCode.FAILED;
        }
        ctx.term.out().println(label(end) + ": " + (end.result().isEmpty() ? end.headline() : end.result()));
        return ExitCode.OK;
    }
}
