package dev.ponte.bench;

import dev.ponte.devtools.MockCluster;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ponte's benchmark (not a test): {@code ./mvnw -B -q -Pbench verify -DskipTests}, or {@code bench/run}.
 *
 * <p>Seeds an in-process mock API server ({@link MockCluster}) with 500 namespaces, 1,000 Deployments and 5,000 Pods
 * and prints, side by side:
 * <ul>
 *   <li>cold start to first frame of Ponte and of a minimal JavaFX window ({@link MinimalWindow}, the floor), fresh
 *       JVMs, alternating, same java binary, flags, class path and display; and their ratio;</li>
 *   <li>namespace switch to a filled workload table, and watch event to visible row ({@link UiProbe}, one more JVM
 *       showing Ponte's main window);</li>
 *   <li>the resident set size of a Ponte process that shows the big namespace.</li>
 * </ul>
 * It asserts nothing: it exits non-zero only when something could not be measured (a timeout, a process that died).
 * Knobs (system properties): {@code bench.runs} (cold starts of each, default 10), {@code bench.warmup} (unreported
 * pairs first, default 1), {@code bench.switches} (default 10), {@code bench.events} (default 500),
 * {@code bench.eventWarmup} (unreported events first, default 10), {@code bench.xvfb=true} (own Xvfb even when
 * DISPLAY is set), {@code bench.keep=true} (keep the work dir with every process's log), {@code bench.memDump=true}
 * (where each cold-started Ponte's resident memory goes, written next to its log as {@code ponte-N-mem.txt}: run with
 * {@code bench.keep=true}, and with {@code -XX:NativeMemoryTracking=summary} in {@code bench.jvmArgs} for the JVM's
 * own breakdown; {@code bench.memDump=heap} adds a heap dump, {@code ponte-N.hprof}; {@code bench.memDump=both} also
 * writes {@code ponte-N-frame-mem.txt} at the first frame, to tell what the start costs from what listing adds).
 * {@code bench.launcher=<path>/bin/ponte} starts the Ponte processes of the RSS measurement with that packaged
 * launcher (its own runtime, JVM options and AOT cache) instead of {@code java} and the test class path;
 * {@code bench.launcherOptions} adds JVM options to it (e.g. {@code -XX:AOTMode=off}).
 *
 * <p>The cluster's size: {@code bench.pods} (default 5,000), {@code bench.deployments} (default a fifth of the pods)
 * and {@code bench.namespaces} (default 500); the big namespace gets a tenth of the Deployments and Pods.
 * {@code bench.rssOnly=true} starts only Ponte, {@code bench.runs} times, and reports its RSS with the big namespace
 * listed (how {@code bench/run all} measures the RSS at 50,000 pods). The mock API server runs in this JVM: give it
 * heap to match ({@code -Dbench.heap=8g} in the pom's {@code bench} profile).
 *
 * <p>Besides the table for people it prints {@code FIGURE key=value} lines for {@code bench/run all}.
 */
public final class PonteBench {
    static final int PODS = Integer.getInteger("bench.pods", 5_000);
    static final int DEPLOYMENTS = Integer.getInteger("bench.deployments", PODS / 5);
    static final int NAMESPACES = Integer.getInteger("bench.namespaces", 500);
    static final String CONTEXT = "bench";
    /**
     * The JVM tuning Ponte ships with: the same flags as the pom's {@code exec:exec} and packaging's
     * {@code --java-options}, so the children measure what users run. {@code -Dbench.jvmArgs="..."} (space-separated)
     * replaces them for a comparison run ({@code bench/run -Dbench.jvmArgs="-XX:+UseG1GC"}); {@code -Dbench.jvmArgs=}
     * (empty) measures the JVM's defaults.
     */
    static final class Flags {
        // A holder: read when the benchmark starts its children, not when a child (MinimalWindow, UiProbe) uses this
        // class's helpers from its own working folder, where packaging/ is not.
        static final List<String> TUNING = System.getProperty("bench.jvmArgs", "shipped").equals("shipped")
                ? shippedTuning(Path.of("packaging", "jpackage-app-image.args"))
                : Stream.of(System.getProperty("bench.jvmArgs").trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
        static final List<String> JVM = Stream.concat(Stream.of("--enable-native-access=ALL-UNNAMED"), TUNING.stream()).toList();

        private Flags() {
        }
    }
    static final Pattern FIRST_FRAME = Pattern.compile("first frame after (\\d+) ms");
    static final Pattern MINIMAL_RSS = Pattern.compile("rss at first frame (\\d+) kB");
    static final Pattern GRAPHICS = Pattern.compile("^graphics: (.*)$");
    static final Pattern BREAKDOWN = Pattern.compile("^BREAKDOWN (.*)$");
    static final Pattern BIG_LISTED = Pattern.compile(
            "workloads of " + Pattern.quote(UiProbe.BIG) + " listed: (\\d+) in (\\d+) ms");
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    /** Listing the big namespace: longer the more there is in it. */
    private static final Duration LIST_DEADLINE = START_DEADLINE.plusSeconds(PODS / 1_000);
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(240);

    private final int runs = Integer.getInteger("bench.runs", 10);
    private final int warmup = Integer.getInteger("bench.warmup", 1);
    private final int switches = Integer.getInteger("bench.switches", 10);
    private final int events = Integer.getInteger("bench.events", 500);
    private final int eventWarmup = Integer.getInteger("bench.eventWarmup", 10);
    private final int breakdownRuns = Integer.getInteger("bench.breakdownRuns", 3);
    private final boolean rssOnly = Boolean.getBoolean("bench.rssOnly");

    private final PrintStream out;
    private final Cleanup cleanup;
    private final Path work;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The probe's class path: the benchmark's own (the mock cluster's helpers need the test dependencies). */
    private final String classpath = System.getProperty("java.class.path");
    /**
     * Ponte's, the floor's and the breakdown's: the app's classes and runtime dependencies as {@code ./mvnw exec:exec}
     * gives them, then the test classes (where the floor and the breakdown are); the benchmark's test class path when
     * the runtime list is missing (a run not started through the pom).
     */
    private final String appClasspath = appClasspath();
    private String display;
    private String displayNote;
    private MockCluster cluster;
    private Path kubeconfig;
    /** What the big namespace holds: Ponte has listed it when its table has this many rows and its pods are in. */
    private int bigWorkloads;
    private int bigPods;
    /** Completed by the mock API server when a Ponte process starts watching the big namespace's pods. */
    private volatile CompletableFuture<Void> podWatch = new CompletableFuture<>();

    /**
     * The {@code -X…} options among the {@code --java-options} of a jpackage argument file (the launcher's JVM
     * tuning; {@code --enable-native-access} is added by the bench itself, for the class path it uses).
     */
    static List<String> shippedTuning(Path argsFile) {
        try {
            return Files.readAllLines(argsFile, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(l -> l.startsWith("--java-options "))
                    .map(l -> l.substring("--java-options ".length()).trim())
                    .filter(o -> o.startsWith("-X") && !o.startsWith("-Xlog")).toList(); // logging is no tuning
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the shipped JVM options from " + argsFile.toAbsolutePath()
                    + " (run the bench from the project's folder, as bench/run does): " + e.getMessage(), e);
        }
    }

    private PonteBench(PrintStream out, Cleanup cleanup, Path work) {
        this.out = out;
        this.cleanup = cleanup;
        this.work = work;
    }

    public static void main(String[] args) throws IOException {
        // Only the result table goes to stdout; logging (logback's console appender) and progress go to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        long t0 = System.nanoTime();
        Path work = Files.createTempDirectory("ponte-bench-");
        // Before the first logger: the log file goes to the work dir, not the temp folder.
        System.setProperty("ponte.logdir", work.resolve("logs").toString());
        int code = 0;
        Cleanup cleanup = new Cleanup();
        try {
            if (!Boolean.getBoolean("bench.keep")) {
                cleanup.tempDir(work);
            }
            new PonteBench(stdout, cleanup, work).run();
            progress("done in %d s%s", (System.nanoTime() - t0) / 1_000_000_000,
                    Boolean.getBoolean("bench.keep") ? "; logs kept in " + work : "");
        } catch (BenchException e) {
            System.err.println("bench: FAILED: " + e.getMessage());
            code = 1;
        } catch (Throwable t) {
            System.err.println("bench: FAILED:");
            t.printStackTrace();
            code = 1;
        } finally {
            cleanup.close();
        }
        stdout.flush();
        System.exit(code);
    }

    private void run() throws IOException {
        if (Runtime.version().feature() < 25) {
            throw new BenchException("needs JDK 25 or newer, runs on " + Runtime.version());
        }
        startDisplay();

        progress("seeding the mock API server with %d namespaces, %d Deployments, %d Pods …", NAMESPACES,
                DEPLOYMENTS, PODS);
        long s0 = System.nanoTime();
        cluster = cleanup.add(MockCluster.start());
        cluster.seedScale(NAMESPACES, DEPLOYMENTS, PODS);
        long seedMs = (System.nanoTime() - s0) / 1_000_000;
        kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"), CONTEXT);
        var apps = cluster.client().apps();
        bigWorkloads = apps.deployments().inNamespace(UiProbe.BIG).list().getItems().size()
                + apps.statefulSets().inNamespace(UiProbe.BIG).list().getItems().size()
                + apps.daemonSets().inNamespace(UiProbe.BIG).list().getItems().size();
        bigPods = cluster.client().pods().inNamespace(UiProbe.BIG).list().getItems().size();
        progress("seeded in %d ms (%s); %s holds %d workloads and %d pods", seedMs, cluster.url(), UiProbe.BIG,
                bigWorkloads, bigPods);
        // An informer watches only after its list is in: a watch on the big namespace's pods (or on all pods) means
        // the Ponte process holds all of them. The hook runs on the server's event loop and lets every request through.
        Pattern podWatchPath = Pattern.compile("^/api/v1/(namespaces/" + Pattern.quote(UiProbe.BIG)
                + "/)?pods\\?(.*&)?watch=true(&.*)?$");
        cluster.setRequestHook(request -> {
            if ("GET".equals(request.getMethod()) && podWatchPath.matcher(request.getPath()).matches()) {
                podWatch.complete(null);
            }
            return null;
        });
        if (rssOnly) {
            rssOnly(seedMs);
            return;
        }

        String loadBefore = loadAverage();
        long bias = startInstantBiasMs();
        List<Long> ponteStart = new ArrayList<>();
        List<Long> floorStart = new ArrayList<>();
        List<Long> ponteSpawn = new ArrayList<>();
        List<Long> floorSpawn = new ArrayList<>();
        List<Long> rssKb = new ArrayList<>();
        List<Long> ponteFrameRssKb = new ArrayList<>();
        List<Long> floorFrameRssKb = new ArrayList<>();
        // The floor once more, given Ponte's graphics choice (GraphicsChoice): what the same choice gives a bare window.
        List<Long> floorChoiceStart = new ArrayList<>();
        List<Long> floorChoiceRssKb = new ArrayList<>();
        String graphics = "";
        List<Long> listedMs = new ArrayList<>();
        int listedRows = -1;
        Map<String, List<Long>> breakdown = new LinkedHashMap<>();
        // The breakdown runs are spread over the cold starts, so they see the same machine load.
        int stride = Math.max(1, runs / Math.max(1, breakdownRuns));
        for (int i = -warmup; i < runs; i++) {
            String label = i < 0 ? "warm-up" : (i + 1) + "/" + runs;
            PonteRun p = ponteRun(i + warmup);
            MinimalRun m = minimalRun(i + warmup, false);
            MinimalRun c = minimalRun(i + warmup, true);
            graphics = c.graphics;
            progress("cold start %-7s Ponte %5d ms   minimal %5d ms (%d ms with Ponte's graphics choice)   Ponte RSS"
                    + " %4d MB (%d rows of %s listed %d ms after selecting it)", label, p.firstFrameMs, m.firstFrameMs,
                    c.firstFrameMs, p.rssKb / 1024, p.rows, UiProbe.BIG, p.listedMs);
            if (i >= 0) {
                ponteStart.add(p.firstFrameMs);
                floorStart.add(m.firstFrameMs);
                ponteSpawn.add(p.spawnToLineMs);
                floorSpawn.add(m.spawnToLineMs);
                rssKb.add(p.rssKb);
                ponteFrameRssKb.add(p.rssAtFrameKb);
                floorFrameRssKb.add(m.rssAtFrameKb);
                floorChoiceStart.add(c.firstFrameMs);
                floorChoiceRssKb.add(c.rssAtFrameKb);
                listedMs.add(p.listedMs);
                listedRows = p.rows;
                if (i % stride == stride / 2 && breakdownSize(breakdown) < breakdownRuns) {
                    breakdown(breakdown, bias);
                }
            }
        }
        while (breakdownSize(breakdown) < breakdownRuns) {
            breakdown(breakdown, bias);
        }

        progress("namespace switches and watch events in one Ponte window …");
        Map<String, String> probe = probe();

        String loadAfter = loadAverage();
        double ponteMedian = median(ponteStart);
        double floorMedian = median(floorStart);
        double[] bigTotal = numbers(probe, "switch-big-total");
        double[] bigRows = numbers(probe, "switch-big-rows");
        double[] otherTotal = numbers(probe, "switch-other-total");
        double[] evTotal = numbers(probe, "event-total");
        double[] evInTable = numbers(probe, "event-in-table");
        double[] evCreate = numbers(probe, "event-create-call");
        int rowsBig = Integer.parseInt(probe.get("rows " + UiProbe.BIG));
        int rowsOther = Integer.parseInt(probe.get("rows " + UiProbe.OTHER));

        String row = "%-28s%s%n";
        out.printf("Ponte benchmark (%,d namespaces, %,d Deployments, %,d Pods; JDK %s; %d cores; %s; JVM flags: %s)%n",
                NAMESPACES, DEPLOYMENTS, PODS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                displayNote, Flags.TUNING.isEmpty() ? "JVM defaults" : String.join(" ", Flags.TUNING));
        out.printf(row, "cold start to first frame", String.format(Locale.ROOT,
                "Ponte median %d ms (min %d)   floor (minimal JavaFX) median %d ms (min %d)   ratio %.2f   aim <= 1.3",
                Math.round(ponteMedian), min(ponteStart), Math.round(floorMedian), min(floorStart),
                ponteMedian / floorMedian));
        double floorChoiceMedian = median(floorChoiceStart);
        out.printf(row, "  the same, floor given", String.format(Locale.ROOT,
                "Ponte's graphics choice: floor median %d ms (min %d)   ratio %.2f   (%s)", Math.round(floorChoiceMedian),
                min(floorChoiceStart), ponteMedian / floorChoiceMedian, graphics));
        out.printf(row, "namespace switch -> table", String.format(Locale.ROOT,
                "median %d ms  max %d ms (%d switches, %d rows)   aim <= 100 ms",
                Math.round(median(bigTotal)), Math.round(max(bigTotal)), bigTotal.length, rowsBig));
        out.printf(row, "watch event -> row visible", String.format(Locale.ROOT,
                "p50 %.1f ms  p99 %.1f ms  max %.1f ms (%d events)   aim p99 <= 33 ms",
                percentile(evTotal, 50), percentile(evTotal, 99), max(evTotal), evTotal.length));
        out.printf(row, "process RSS (" + UiProbe.BIG + " shown)", String.format(Locale.ROOT,
                "median %d MB (max %d; %d Ponte processes, read once its %,d workloads and %,d pods were listed)"
                        + "   aim <= %d MB", Math.round(median(rssKb) / 1024), Math.round(max(rssKb) / 1024.0),
                rssKb.size(), bigWorkloads, bigPods, rssAim()));
        out.println("details:");
        out.printf("  cold start, ms as logged (alternating, %d unreported warm-up pair(s) first): Ponte %s; floor %s%n",
                warmup, ponteStart, floorStart);
        out.println("  'first frame after N ms' counts from the JVM's own start time (RuntimeMXBean), in Ponte and the floor alike");
        out.println("  " + classpathNote());
        out.printf(Locale.ROOT, "  cross-check on the benchmark's clock, process spawn -> line read: Ponte median %d ms,"
                + " floor median %d ms, ratio %.2f%n", Math.round(median(ponteSpawn)), Math.round(median(floorSpawn)),
                median(ponteSpawn) / median(floorSpawn));
        if (!breakdown.isEmpty()) {
            StringBuilder b = new StringBuilder();
            breakdown.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ')
                    .append(Math.round(median(v))));
            out.printf(Locale.ROOT, "  where Ponte's cold start goes (StartupBreakdown: PonteApp.start step by step,"
                    + " median of %d runs, ms): %s%n", breakdownRuns, b);
        }
        out.printf(Locale.ROOT, "  RSS at first frame: Ponte median %d MB, minimal JavaFX window median %d MB (%d MB"
                + " given Ponte's graphics choice)%n", Math.round(median(ponteFrameRssKb) / 1024),
                Math.round(median(floorFrameRssKb) / 1024), Math.round(median(floorChoiceRssKb) / 1024));
        out.printf(Locale.ROOT, "  Ponte's own log at cold start: %d rows of %s listed, median %d ms after the namespace"
                + " was selected%n", listedRows, UiProbe.BIG, Math.round(median(listedMs)));
        out.printf(Locale.ROOT, "  switch into %s: all rows in the table median %.0f ms, then the next pulse; switch"
                + " into %s (%d rows): median %.0f ms%n", UiProbe.BIG, median(bigRows), UiProbe.OTHER, rowsOther,
                median(otherTotal));
        out.printf(Locale.ROOT, "  switches into %s, ms: %s%n", UiProbe.BIG, Arrays.toString(round(bigTotal)));
        double[] selectCall = numbers(probe, "switch-select-call");
        out.printf(Locale.ROOT, "  selecting a namespace held the FX thread median %.1f ms, max %.1f ms (%d switches)%n",
                median(selectCall), Arrays.stream(selectCall).max().orElse(Double.NaN), selectCall.length);
        out.printf(Locale.ROOT, "  event: create() call returned p50 %.1f / p99 %.1f ms; row in the table's items"
                + " p50 %.1f / p99 %.1f ms; laid out (next pulse) p50 %.1f / p99 %.1f ms (%d unreported warm-up"
                + " events first)%n", percentile(evCreate, 50), percentile(evCreate, 99), percentile(evInTable, 50),
                percentile(evInTable, 99), percentile(evTotal, 50), percentile(evTotal, 99), eventWarmup);
        out.printf(Locale.ROOT, "  UI probe JVM (Ponte window + bench harness, %s rows shown): heap used after full"
                + " GC %d MB, RSS %d MB%n", probe.get("rows-at-end"),
                Long.parseLong(probe.get("heap-after-gc")) / (1024 * 1024),
                Long.parseLong(probe.get("probe-rss-kb")) / 1024);
        out.printf("  seeding the mock API server took %d ms; it runs inside the benchmark JVM on the same cores%n",
                seedMs);
        out.printf("  load average (1/5/15 min) before the cold starts %s, at the end %s%n", loadBefore, loadAfter);
        int cores = Runtime.getRuntime().availableProcessors();
        if (loadOne(loadBefore) > cores || loadOne(loadAfter) > cores) {
            out.printf("WARNING: other processes kept this machine busy (1-min load average above %d cores); the"
                    + " figures above are inflated and noisy, run again on a quiet machine%n", cores);
        }
        figure("namespaces", NAMESPACES);
        figure("deployments", DEPLOYMENTS);
        figure("pods", PODS);
        figure("start.ponte.ms", Math.round(ponteMedian));
        figure("start.floor.ms", Math.round(floorMedian));
        figure("start.ratio", ponteMedian / floorMedian);
        figure("start.floorChoice.ms", Math.round(floorChoiceMedian));
        figure("start.ratioChoice", ponteMedian / floorChoiceMedian);
        figure("rss.ponte.mb", Math.round(median(rssKb) / 1024));
        figure("rss.floor.mb", Math.round(median(floorFrameRssKb) / 1024));
        figure("switch.median.ms", median(bigTotal));
        figure("event.p99.ms", percentile(evTotal, 99));
        figure("load", loadBefore + " " + loadAfter);
        out.flush();
    }

    /** {@code bench.rssOnly}: Ponte alone, {@code bench.runs} times, and its RSS once the big namespace is listed. */
    private void rssOnly(long seedMs) throws IOException {
        String loadBefore = loadAverage();
        List<Long> rssKb = new ArrayList<>();
        List<Long> peakKb = new ArrayList<>();
        List<Long> listedMs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            PonteRun p = ponteRun(i);
            progress("Ponte %d/%d: RSS %d MB (peak %d MB) with %d rows and %d pods of %s listed (rows %d ms after"
                    + " selecting it)", i + 1, runs, p.rssKb / 1024, p.peakRssKb / 1024, p.rows, bigPods, UiProbe.BIG,
                    p.listedMs);
            rssKb.add(p.rssKb);
            peakKb.add(p.peakRssKb);
            listedMs.add(p.listedMs);
        }
        String loadAfter = loadAverage();
        out.printf("Ponte's memory (%,d namespaces, %,d Deployments, %,d Pods; JDK %s; %d cores; %s; JVM flags: %s)%n",
                NAMESPACES, DEPLOYMENTS, PODS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                displayNote, Flags.TUNING.isEmpty() ? "JVM defaults" : String.join(" ", Flags.TUNING));
        out.printf("%-28s%s%n", "process RSS (" + UiProbe.BIG + " shown)", String.format(Locale.ROOT,
                "median %d MB (max %d; %d Ponte processes, read once its %,d workloads and %,d pods were listed)"
                        + "   aim <= %d MB", Math.round(median(rssKb) / 1024), Math.round(max(rssKb) / 1024.0),
                rssKb.size(), bigWorkloads, bigPods, rssAim()));
        out.println("details:");
        out.printf("  RSS, MB: %s; peak (VmHWM) at the same moment: %s%n", mb(rssKb), mb(peakKb));
        out.printf("  rows of %s listed, ms after it was selected: %s%n", UiProbe.BIG, listedMs);
        out.println("  " + classpathNote());
        out.printf("  seeding the mock API server took %d ms; it runs inside the benchmark JVM on the same cores%n",
                seedMs);
        out.printf("  load average (1/5/15 min) before %s, at the end %s%n", loadBefore, loadAfter);
        figure("namespaces", NAMESPACES);
        figure("deployments", DEPLOYMENTS);
        figure("pods", PODS);
        figure("rss.ponte.mb", Math.round(median(rssKb) / 1024));
        figure("rss.peak.mb", Math.round(median(peakKb) / 1024));
        figure("load", loadBefore + " " + loadAfter);
        out.flush();
    }

    /** The aim for the RSS: 250 MB with 5,000 pods, 400 MB with 50,000. */
    private static int rssAim() {
        return PODS > 5_000 ? 400 : 250;
    }

    private static List<Long> mb(List<Long> kb) {
        return kb.stream().map(k -> Math.round(k / 1024.0)).toList();
    }

    /** A machine-readable line for {@code bench/run all}: {@code FIGURE key=value}. */
    private void figure(String key, Object value) {
        out.println("FIGURE " + key + "=" + (value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void startDisplay() {
        String inherited = System.getenv("DISPLAY");
        if (inherited != null && !inherited.isBlank() && !Boolean.getBoolean("bench.xvfb")) {
            display = inherited;
            displayNote = "display " + inherited;
            return;
        }
        // -displayfd: Xvfb picks a free display and writes its number once it accepts connections.
        ProcessBuilder pb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                "-nolisten", "tcp");
        Child xvfb = Child.start("Xvfb", pb, work.resolve("xvfb.log"), cleanup);
        display = ":" + xvfb.await("its display number", Pattern.compile("^(\\d+)$"), Duration.ofSeconds(30))
                .group(1);
        displayNote = "Xvfb " + display;
        progress("started Xvfb on %s", display);
    }

    private record PonteRun(long firstFrameMs, long spawnToLineMs, long rssAtFrameKb, int rows, long listedMs,
                            long rssKb, long peakRssKb) {
    }

    /** Waits until the Ponte process has listed the big namespace's pods (its informer then starts watching). */
    private void awaitPodWatch(CompletableFuture<Void> watch, int n) {
        try {
            watch.get(LIST_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BenchException("Ponte run " + n + " did not list the pods of " + UiProbe.BIG + " within "
                    + LIST_DEADLINE.toSeconds() + " s (no watch of them after their list)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (ExecutionException e) {
            throw new BenchException("waiting for the pods of " + UiProbe.BIG + ": " + e.getCause());
        }
    }

    private record MinimalRun(long firstFrameMs, long spawnToLineMs, long rssAtFrameKb, String graphics) {
    }

    /** One fresh Ponte: first frame from its log, then its RSS once the big namespace's table is listed. */
    private PonteRun ponteRun(int n) throws IOException {
        Path home = Files.createDirectories(work.resolve("ponte-home-" + n));
        Files.createDirectories(home.resolve("config"));
        // Reopens the big namespace, as after a restart.
        Files.writeString(home.resolve("config/settings.json"), "{\"lastContext\":\"" + CONTEXT
                + "\",\"lastNamespace\":{\"" + CONTEXT + "\":\"" + UiProbe.BIG + "\"}}\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = javaProcess(home, "dev.ponte.app.Main");
        String launcher = System.getProperty("bench.launcher", "");
        if (!launcher.isEmpty()) {
            pb.command(List.of(launcher));
            pb.environment().put("JAVA_TOOL_OPTIONS",
                    "-Dponte.home=" + home + " " + System.getProperty("bench.launcherOptions", ""));
        }
        CompletableFuture<Void> watch = new CompletableFuture<>();
        podWatch = watch;
        long spawned = System.nanoTime();
        Child ponte = Child.start("Ponte run " + n, pb, work.resolve("ponte-" + n + ".log"), cleanup);
        try {
            long firstFrame = Long.parseLong(ponte.await("'first frame after N ms'", FIRST_FRAME, START_DEADLINE)
                    .group(1));
            long spawnToLine = (System.nanoTime() - spawned) / 1_000_000;
            long rssAtFrame = rssKb(ponte.pid());
            if (System.getProperty("bench.memDump", "false").equals("both")) {
                memDump(ponte.pid(), work.resolve("ponte-" + n + "-frame-mem.txt"), null);
            }
            Matcher listed = ponte.await("'workloads of " + UiProbe.BIG + " listed'", BIG_LISTED, LIST_DEADLINE);
            int rows = Integer.parseInt(listed.group(1));
            if (rows != bigWorkloads) {
                throw new BenchException("Ponte run " + n + " listed " + rows + " workloads of " + UiProbe.BIG
                        + ", the mock API server holds " + bigWorkloads);
            }
            awaitPodWatch(watch, n);
            long rss = rssKb(ponte.pid());
            long peak = peakRssKb(ponte.pid());
            String dump = System.getProperty("bench.memDump", "false");
            if (!dump.equals("false")) {
                memDump(ponte.pid(), work.resolve("ponte-" + n + "-mem.txt"),
                        dump.equals("heap") ? work.resolve("ponte-" + n + ".hprof") : null);
            }
            return new PonteRun(firstFrame, spawnToLine, rssAtFrame, rows, Long.parseLong(listed.group(2)), rss, peak);
        } finally {
            cleanup.closeNow(ponte);
        }
    }

    /**
     * Where a live process's resident memory goes, right after its RSS was read: the JVM's native memory summary
     * (with NMT on), /proc smaps_rollup, {@code pmap -x} largest mappings, threads, metaspace, loaded classes per
     * package, then the heap histogram (a full GC, so last).
     */
    private static void memDump(long pid, Path to, Path heapDump) throws IOException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of(jcmd, String.valueOf(pid), "VM.native_memory", "summary"),
                List.of("cat", "/proc/" + pid + "/smaps_rollup"),
                List.of("sh", "-c", "pmap -x " + pid + " | sort -k3 -n -r | head -60"),
                List.of(jcmd, String.valueOf(pid), "Thread.print"),
                List.of(jcmd, String.valueOf(pid), "VM.metaspace", "basic"),
                List.of("sh", "-c", jcmd + " " + pid + " VM.class_hierarchy | grep -o '[a-z][a-z0-9_]*\\.[a-z0-9_.]*\\.'"
                        + " | cut -d. -f1-3 | sort | uniq -c | sort -rn | head -40"),
                List.of(jcmd, String.valueOf(pid), "GC.class_histogram")));
        if (heapDump != null) {
            commands.add(List.of(jcmd, String.valueOf(pid), "GC.heap_dump", heapDump.toString()));
        }
        Files.deleteIfExists(to);
        for (List<String> c : commands) {
            Files.writeString(to, "==== " + String.join(" ", c) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            // Straight into the file, so a command that hangs (jcmd, when the target does not answer) is cut at its
            // deadline instead of blocking a read.
            Process p = new ProcessBuilder(c).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(to.toFile())).start();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    Files.writeString(to, "(timed out after 60 s)\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new BenchException("interrupted while dumping the memory of process " + pid);
            }
        }
        progress("memory breakdown of process %d written to %s", pid, to);
    }

    /** One fresh minimal JavaFX window: its first frame; it exits by itself right after. */
    private MinimalRun minimalRun(int n, boolean ponteGraphics) throws IOException {
        String name = (ponteGraphics ? "minimal-choice-" : "minimal-") + n;
        Path home = Files.createDirectories(work.resolve(name + "-home"));
        ProcessBuilder pb = ponteGraphics ? javaProcess(home, MinimalWindow.class.getName(), "ponte-graphics")
                : javaProcess(home, MinimalWindow.class.getName());
        long spawned = System.nanoTime();
        Child minimal = Child.start("MinimalWindow run " + name, pb, work.resolve(name + ".log"), cleanup);
        try {
            String graphics = ponteGraphics ? minimal.await("'graphics: ...'", GRAPHICS, START_DEADLINE).group(1) : "";
            long firstFrame = Long.parseLong(minimal.await("'first frame after N ms'", FIRST_FRAME, START_DEADLINE)
                    .group(1));
            long spawnToLine = (System.nanoTime() - spawned) / 1_000_000;
            long rss = Long.parseLong(minimal.await("'rss at first frame'", MINIMAL_RSS, START_DEADLINE).group(1));
            minimal.waitForExit(Duration.ofSeconds(10));
            return new MinimalRun(firstFrame, spawnToLine, rss, graphics);
        } finally {
            cleanup.closeNow(minimal);
        }
    }

    private static int breakdownSize(Map<String, List<Long>> breakdown) {
        return breakdown.isEmpty() ? 0 : breakdown.values().iterator().next().size();
    }

    private void breakdown(Map<String, List<Long>> into, long bias) throws IOException {
        int n = breakdownSize(into);
        Map<String, Long> steps = breakdownRun(n, bias);
        progress("cold start breakdown %d/%d: %s", n + 1, breakdownRuns, steps);
        steps.forEach((k, v) -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** One {@link StartupBreakdown} run: ms per step, plus the time before main() (corrected first frame - rest). */
    private Map<String, Long> breakdownRun(int n, long bias) throws IOException {
        Path home = Files.createDirectories(work.resolve("breakdown-home-" + n));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), "{\"lastContext\":\"" + CONTEXT
                + "\",\"lastNamespace\":{\"" + CONTEXT + "\":\"" + UiProbe.BIG + "\"}}\n", StandardCharsets.UTF_8);
        Child child = Child.start("StartupBreakdown run " + n, javaProcess(home, StartupBreakdown.class.getName()),
                work.resolve("breakdown-" + n + ".log"), cleanup);
        try {
            String line = child.await("'BREAKDOWN ...'", BREAKDOWN, START_DEADLINE).group(1);
            long firstFrame = Long.parseLong(child.await("'first frame after N ms'", FIRST_FRAME, START_DEADLINE)
                    .group(1));
            Map<String, Long> steps = new LinkedHashMap<>();
            long mainToFrame = 0;
            for (String kv : line.split(",")) {
                String[] p = kv.split("=", 2);
                if (p[0].equals("main-to-frame")) {
                    mainToFrame = Long.parseLong(p[1]);
                } else {
                    steps.put(p[0], Long.parseLong(p[1]));
                }
            }
            Map<String, Long> result = new LinkedHashMap<>();
            result.put("process-start-to-main", firstFrame - bias - mainToFrame);
            result.putAll(steps);
            result.put("total", firstFrame - bias);
            return result;
        } finally {
            cleanup.closeNow(child);
        }
    }

    private Map<String, String> probe() throws IOException {
        Path home = Files.createDirectories(work.resolve("probe-home"));
        ProcessBuilder pb = javaProcess(home, UiProbe.class.getName(), cluster.url(), home.toString(),
                kubeconfig.toString(), String.valueOf(switches), String.valueOf(events), String.valueOf(eventWarmup));
        pb.command().add(pb.command().indexOf("-cp"), "-Dponte.logdir=" + home.resolve("logs"));
        Child probe = Child.start("UI probe", pb, work.resolve("probe.log"), cleanup);
        try {
            probe.await("the UI probe's results ('BENCH done')", Pattern.compile("^BENCH done$"), PROBE_DEADLINE);
            Map<String, String> results = new HashMap<>();
            for (String line : probe.lines()) {
                if (line.startsWith("BENCH ")) {
                    String rest = line.substring(6);
                    int cut = rest.startsWith("rows ") ? rest.indexOf(' ', 5) : rest.indexOf(' ');
                    if (cut > 0) {
                        results.put(rest.substring(0, cut), rest.substring(cut + 1));
                    }
                }
            }
            return results;
        } finally {
            cleanup.closeNow(probe);
        }
    }

    /** java, the same flags and class path for every child; DISPLAY and KUBECONFIG set. */
    private ProcessBuilder javaProcess(Path home, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(Flags.JVM);
        cmd.add("-Dponte.home=" + home);
        cmd.add("-cp");
        cmd.add(mainClass.equals(UiProbe.class.getName()) ? classpath : appClasspath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().put("DISPLAY", display);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        return pb;
    }

    private String classpathNote() {
        return "class path of Ponte and the floor: " + (appClasspath.equals(classpath) ? "the benchmark's test class path, "
                : "the app's runtime class path (as ./mvnw exec:exec), then the test classes, ")
                + appClasspath.split(File.pathSeparator).length + " entries";
    }

    private static String appClasspath() {
        String list = System.getProperty("bench.runtimeClasspath", "");
        String classes = System.getProperty("bench.classes", "");
        String testClasses = System.getProperty("bench.testClasses", "");
        if (list.isEmpty() || classes.isEmpty() || testClasses.isEmpty() || !Files.isReadable(Path.of(list))) {
            return System.getProperty("java.class.path");
        }
        try {
            String deps = Files.readString(Path.of(list), StandardCharsets.UTF_8).trim();
            return String.join(File.pathSeparator, classes, deps, testClasses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How much too early {@link ProcessHandle.Info#startInstant()} is on this boot, in ms: on Linux the JDK adds the
     * process's start ticks to /proc/stat's btime, which has whole seconds, so the boot instant's fraction of a second
     * is lost. Both first-frame figures carry this same offset.
     */
    static long startInstantBiasMs() {
        try {
            long now = System.currentTimeMillis();
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
            long btime = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                    .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst()
                    .orElseThrow(() -> new BenchException("no btime in /proc/stat"));
            long bias = Math.round(now - uptime * 1000) - btime * 1000;
            return Math.max(0, Math.min(999, bias));
        } catch (IOException e) {
            throw new BenchException("cannot read /proc/uptime or /proc/stat: " + e);
        }
    }

    private static double loadOne(String loadAverage) {
        try {
            return Double.parseDouble(loadAverage.substring(0, loadAverage.indexOf('/')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** VmRSS of a live process, in kB. */
    static long rssKb(long pid) {
        return status(pid, "VmRSS:");
    }

    /** VmHWM of a live process (the highest RSS it has had), in kB. */
    static long peakRssKb(long pid) {
        return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new BenchException("cannot read the " + field + " of process " + pid + ": " + e);
        }
        throw new BenchException("no " + field + " in /proc/" + pid + "/status");
    }

    // ---------------------------------------------------------------------------------------------------------
    // statistics

    private static double[] numbers(Map<String, String> results, String key) {
        String v = results.get(key);
        if (v == null || v.isBlank()) {
            throw new BenchException("the UI probe reported no '" + key + "'");
        }
        return Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static double median(List<Long> values) {
        return median(values.stream().mapToDouble(Long::doubleValue).toArray());
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private static void progress(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
