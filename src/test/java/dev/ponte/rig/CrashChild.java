package dev.ponte.rig;

import dev.ponte.app.CoreServices;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.run.RunLabels;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.Poll;
import dev.ponte.core.task.Progress;
import dev.ponte.ui.common.UiSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The process the crash matrix kills: Ponte's core services on the real adapters (exactly as the app wires them,
 * {@link CoreServices}) against the rig, on a home the test gives it. It brings the connection to where the operation
 * under test starts ({@code --prepare}), then arms a listener on the journal and runs the operation; at the N-th
 * journal change it prints {@code POINT n <entry>} and stops dead until the test SIGKILLs it. An operation that ends
 * before its N-th change prints {@code DONE <changes>} (how the test counts the crash points of an operation).
 *
 * <pre>CrashChild --home H --kubeconfig K --engine E --cargo-image I --cargo-endpoint EP --app-image A
 *            --op up|run|bridge|unbridge|down --crash N</pre>
 */
public final class CrashChild {
    static final String APP = "crash-app";
    static final String NAMESPACE = "default";
    static final String WORKLOAD = "api";
    static final Duration WAIT = Duration.ofSeconds(90);

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        System.setOut(System.err);
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].substring(2), args[i + 1]);
        }
        UiSettings settings = new UiSettings();
        settings.cargoImage = a.get("cargo-image");
        settings.cargoEndpoint = a.get("cargo-endpoint");
        settings.engineEndpoint = a.get("engine");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", a.get("kubeconfig"));
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Path home = Path.of(a.get("home"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ScheduledExecutorService health = Executors.newScheduledThreadPool(1);
        CoreServices core = new CoreServices(env, home, settings, List::of, Clock.systemUTC(), new ExecutorLauncher(pool), pool,
                health);
        core.connections.reconcile();
        await(core, s -> true, "the reconcile");
        String op = a.get("op");
        int crash = Integer.parseInt(a.get("crash"));

        // Bring the connection to where the operation starts (what is there already is kept).
        boolean needsRun = List.of("bridge", "unbridge", "down").contains(op);
        boolean needsBridge = List.of("unbridge", "down").contains(op);
        if (!op.equals("up")) {
            up(core);
            Connection conn = connection(core);
            if (needsRun) {
                try (var engine = core.engines.open()) {
                    if (engine.inspect(APP).isEmpty()) {
                        run(core, conn, a.get("app-image"));
                    }
                }
            }
            if (needsBridge && core.runs.localContainers(conn).stream().noneMatch(c -> c.name().equals(APP))) {
                throw new IllegalStateException("no app to bridge");
            }
            if (needsBridge && bridgesOf(core, conn).isEmpty()) {
                bridge(core, conn);
            }
        }

        // The connection's names are recorded once and for all before the operation (as after its first Connect), so
        // every run of an operation changes the journal in the same steps.
        core.journal.identity(Rig.CONTEXT, core.settings.machine());
        // The test looks at what is there now, before the operation: the operation's own effect is what it adds.
        out.println("PREPARED");
        out.flush();
        if (System.in.read() < 0) {
            System.exit(3);
        }
        AtomicInteger changes = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        core.journal.listen(e -> {
            int n = changes.incrementAndGet();
            out.println("CHANGE " + n + " " + (e == null ? "operation or names" : e.kind() + " " + e.status() + " " + e.name()));
            out.flush();
            if (n == crash) {
                out.println("POINT " + n + " " + (e == null ? "operation or names" : e.kind() + " " + e.status() + " " + e.name()));
                out.flush();
                try {
                    never.await(); // until SIGKILL
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        switch (op) {
            case "up" -> up(core);
            case "run" -> run(core, connection(core), a.get("app-image"));
            case "bridge" -> bridge(core, connection(core));
            case "unbridge" -> {
                Connection conn = connection(core);
                Bridge b = bridgesOf(core, conn).getFirst();
                core.runs.unbridge(conn, b.name(), b.mount(), true).run(Progress.NONE, new CancellationToken());
            }
            case "down" -> {
                core.connections.disconnect(Rig.CONTEXT, false);
                await(core, s -> s.of(Rig.CONTEXT).map(c -> !c.state().isBusy()).orElse(false), "Disconnect");
                ConnectionSnapshot c = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
                if (c.state() != ConnectionState.NOT_CONNECTED) {
                    throw new IllegalStateException("Disconnect ended " + c.state() + ": " + c.problem());
                }
            }
            default -> throw new IllegalArgumentException(op);
        }
        out.println("DONE " + changes.get());
        out.flush();
        System.exit(0);
    }

    private static void up(CoreServices core) throws Exception {
        core.connections.show(Rig.CONTEXT);
        if (core.connections.snapshot().of(Rig.CONTEXT).map(c -> c.state() == ConnectionState.CONNECTED).orElse(false)) {
            return;
        }
        core.connections.connect(Rig.CONTEXT);
        await(core, s -> s.of(Rig.CONTEXT).map(c -> !c.state().isBusy()).orElse(false), "Connect");
        ConnectionSnapshot c = core.connections.snapshot().of(Rig.CONTEXT).orElseThrow();
        if (c.state() != ConnectionState.CONNECTED) {
            throw new IllegalStateException("Connect ended " + c.state() + ": " + c.problem() + "\n" + c.diagnostics());
        }
    }

    private static Connection connection(CoreServices core) {
        return core.connections.snapshot().of(Rig.CONTEXT).map(ConnectionSnapshot::connection).orElseThrow();
    }

    static void run(CoreServices core, Connection conn, String image) throws Exception {
        core.runs.run(new RunRequest(conn, APP, image, List.of(), NAMESPACE, Map.of(), null, List.of(), List.of(), false, 0, 0,
                Duration.ofSeconds(30)), e -> { }).run(Progress.NONE, new CancellationToken());
    }

    static void bridge(CoreServices core, Connection conn) {
        BridgePlan plan = new BridgePlan(NAMESPACE, WorkloadKind.DEPLOYMENT, WORKLOAD, WORKLOAD,
                List.of(new PortMapping(8080, RigImages.APP_PORT)), APP, new MatchRules(List.of(new MatchRules.RuleSet(
                List.of(new MatchRules.Header("x-user", "crash", MatchRules.Type.EXACT))))));
        core.bridges(conn).bridge(plan, Progress.NONE, new CancellationToken());
    }

    private static List<Bridge> bridgesOf(CoreServices core, Connection conn) {
        try (var session = core.clusters.open(Rig.CONTEXT)) {
            return session.gefyra().bridges(Map.of(RunLabels.BRIDGE_CLIENT, conn.clientId()));
        }
    }

    private static void await(CoreServices core, Predicate<dev.ponte.core.connections.ConnectionsSnapshot> done, String what)
            throws Exception {
        Poll.until(what, () -> core.connections.snapshot().reconciled() && done.test(core.connections.snapshot())
                ? Boolean.TRUE : null, WAIT, Duration.ofMillis(50), new CancellationToken());
    }
}
