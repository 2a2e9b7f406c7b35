package dev.ponte.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ponte", mixinStandardHelpOptions = true, versionProvider = PonteCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        header = "Ponte: your local container inside a Kubernetes cluster (Gefyra 2.5.4's protocol).",
        description = {"Without arguments ponte opens the window. With a command it runs on the command line, on the same core "
                + "as the window: a connection made here shows there and the other way round.",
                "Progress goes to standard error, results to standard output; -o json gives a stable shape for scripts."},
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ConnectionsCommand.class, RunCommand.class,
                ListCommand.class, MountCommand.class, BridgeCommand.class, LogsCommand.class, CleanCommand.class, DiagnoseCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:done",
            " 1:the operation failed (the message says why and what to do)",
            " 2:usage: a wrong command or flag; nothing was changed",
            " 3:not connected (for the context asked)",
            " 4:not found (container, bridge, mount, context, workload)",
            " 5:another Ponte (the window, another command) works on this connection now",
            "130:interrupted with Ctrl-C; what the operation had made was undone"},
        footer = {"%nEvery gefyra command and its ponte equivalent: see README.md, \"The command line\"."})
final class PonteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code ponte --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        private final Ctx ctx;

        Version(Ctx ctx) {
            this.ctx = ctx;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"ponte " + (ctx == null ? "" : ctx.version) + " (speaks Gefyra " + dev.ponte.core.gefyra.Gefyra.VERSION + ")"};
        }
    }
}
