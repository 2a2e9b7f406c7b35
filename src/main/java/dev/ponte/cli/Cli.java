package dev.ponte.cli;

import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Set;
import picocli.CommandLine;

/**
 * The command line's entry: parses with picocli (no hand-written parsing), runs one command on the core services, and
 * turns every outcome into a message and an exit code ({@link ExitCode}). {@code app.Main} calls it when
 * {@code ponte} gets arguments.
 */
public final class Cli {
    /** Words that make {@code ponte ARGS} a command line rather than the window opening files. */
    public static final Set<String> COMMANDS = Set.of("up", "down", "status", "connections", "run", "list", "ls", "mount",
            "bridge", "logs", "clean", "diagnose", "help");

    private Cli() {
    }

    /**
     * True when the arguments are for the command line, not kubeconfig files for the window (nor the process serial
     * number older macOS hands an app started from the Finder): a command, an option, or a bare word that names no
     * file — a mistyped command ({@code ponte sttaus}), which picocli then answers with "Did you mean".
     */
    public static boolean wants(String[] args) {
        if (args.length == 0 || args[0].startsWith("-psn_")) {
            return false;
        }
        String first = args[0];
        if (COMMANDS.contains(first) || first.startsWith("-")) {
            return true;
        }
        if (first.contains("/") || first.contains(java.io.File.separator)) {
            return false;
        }
        try {
            return !java.nio.file.Files.exists(java.nio.file.Path.of(first));
        } catch (java.nio.file.InvalidPathException e) {
            return true; // no file can have that name: the command line says what is wrong with it
        }
    }

    /**
     * Runs one command line.
     *
     * @param version Ponte's version, for {@code --version}
     * @return the exit code
     */
    public static int run(String[] args, Terminal term, CliServices.Factory factory, Interrupts interrupts, String version) {
        try (Ctx ctx = new Ctx(term, interrupts, factory, version)) {
            CommandLine cl = commandLine(ctx);
            cl.setOut(term.out());
            cl.setErr(term.err());
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> failed(term.err(), ex));
            cl.setParameterExceptionHandler((ex, ignored) -> {
                PrintWriter err = term.err();
                err.println("Error: " + ex.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
                err.println("  See: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
                err.flush();
                return ExitCode.USAGE;
            });
            return cl.execute(args);
        } finally {
            interrupts.settled();
        }
    }

    /** The whole command tree (also what the completion scripts are generated from). */
    static CommandLine commandLine(Ctx ctx) {
        return new CommandLine(new PonteCommand(), new Factory(ctx))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setAbbreviatedOptionsAllowed(false);
    }

    private static int failed(PrintWriter err, Exception ex) {
        if (ex instanceof CliException c) {
            err.println((c.code() == ExitCode.INTERRUPTED ? "" : "Error: ") + Table.oneLine(c.getMessage()));
            if (c.advice() != null && !c.advice().isEmpty()) {
                err.println("  " + Table.oneLine(c.advice()));
            }
            err.flush();
            return c.code();
        }
        Problem p = ErrorAdvice.explain(ex, "the cluster");
        err.println("Error: " + Table.oneLine(p.title()) + ": " + Table.oneLine(p.detail()));
        if (p.advice() != null && !p.advice().isEmpty()) {
            err.println("  " + Table.oneLine(p.advice()));
        }
        err.flush();
        org.slf4j.LoggerFactory.getLogger(Cli.class).warn("Command failed: {}", p.describe(), ex);
        return p.kind() == Problem.Kind.NOT_FOUND ? ExitCode.NOT_FOUND : ExitCode.FAILED;
    }

    /** Commands get the run's context through their constructor; everything else picocli makes itself. */
    private record Factory(Ctx ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(Ctx.class);
                c.setAccessible(true);
                return c.newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
