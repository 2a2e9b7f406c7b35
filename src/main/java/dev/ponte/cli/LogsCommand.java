package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.logs.LogFilter;
import dev.ponte.core.logs.LogFollower;
import dev.ponte.core.logs.LogLine;
import dev.ponte.core.logs.LogLineParser;
import dev.ponte.core.model.Change;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", sortOptions = false,
        description = {"The logs of a workload (all its pods, each line tagged with its pod), a pod, or a local container — "
                + "the window's log viewer on the command line: a dropped stream reconnects from its last line.",
                "TARGET: deployment/NAME (deploy), statefulset/NAME (sts), daemonset/NAME (ds), pod/NAME, or a local "
                        + "container's name (container/NAME)."})
final class LogsCommand extends Base {
    /** How long a workload lookup waits for the API server's list. */
    static final Duration LOOKUP_WAIT = Duration.ofSeconds(20);

    @Parameters(paramLabel = "TARGET", description = "deployment/api, pod/api-7d9c5-x2k, api-local")
    String what;

    @Option(names = {"-f", "--follow"}, description = "Keep streaming new lines until Ctrl-C.")
    boolean follow;

    @Option(names = "--since", paramLabel = "AGE", description = "Only lines newer than this: 30s, 10m, 2h.")
    String since;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines of each stream (default: all; 1000 with --follow).")
    Integer tail;

    @Option(names = "--grep", paramLabel = "REGEX", description = "Only lines matching this regular expression (case-insensitive).")
    String grep;

    @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER", description = "The pod's container (default: the first).")
    String container;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The namespace (default: the context's).")
    String namespace;

    @Option(names = "--timestamps", description = "Start each line with its time.")
    boolean timestamps;

    @Mixin
    Target target = new Target();

    LogsCommand(Ctx ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws InterruptedException {
        Duration age = since == null ? null : age(since);
        LogFilter.Compiled filter = new LogFilter(grep, true, false, false).compile();
        if (!filter.valid()) {
            throw CliException.usage("--grep " + grep + ": " + filter.error(), "Example: --grep 'error|warn'");
        }
        CliServices s = services(target.kubeconfig);
        LogSource source = source(s);
        List<String> parts = source.parts();
        if (parts.isEmpty()) {
            throw CliException.notFound(source.title() + " has no pods now.", "Wait until it has pods, or check the name.");
        }
        LogRequest request = new LogRequest(container, false, follow, tail != null ? tail : follow && age == null ? 1000 : null, age, null);
        boolean tag = parts.size() > 1;
        CountDownLatch ended = new CountDownLatch(parts.size());
        AtomicReference<dev.ponte.core.task.Problem> failure = new AtomicReference<>();
        Map<String, LogFollower> followers = new ConcurrentHashMap<>();
        LogLineParser parser = new LogLineParser(new AtomicLong());
        Object printLock = new Object();
        for (String part : parts) {
            LogFollower f = new LogFollower(source, part, request, parser, s.scheduler(), Backoff.DEFAULT, s.clock(),
                    new LogFollower.Sink() {
                        @Override
                        public void lines(List<LogLine> lines) {
                            synchronized (printLock) {
                                for (LogLine l : lines) {
                                    if (l.isNotice() ? l.kind() == LogLine.Kind.GAP : filter.matches().test(l)) {
                                        print(l, tag);
                                    }
                                }
                                ctx.term.out().flush();
                            }
                        }

                        @Override
                        public void state(LogFollower.State state) {
                            if (state.status() == LogFollower.Status.FAILED) {
                                failure.compareAndSet(null, state.problem());
                                ended.countDown();
                            } else if (state.status() == LogFollower.Status.ENDED) {
                                ended.countDown();
                            } else if (state.status() == LogFollower.Status.RECONNECTING && state.problem() != null) {
                                ctx.term.err().println("(" + part + ": " + state.problem().title() + "; reconnecting in "
                                        + state.retryIn().toSeconds() + " s)");
                                ctx.term.err().flush();
                            }
                        }
                    });
            followers.put(part, f);
        }
        try (Interrupts.Registration ignored = ctx.interrupts.onInterrupt(() -> {
            followers.values().forEach(LogFollower::close);
            for (int i = 0; i < parts.size(); i++) {
                ended.countDown();
            }
        })) {
            followers.values().forEach(LogFollower::start);
            ended.await();
        } finally {
            followers.values().forEach(LogFollower::close);
        }
        if (ctx.interrupts.fired()) {
            return ExitCode.INTERRUPTED;
        }
        if (failure.get() != null) {
            problem(failure.get());
            return failure.get().kind() == dev.ponte.core.task.Problem.Kind.NOT_FOUND ? ExitCode.NOT_FOUND : ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    private void print(LogLine l, boolean tag) {
        StringBuilder sb = new StringBuilder();
        if (timestamps && l.time() != null) {
            sb.append(l.time()).append(' ');
        }
        if (tag) {
            sb.append('[').append(l.source()).append("] ");
        }
        sb.append(Table.oneLine(l.text()));
        ctx.term.out().println(sb);
    }

    private LogSource source(CliServices s) throws InterruptedException {
        int slash = what.indexOf('/');
        String kindWord = slash < 0 ? "container" : what.substring(0, slash).toLowerCase(Locale.ROOT);
        String name = slash < 0 ? what : what.substring(slash + 1);
        if (name.isEmpty()) {
            throw CliException.usage("logs " + what + ": the name is missing.", "Example: ponte logs deployment/api");
        }
        if (kindWord.equals("container") || kindWord.equals("c")) {
            return s.containerLogs(name);
        }
        String context = context(s);
        String ns = namespace != null ? namespace : namespaceOf(s, context);
        if (kindWord.equals("pod") || kindWord.equals("po") || kindWord.equals("pods")) {
            return s.podLogs(context, ns, name);
        }
        WorkloadKind kind = Flags.kind("logs", kindWord);
        return s.workloadLogs(context, workload(s, context, ns, kind, name));
    }

    private String context(CliServices s) {
        if (target.context != null) {
            return target.context;
        }
        if (target.connectionName != null) {
            ConnectionSnapshot c = named(reconciled(s), target).orElseThrow(() -> CliException.notFound(
                    "No connection named " + target.connectionName + ".", "ponte connections list shows them."));
            return c.context();
        }
        return s.currentContext().orElseThrow(() -> CliException.usage("Which cluster? Your kubeconfig names no current context.",
                "Pass --context CONTEXT."));
    }

    /** The workload with its selector, from the API server's list (the same watch the window's table uses). */
    private static Workload workload(CliServices s, String context, String ns, WorkloadKind kind, String name)
            throws InterruptedException {
        List<Workload> seen = new ArrayList<>();
        CountDownLatch synced = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        try (ClusterSession session = s.clusters().open(context)) {
            Subscription watch = session.watchWorkloads(ns, new StreamListener<>() {
                @Override
                public void onChange(Change<Workload> change) {
                    synchronized (seen) {
                        seen.add(change.item());
                    }
                }

                @Override
                public void onSynced() {
                    synced.countDown();
                }

                @Override
                public void onError(Throwable e) {
                    error.set(e);
                    synced.countDown();
                }
            });
            try {
                if (!synced.await(LOOKUP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new CliException(ExitCode.FAILED, "The API server of " + context + " did not list the workloads of "
                            + ns + " within " + LOOKUP_WAIT.toSeconds() + " s.", "Check that the cluster is reachable.");
                }
            } finally {
                watch.close();
            }
        }
        if (error.get() != null) {
            var p = dev.ponte.core.task.ErrorAdvice.explain(error.get(), "the cluster of " + context);
            throw new CliException(ExitCode.FAILED, p.title() + ": " + p.detail(), p.advice());
        }
        synchronized (seen) {
            return seen.stream().filter(w -> w.kind() == kind && w.name().equals(name)).findFirst()
                    .orElseThrow(() -> CliException.notFound("No " + kind.kind() + " " + name + " in namespace " + ns + ".",
                            "Check the name and the namespace (-n)."));
        }
    }

    /** {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}. */
    static Duration age(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(value.strip());
        if (!m.matches()) {
            throw CliException.usage("--since " + value + ": expected a number and a unit (s, m, h, d).", "Example: --since 10m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
