package dev.ponte.cli;

import dev.ponte.core.diagnostics.Check;
import dev.ponte.core.diagnostics.CheckState;
import dev.ponte.core.diagnostics.DiagnosticsReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ponte diagnose}: the window's diagnostics checklist for one context, before or while connected — each line
 * with its verdict, what was measured and the fix. Exits 1 when a line failed, so a script can stop on it.
 */
@Command(name = "diagnose", sortOptions = false,
        description = {"The diagnostics checklist of a context (the window's Diagnose): the engine, the API server, the "
                + "permissions Ponte needs, Gefyra's operator, Stowaway's endpoint, DNS and the MTU through the tunnel, "
                + "the proxy, the nodes and each bridge — with what was measured and the fix.",
                "Exits 1 when a line failed (a warning alone exits 0)."})
final class DiagnoseCommand extends Base {
    @Parameters(paramLabel = "CONTEXT", arity = "0..1", description = "The context to check (default: --context, else the current one).")
    String context;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
    Format output = Format.table;

    @Mixin
    Target target = new Target();

    DiagnoseCommand(Ctx ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        CliServices s = services(target.kubeconfig);
        String which = context != null ? context : target.context;
        if (which == null && target.connectionName != null) {
            which = named(reconciled(s), target).map(c -> c.context()).orElseThrow(() -> CliException.notFound(
                    "No connection named " + target.connectionName + ".", "ponte connections list shows them."));
        }
        if (which == null) {
            which = s.currentContext().orElseThrow(() -> CliException.usage("Which cluster? Your kubeconfig names no current context.",
                    "Pass a CONTEXT: ponte diagnose CONTEXT."));
        }
        String ctxName = which;
        List<String> known = s.contexts().stream().map(k -> k.name()).toList();
        if (!known.contains(ctxName)) {
            throw CliException.notFound("Context " + ctxName + " is not in your kubeconfig.",
                    known.isEmpty() ? "Add a context to your kubeconfig, or pass --kubeconfig FILE." : "Pass one of: " + String.join(", ", known) + ".");
        }
        reconciled(s); // the tunnel lines need to know whether this context has a live connection
        StepLines lines = new StepLines(ctx.term.err(), ctx.term.live());
        DiagnosticsReport r = new OperationRunner(ctx).run("Diagnose " + ctxName, s.diagnostics().check(ctxName), lines,
                "the cluster " + ctxName);
        if (output == Format.json) {
            List<Map<String, Object>> checks = new ArrayList<>();
            for (Check c : r.checks()) {
                checks.add(Json.obj("key", c.key(), "title", c.title(), "state", c.state().name().toLowerCase(java.util.Locale.ROOT),
                        "evidence", c.evidence(), "fix", c.fix().isEmpty() ? null : c.fix()));
            }
            Json.print(ctx.term.out(), Json.obj("schema", "ponte.diagnose/v1", "context", r.context(), "connection", r.connection(),
                    "connected", r.connected(), "at", r.at().toString(), "tookMillis", r.took().toMillis(),
                    "worst", r.worst().name().toLowerCase(java.util.Locale.ROOT),
                    "suggestedMtu", r.suggestedMtu().isPresent() ? r.suggestedMtu().getAsInt() : null, "checks", checks));
        } else {
            PrintWriter out = ctx.term.out();
            out.print(r.text());
            out.flush();
        }
        return r.count(CheckState.FAILED) > 0 ? ExitCode.FAILED : ExitCode.OK;
    }
}
