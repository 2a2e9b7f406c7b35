package dev.ponte.bench;

import dev.ponte.app.AppContext;
import dev.ponte.devtools.MockCluster;
import dev.ponte.ui.common.ListState;
import dev.ponte.ui.common.ThemeManager;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.shell.MainView;
import dev.ponte.ui.workloads.WorkloadItem;
import dev.ponte.ui.workloads.WorkloadsViewModel;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The interactive half of the benchmark, run by {@link PonteBench} as its own JVM (it needs a DISPLAY): Ponte's main
 * window wired as {@code PonteApp} wires it, against the seeded mock cluster. Measures namespace switches and watch
 * event to row latency, and prints raw figures as {@code BENCH <key> <values>} lines, then {@code BENCH done}.
 *
 * <p>Arguments: {@code <mock url> <home dir> <kubeconfig> <switches> <events> <warm-up events>}.
 */
public final class UiProbe {
    static final String BIG = MockCluster.BENCH_BIG_NAMESPACE;
    static final String OTHER = "bench-1";
    private static final Duration FX_DEADLINE = Duration.ofSeconds(30);
    private static final Duration SWITCH_DEADLINE = Duration.ofSeconds(30);
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private AppContext app;
    private Scene scene;
    private TableView<WorkloadItem> table;

    private UiProbe(KubernetesClient client) {
        this.client = client;
    }

    public static void main(String[] args) {
        int code = 0;
        try {
            String url = args[0];
            Path home = Path.of(args[1]);
            Path kubeconfig = Path.of(args[2]);
            int switches = Integer.parseInt(args[3]);
            int events = Integer.parseInt(args[4]);
            int warmupEvents = Integer.parseInt(args[5]);
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
                    .withOauthToken(MockCluster.TOKEN).build();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                    .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
                UiProbe probe = new UiProbe(client);
                try {
                    probe.run(home, kubeconfig, switches, events, warmupEvents);
                } finally {
                    probe.closeApp();
                }
            }
            report("done");
        } catch (Throwable t) {
            System.out.println("BENCH error " + t);
            t.printStackTrace(System.out);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** As on window close: stops watches and sessions (a session deletes its private kubeconfig copy). */
    private void closeApp() {
        if (app != null) {
            try {
                onFx("closing Ponte", () -> {
                    app.close();
                    return null;
                });
            } catch (Exception e) {
                System.out.println("closing Ponte failed: " + e);
            }
        }
    }

    private void run(Path home, Path kubeconfig, int switches, int events, int warmupEvents) throws Exception {
        Files.createDirectories(home);
        Platform.setImplicitExit(false);
        dev.ponte.app.GraphicsChoice.applyAtStart(); // as Ponte's Main does
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(FX_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("KUBECONFIG", kubeconfig.toString());

        onFx("showing the main window", () -> {
            UiSettings settings = new UiSettings();
            app = new AppContext(env, home, settings, Clock.systemUTC());
            // As PonteApp does it: theme, style sheet, window size.
            ThemeManager theme = new ThemeManager(settings.theme);
            theme.themeProperty().bind(app.mainViewModel().themeProperty());
            MainView view = app.createView();
            scene = new Scene(view, 1180, 760);
            scene.getStylesheets().add(UiProbe.class.getResource("/dev/ponte/ui/ponte.css").toExternalForm());
            theme.darkProperty().subscribe(d -> view.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), d));
            Stage stage = new Stage();
            stage.setTitle("Ponte (benchmark)");
            stage.setScene(scene);
            stage.show();
            app.mainViewModel().start();
            return null;
        });

        WorkloadsViewModel workloads = app.mainViewModel().workloads();
        waitFx("the first namespace's workloads", Duration.ofSeconds(60),
                () -> workloads.stateProperty().get() == ListState.DATA && !workloads.namespaceProperty().get().isEmpty(),
                () -> "state " + workloads.stateProperty().get() + ", namespace '" + workloads.namespaceProperty().get()
                        + "', centre " + app.mainViewModel().centreProperty().get(),
                workloads.stateProperty(), workloads.namespaceProperty());
        // The workloads pane is built when the centre first shows workloads.
        waitFx("the workloads table", Duration.ofSeconds(10), () -> scene.lookup("#workloadTable") != null,
                () -> "centre " + app.mainViewModel().centreProperty().get(), app.mainViewModel().centreProperty());
        onFx("finding the workloads table", () -> {
            @SuppressWarnings("unchecked")
            TableView<WorkloadItem> t = (TableView<WorkloadItem>) scene.lookup("#workloadTable");
            table = t;
            return null;
        });

        int bigRows = workloadCount(BIG);
        int otherRows = workloadCount(OTHER);
        report("rows " + BIG + " " + bigRows);
        report("rows " + OTHER + " " + otherRows);

        List<double[]> intoBig = new ArrayList<>();
        List<double[]> intoOther = new ArrayList<>();
        for (int i = 0; i < switches; i++) {
            intoOther.add(switchTo(OTHER, otherRows));
            intoBig.add(switchTo(BIG, bigRows));
        }
        report("switch-big-total " + join(intoBig, 0));
        report("switch-big-rows " + join(intoBig, 1));
        report("switch-other-total " + join(intoOther, 0));
        report("switch-select-call " + selectCalls.stream().map(UiProbe::fmt).collect(Collectors.joining(",")));

        measureEvents(warmupEvents, events);

        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        report("heap-after-gc " + heap);
        report("probe-rss-kb " + PonteBench.rssKb(ProcessHandle.current().pid()));
        int rows = onFx("counting rows", () -> table.getItems().size());
        report("rows-at-end " + rows);
    }

    private int workloadCount(String ns) {
        var apps = client.apps();
        return apps.deployments().inNamespace(ns).list().getItems().size()
                + apps.statefulSets().inNamespace(ns).list().getItems().size()
                + apps.daemonSets().inNamespace(ns).list().getItems().size();
    }

    /**
     * Selects {@code ns} on the FX thread and returns, in ms after that, when the table held all {@code expected}
     * rows of it and when the next pulse had laid them out: {total, rows in}.
     */
    private double[] switchTo(String ns, int expected) throws Exception {
        CompletableFuture<double[]> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                ObservableList<WorkloadItem> items = table.getItems();
                long[] t0 = new long[1];
                boolean[] seen = new boolean[1];
                List<ListChangeListener<WorkloadItem>> self = new ArrayList<>(1);
                Runnable check = () -> {
                    if (!seen[0] && items.size() == expected
                            && items.stream().allMatch(i -> ns.equals(i.get().namespace()))) {
                        seen[0] = true;
                        items.removeListener(self.getFirst());
                        long rowsIn = System.nanoTime();
                        afterNextPulse(() -> done.complete(new double[] {ms(System.nanoTime() - t0[0]),
                                ms(rowsIn - t0[0])}));
                    }
                };
                ListChangeListener<WorkloadItem> listener = c -> check.run();
                self.add(listener);
                items.addListener(listener);
                t0[0] = System.nanoTime();
                app.mainViewModel().cluster().selectedNamespaceProperty().set(ns);
                selectCalls.add(ms(System.nanoTime() - t0[0]));
                check.run();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return get(done, "the table to show the " + expected + " workloads of " + ns + " after selecting it",
                SWITCH_DEADLINE, () -> onFxQuiet(() -> "table has " + table.getItems().size() + " rows, state "
                        + app.mainViewModel().workloads().stateProperty().get()));
    }

    /** One watch event: the bench thread creates it, the FX thread stamps when its row is in and laid out. */
    private static final class Pending {
        volatile long inTable;
        volatile long laidOut;
        final CompletableFuture<Void> visible = new CompletableFuture<>();
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** How long each switch's selection held the FX thread (the view-models' synchronous part), ms; FX thread only. */
    private final List<Double> selectCalls = new ArrayList<>();
    /** FX thread only. */
    private final List<Pending> awaitingPulse = new ArrayList<>();

    private void measureEvents(int warmup, int events) throws Exception {
        // The big namespace is showing (the last switch). New rows get names that sort first, newest on top, so each
        // new row lands in the viewport and the pulse must lay out a cell for it.
        onFx("watching the table", () -> {
            table.getItems().addListener((ListChangeListener<WorkloadItem>) c -> {
                long now = System.nanoTime();
                while (c.next()) {
                    if (c.wasAdded()) {
                        for (WorkloadItem item : c.getAddedSubList()) {
                            Pending p = pending.get(item.get().name());
                            if (p != null && p.inTable == 0 && BIG.equals(item.get().namespace())) {
                                p.inTable = now;
                                awaitingPulse.add(p);
                            }
                        }
                    }
                }
                if (!awaitingPulse.isEmpty()) {
                    List<Pending> batch = List.copyOf(awaitingPulse);
                    awaitingPulse.clear();
                    afterNextPulse(() -> {
                        long t = System.nanoTime();
                        for (Pending p : batch) {
                            p.laidOut = t;
                            p.visible.complete(null);
                        }
                    });
                }
            });
            return null;
        });
        StringBuilder total = new StringBuilder();
        StringBuilder inTable = new StringBuilder();
        StringBuilder create = new StringBuilder();
        for (int i = 0; i < warmup + events; i++) {
            String name = String.format("a-evt-%05d", 99_999 - i);
            Pending p = new Pending();
            pending.put(name, p);
            Deployment d = deployment(name);
            long t0 = System.nanoTime();
            client.apps().deployments().inNamespace(BIG).resource(d).create();
            long created = System.nanoTime();
            int n = i;
            get(p.visible, "the row of Deployment " + name + " (event " + (i + 1) + ")", EVENT_DEADLINE,
                    () -> "(" + n + " events seen before)");
            if (i >= warmup) {
                sep(total).append(fmt(ms(p.laidOut - t0)));
                sep(inTable).append(fmt(ms(p.inTable - t0)));
                sep(create).append(fmt(ms(created - t0)));
            }
        }
        report("event-total " + total);
        report("event-in-table " + inTable);
        report("event-create-call " + create);
    }

    private static Deployment deployment(String name) {
        Map<String, String> selector = Map.of("app", name);
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace(BIG).withName(name)
                .addToLabels("app", name).addToLabels("tier", "bench").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(selector).endMetadata()
                .withNewSpec().addToContainers(new ContainerBuilder().withName("main")
                        .withImage("ghcr.io/acme/bench:1.0").addNewPort().withContainerPort(8080)
                        .withProtocol("TCP").endPort().build())
                .endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withReadyReplicas(1).withAvailableReplicas(1).endStatus()
                .build();
    }

    /** Runs {@code r} on the FX thread right after the next pulse's layout pass (asks for that pulse). FX thread. */
    private void afterNextPulse(Runnable r) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                r.run();
            }
        });
        Platform.requestNextPulse();
    }

    /** Waits until {@code condition} holds, re-checked on the FX thread whenever one of {@code deps} changes. */
    private static void waitFx(String what, Duration deadline, BooleanSupplier condition, Supplier<String> state,
                               ObservableValue<?>... deps) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            List<ChangeListener<Object>> self = new ArrayList<>(1);
            ChangeListener<Object> listener = (obs, o, n) -> {
                if (!done.isDone() && condition.getAsBoolean()) {
                    done.complete(null);
                    for (ObservableValue<?> d : deps) {
                        d.removeListener(self.getFirst());
                    }
                }
            };
            self.add(listener);
            for (ObservableValue<?> d : deps) {
                d.addListener(listener);
            }
            listener.changed(null, null, null);
        });
        get(done, what, deadline, () -> onFxQuiet(state::get));
    }

    private static <T> T onFx(String what, Callable<T> action) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return get(f, what, FX_DEADLINE, () -> "");
    }

    /** For failure messages: a description computed on the FX thread, or why not. */
    private static String onFxQuiet(Supplier<String> s) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Platform.runLater(() -> f.complete(s.get()));
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "(FX thread did not answer within 5 s)";
        }
    }

    private static <T> T get(CompletableFuture<T> f, String what, Duration deadline, Supplier<String> state)
            throws Exception {
        try {
            return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BenchException("timed out after " + deadline.toSeconds() + " s waiting for " + what + ": "
                    + state.get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static void report(String line) {
        System.out.println("BENCH " + line);
        System.out.flush();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String fmt(double ms) {
        return String.format(java.util.Locale.ROOT, "%.2f", ms);
    }

    private static String join(List<double[]> values, int index) {
        return values.stream().map(v -> fmt(v[index])).collect(Collectors.joining(","));
    }

    private static StringBuilder sep(StringBuilder b) {
        return b.isEmpty() ? b : b.append(',');
    }
}
