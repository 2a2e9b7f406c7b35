package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.port.ContainerEngine.Mount;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.run.ImageReference;
import dev.ponte.core.run.RunInput;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", sortOptions = false,
        description = {"Run a local container inside the cluster's network, as gefyra run does: on the connection's network "
                + "with Stowaway's DNS and the namespace's search domains, routed through Cargo. The same steps as the "
                + "window's Run dialog.",
                "Ports are published on 127.0.0.1 unless -p names another address. The container runs detached (gefyra's -d); "
                        + "follow its output with: ponte logs --follow NAME. Ctrl-C cancels and removes it again."})
final class RunCommand extends Base {
    /** The Run dialog's timeout for its waits. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Option(names = {"-i", "--image"}, required = true, paramLabel = "IMAGE", description = "The image (local or pulled).")
    String image;

    @Option(names = {"-N", "--name"}, required = true, paramLabel = "NAME", description = "The container's name.")
    String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "Short Service names resolve in this namespace (default: the context's namespace, else default).")
    String namespace;

    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND", description = "The command, as one string (default: the image's).")
    String command;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable (repeatable); overrides --env-from.")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-from", paramLabel = "KIND/NAME[/CONTAINER]",
            description = "Copy the environment of a workload container: deployment/api, sts/db/postgres.")
    String envFrom;

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]", description = "Mount a folder (repeatable).")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-p", "--expose"}, paramLabel = "[IP:]HOST:CONTAINER", description = "Publish a port (repeatable).")
    List<String> ports = new ArrayList<>();

    @Option(names = "--rm", description = "Remove the container when it stops.")
    boolean autoRemove;

    @Option(names = {"-d", "--detach"}, description = "Accepted for gefyra compatibility: Ponte's run always detaches.")
    boolean detach;

    @Mixin
    Target target = new Target();

    @Parameters(paramLabel = "COMMAND", description = "The command and its arguments after --.")
    List<String> trailing = new ArrayList<>();

    RunCommand(Ctx ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (command != null && !trailing.isEmpty()) {
            throw CliException.usage("Give the command either with --command or after --, not both.",
                    "Example: ponte run -i IMAGE -N NAME -- python -m http.server 8000");
        }
        name = name.strip();
        image = image.strip();
        check("-N " + quoted(name), RunInput.nameError(name), "Example: -N api-local");
        check("-i " + quoted(image), ImageReference.validate(image), "Example: -i ghcr.io/acme/api:dev");
        if (namespace != null) {
            check("-n " + quoted(namespace), RunInput.namespaceError(namespace), "Example: -n shop");
        }
        if (command != null) {
            check("--command", RunInput.commandError(command), "Close the quote, or pass the command after --.");
        }
        List<String> cmd = command != null ? RunInput.splitCommand(command) : trailing;
        Map<String, String> vars = new LinkedHashMap<>();
        env.forEach(e -> {
            String[] kv = Flags.env(e);
            check("--env " + quoted(kv[0]), RunInput.envError(kv[0], kv[1]), "Example: --env LOG_LEVEL=debug");
            vars.put(kv[0], kv[1]);
        });
        Flags.Workload from = envFrom == null ? null : Flags.workload("--env-from", envFrom);
        Path cwd = Path.of("").toAbsolutePath();
        List<Mount> mounts = volumes.stream().map(v -> {
            Mount m = Flags.volume(v, cwd);
            check("-v " + quoted(v), RunInput.mountError(m.source(), m.target()), "Example: -v ./src:/app/src:ro");
            return m;
        }).toList();
        List<PortBinding> bindings = ports.stream().map(Flags::publish).toList();
        java.util.Set<String> published = new java.util.HashSet<>();
        for (PortBinding b : bindings) {
            if (!published.add(b.hostIp() + ":" + b.hostPort() + "/" + b.protocol())) {
                throw CliException.usage("-p: host port " + b.hostPort() + " is published twice.",
                        "Give each -p its own host port, e.g. -p 8080:80 -p 8443:443.");
            }
        }

        CliServices s = services(target.kubeconfig);
        ConnectionSnapshot c = live(reconciled(s), target);
        notBusyElsewhere(s, c.name());
        String ns = namespace != null ? namespace.strip() : namespaceOf(s, c.context());
        check("The context's namespace " + quoted(ns), RunInput.namespaceError(ns), "Pass the namespace with -n, e.g. -n shop.");
        RunRequest.EnvFrom envSource = null;
        if (from != null) {
            String container = from.container();
            if (container == null) {
                WorkloadDetail d = s.runs().describe(c.connection(), ns, from.kind(), from.name());
                container = d.containers().stream().map(ContainerDetail::name).findFirst().orElseThrow(() ->
                        CliException.notFound(from.kind().kind() + " " + from.name() + " has no containers.", "Check --env-from."));
            }
            envSource = new RunRequest.EnvFrom(ns, from.kind(), from.name(), container);
        }
        RunRequest request = new RunRequest(c.connection(), name, image, cmd, ns, vars, envSource, mounts, bindings,
                autoRemove, 0, 0, TIMEOUT);
        StepLines lines = new StepLines(ctx.term.err(), ctx.term.live());
        ctx.term.err().println("Run " + name + " in " + c.name());
        RunResult r = new OperationRunner(ctx).run("Run " + name, s.runs().run(request, lines::step), lines, "the container engine");
        if (r.envSource() != null) {
            ctx.term.err().println("Environment from " + r.envSource());
        }
        r.envProblems().forEach(p -> ctx.term.err().println("  not copied: " + Table.oneLine(p)));
        ctx.term.out().println("Running " + r.container().name() + " at " + r.container().ip() + " on " + c.connection().networkName()
                + " (namespace " + ns + ")" + (bindings.isEmpty() ? "" : ", ports " + Views.ports(bindings))
                + (r.repointed().isEmpty() ? "" : "; bridges re-pointed: " + String.join(", ", r.repointed())));
        return ExitCode.OK;
    }

    /** A usage error (exit 2) when {@code error} names one: "{@code what}: {@code error}", then the example. */
    private static void check(String what, String error, String example) {
        if (error != null) {
            throw CliException.usage(what + ": " + error, example);
        }
    }

    private static String quoted(String typed) {
        return RunInput.shorten(RunInput.printable(typed));
    }
}
