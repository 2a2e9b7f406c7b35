package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.port.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** What the commands share: the run's context, opening the services, finding the connection a command means. */
abstract class Base implements Callable<Integer> {
    /** The start-up reconcile asks each cluster on its own thread; one that does not answer is left for later. */
    static final Duration RECONCILE_WAIT = Duration.ofSeconds(60);

    final Ctx ctx;

    Base(Ctx ctx) {
        this.ctx = ctx;
    }

    /** {@code --context}, {@code --connection-name}, {@code --kubeconfig}: which connection (gefyra's flags). */
    static final class Target {
        @Option(names = "--context", paramLabel = "CONTEXT",
                description = "The kube context whose connection is meant (default: the only connection, or for up the current context).")
        String context;

        @Option(names = "--connection-name", paramLabel = "NAME",
                description = "The connection by its name (network gefyra-network-NAME) instead of its context.")
        String connectionName;

        @Option(names = "--kubeconfig", paramLabel = "FILE",
                description = "Use this kubeconfig file instead of KUBECONFIG / ~/.kube/config.")
        Path kubeconfig;
    }

    /** {@code -o json} for scripts. */
    enum Format { table, json }

    CliServices services(Path kubeconfig) {
        return ctx.services(new CliServices.Options(kubeconfig, null));
    }

    /** Looks at the journal, the engines and the clusters (the start-up reconcile) and returns what it found. */
    static ConnectionsSnapshot reconciled(CliServices s) {
        s.connections().reconcile();
        return await(s.connections(), ConnectionsSnapshot::reconciled, RECONCILE_WAIT, x -> { }, "the look at your connections");
    }

    /**
     * Waits until {@code done} holds for a snapshot, handing every snapshot to {@code each} on this thread first.
     */
    static ConnectionsSnapshot await(ConnectionService service, Predicate<ConnectionsSnapshot> done, Duration timeout,
                                     Consumer<ConnectionsSnapshot> each, String what) {
        LinkedBlockingQueue<ConnectionsSnapshot> q = new LinkedBlockingQueue<>();
        long end = System.nanoTime() + timeout.toNanos();
        try (Subscription ignored = service.subscribe(q::add)) {
            while (true) {
                long left = end - System.nanoTime();
                ConnectionsSnapshot s = q.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (s == null) {
                    throw new CliException(ExitCode.FAILED, "Gave up waiting for " + what + " after " + timeout.toSeconds() + " s.",
                            "A cluster or the container engine does not answer; check them, then run the command again.");
                }
                each.accept(s);
                if (done.test(s)) {
                    return s;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "Interrupted.", "");
        }
    }

    /** How long list, status and inspect wait for the first health sample of each live connection. */
    static final Duration HEALTH_WAIT = Duration.ofSeconds(8);

    /**
     * The snapshot once every live connection has its first health verdict (sampled through Cargo right after the
     * reconcile), or as it is after {@link #HEALTH_WAIT}.
     */
    static ConnectionsSnapshot withHealth(CliServices s, ConnectionsSnapshot all) {
        if (all.live().stream().allMatch(c -> c.health() != null)) {
            return all;
        }
        try {
            return await(s.connections(), x -> x.live().stream().allMatch(c -> c.health() != null), HEALTH_WAIT, x -> { },
                    "the tunnels' health");
        } catch (CliException timedOut) {
            if (timedOut.code() == ExitCode.INTERRUPTED) {
                throw timedOut;
            }
            return s.connections().snapshot();
        }
    }

    /** The live connection the target means; exit 3 when there is none, 2 when it is ambiguous. */
    static ConnectionSnapshot live(ConnectionsSnapshot all, Target t) {
        Optional<ConnectionSnapshot> named = named(all, t);
        if (named.isPresent()) {
            if (!named.get().state().isUp()) {
                throw CliException.notConnected("The connection of " + label(named.get()) + " is " + named.get().headline() + ".",
                        connectAdvice(named.get().context()));
            }
            return named.get();
        }
        if (t != null && (t.context != null || t.connectionName != null)) {
            throw CliException.notConnected((t.context != null ? "Context " + t.context : "Connection " + t.connectionName)
                    + " has no connection.", connectAdvice(t.context));
        }
        List<ConnectionSnapshot> live = all.live();
        if (live.isEmpty()) {
            throw CliException.notConnected("Not connected.", "Connect a cluster first: ponte up [--context CONTEXT]");
        }
        if (live.size() > 1) {
            throw CliException.usage("Several connections are live: " + String.join(", ",
                    live.stream().map(Base::label).toList()) + ".", "Name one with --context CONTEXT or --connection-name NAME.");
        }
        return live.getFirst();
    }

    /** The connection the target names (by context or name), whatever its state. */
    static Optional<ConnectionSnapshot> named(ConnectionsSnapshot all, Target t) {
        if (t == null) {
            return Optional.empty();
        }
        if (t.context != null) {
            return all.of(t.context);
        }
        if (t.connectionName != null) {
            return all.connections().stream().filter(c -> t.connectionName.equals(c.name())).findFirst();
        }
        return Optional.empty();
    }

    static String label(ConnectionSnapshot c) {
        String context = Views.context(c);
        return context == null ? c.name() + " (made by the gefyra CLI)" : context;
    }

    private static String connectAdvice(String context) {
        return context == null || context.startsWith("gefyra:") ? "Connect it first: ponte up --context CONTEXT"
                : "Connect it first: ponte up --context " + context;
    }

    /** Exit 5 when another Ponte process works on the connection now (the window, another command). */
    static void notBusyElsewhere(CliServices s, String connection) {
        if (connection == null) {
            return;
        }
        Optional<Journal.Running> other = s.connections().journal().busyElsewhere(connection);
        if (other.isPresent()) {
            throw new CliException(ExitCode.BUSY, "Another Ponte (the window or another command) runs "
                    + other.get().operation() + " on " + connection + " right now.",
                    "Wait until it has finished, or cancel it there; then run this again.");
        }
    }

    static List<String> contextNames(CliServices s) {
        return s.contexts().stream().map(dev.ponte.core.model.KubeContext::name).toList();
    }

    /** The context's default namespace from the kubeconfig ({@code default} when it names none). */
    static String namespaceOf(CliServices s, String context) {
        return s.contexts().stream().filter(c -> c.name().equals(context)).findFirst()
                .map(dev.ponte.core.model.KubeContext::defaultNamespace).orElse("default");
    }

    /** Prints a problem the core explained (title, detail, advice). */
    void problem(dev.ponte.core.task.Problem p) {
        problem(ctx, p);
    }

    static void problem(Ctx ctx, dev.ponte.core.task.Problem p) {
        ctx.term.err().println("Error: " + Table.oneLine(p.title()) + ": " + Table.oneLine(p.detail()));
        if (p.advice() != null && !p.advice().isEmpty()) {
            ctx.term.err().println("  " + Table.oneLine(p.advice()));
        }
        ctx.term.err().flush();
    }
}
