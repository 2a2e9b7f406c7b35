import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code bench/run all}: runs Ponte's three benchmark programs one after the other and prints every row of issue 15's
 * performance table in one table, the floor beside Ponte:
 * <ol>
 *   <li>{@code scripts/measure-startup --runs N}: the packaged app with its AOT cache vs the floor on the same runtime,
 *       and {@code ./mvnw compile exec:exec} (second start and later, nothing changed) vs the packaged app;</li>
 *   <li>{@code bench/run}: cold start vs the minimal JavaFX window, namespace switch, watch event, RSS with 5,000 pods
 *       (the minimal window's RSS beside);</li>
 *   <li>{@code bench/run -Dbench.pods=50000 -Dbench.rssOnly=true}: Ponte's RSS with 50,000 pods;</li>
 *   <li>{@code bench/run logs}: log ingest vs the split floor, UI-thread stall (the idle window's beside), ring bytes
 *       per line.</li>
 * </ol>
 * Each program's own output goes to standard output as it comes (progress to standard error); the table is read from
 * their {@code FIGURE key=value} lines. A figure that could not be measured prints as such and makes the exit status
 * non-zero; a missed aim does not.
 *
 * <p>Arguments: Maven arguments for the Maven runs (e.g. {@code -o}), and knobs, all {@code -Dname=value}; the
 * defaults keep the whole run near four minutes on a 2-core machine:
 * {@code bench.runs=6} cold starts of each (bench/run), {@code bench.breakdownRuns=1}, {@code bench.rounds=3} warm
 * log rounds (LogBench's default), {@code bench.startRuns=6} (measure-startup's runs of each variant),
 * {@code bench.bigPods=50000} (0 skips that pass), {@code bench.bigRuns=3} Ponte processes at
 * that size, {@code bench.bigHeap=8g} (the benchmark JVM's heap then: the mock API server's store is in it). Any other
 * {@code -Dbench.…} knob goes to the programs as documented in PonteBench and LogBench.
 */
public final class All {
    private static final long STEP_TIMEOUT_MINUTES = 40;

    /** One program; {@code javaOptions}, when not empty, go to its JVMs through JAVA_TOOL_OPTIONS. */
    private record Step(String name, List<String> command, String javaOptions) {
    }

    /** What a program printed as {@code FIGURE key=value}, how it ended, and the load average at its start and end. */
    private record Outcome(Map<String, String> figures, int exitCode, long seconds, String load) {
    }

    private All() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("ponte.root", ".")).toAbsolutePath().normalize();
        Map<String, String> knobs = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("-D") && a.contains("=")) {
                knobs.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        List<String> user = List.of(args);
        String startRuns = knobs.getOrDefault("bench.startRuns", "6");
        int bigPods = Integer.parseInt(knobs.getOrDefault("bench.bigPods", "50000"));
        String bigRuns = knobs.getOrDefault("bench.bigRuns", "3");
        String bigHeap = knobs.getOrDefault("bench.bigHeap", "8g");
        String run = root.resolve("bench/run").toString();

        List<Step> steps = new ArrayList<>();
        steps.add(new Step("start", List.of(root.resolve("scripts/measure-startup").toString(), "--runs", startRuns),
                ""));
        steps.add(new Step("bench", concat(List.of(run, "-Dbench.runs=6", "-Dbench.breakdownRuns=1"), user,
                List.of()), ""));
        if (bigPods > 0) {
            // Later -D options win: these make the pass what it is, whatever the user set for the 5,000-pod one.
            steps.add(new Step("big", concat(List.of(run), user, List.of("-Dbench.pods=" + bigPods,
                    "-Dbench.rssOnly=true", "-Dbench.runs=" + bigRuns, "-Dbench.heap=" + bigHeap)), ""));
        }
        // bench/run logs starts LogBench through the pom's exec:exec, whose arguments Maven's -D options do not reach:
        // its knobs go to its JVM as JAVA_TOOL_OPTIONS.
        Map<String, String> logKnobs = new LinkedHashMap<>(Map.of("bench.rounds", "3"));
        knobs.forEach((k, v) -> {
            if (List.of("bench.lines", "bench.ring", "bench.rounds", "bench.histogram", "bench.display").contains(k)) {
                logKnobs.put(k, v);
            }
        });
        StringBuilder javaOptions = new StringBuilder();
        logKnobs.forEach((k, v) -> javaOptions.append(javaOptions.length() == 0 ? "" : " ").append("-D").append(k)
                .append('=').append(v));
        steps.add(new Step("logs", concat(List.of(run, "logs"), user, List.of()), javaOptions.toString()));

        String loadBefore = loadAverage();
        Instant started = Instant.now();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Step step : steps) {
            outcomes.put(step.name, run(step, root));
        }
        String loadAfter = loadAverage();
        long took = Instant.now().getEpochSecond() - started.getEpochSecond();

        Table t = new Table(outcomes);
        System.out.println();
        System.out.printf("Issue 15's table in one run (bench/run all, %s; %d cores; %d min %d s)%n",
                started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                took / 60, took % 60);
        System.out.println();
        System.out.println("| figure | the floor | Ponte | ratio | aim | |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        t.row("cold start to first frame, `bench/run`", "bench", "start.floor.ms", seconds(), "start.ponte.ms", seconds(),
                "start.ratio", "≤ 1.3 ×", (f, p, r) -> r <= 1.3);
        t.row("packaged app with its AOT cache vs the floor on the same runtime", "start", "floor.ms", seconds(),
                "packaged.aot.ms", seconds(), "packaged.ratio", "≤ 1.2 ×", (f, p, r) -> r <= 1.2);
        t.row("`./mvnw compile exec:exec` (second start, nothing changed) vs the packaged app", "start",
                "packaged.aot.ms", v -> "packaged " + seconds().apply(v), "mvnw.ms", seconds(), "mvnw.ratio",
                "≤ 2 × the packaged app", (f, p, r) -> r <= 2);
        t.row("RSS with " + t.size("bench") + ", the big namespace shown", "bench",
                "rss.floor.mb", v -> "minimal window at first frame " + v + " MB", "rss.ponte.mb", v -> v + " MB",
                null, "≤ 250 MB", (f, p, r) -> p <= 250);
        if (bigPods > 0) {
            t.row("RSS with " + t.size("big") + ", the big namespace shown", "big", null, null, "rss.ponte.mb",
                    v -> v + " MB", null, "≤ 400 MB", (f, p, r) -> p <= 400);
        }
        t.row("namespace switch → table filled, median", "bench", null, null, "switch.median.ms", millis(), null,
                "≤ 100 ms", (f, p, r) -> p <= 100);
        t.row("watch event → row visible, p99", "bench", null, null, "event.p99.ms", tenths(), null, "≤ 33 ms",
                (f, p, r) -> p <= 33);
        t.row("log ingest, " + t.get("logs", "lines", "1000000", All::thousands) + " mixed lines", "logs",
                "ingest.floor.linesPerSec", v -> "split " + linesPerSecond(v), "ingest.linesPerSec",
                v -> linesPerSecond(v) + t.range("logs", "ingest.linesPerSec"), "ingest.pctOfFloor",
                "≥ 1M lines/s and ≥ 25 % of the floor", (f, p, r) -> p >= 1_000_000 && r >= 25);
        // No ratio: the idle window's p99 is a fraction of a ms on a quiet machine.
        t.row("FX-thread stall p99 during that ingest, independent 4 ms probe", "logs", "stall.idle.p99.ms",
                v -> "idle window " + tenths().apply(v), "stall.p99.ms",
                v -> tenths().apply(v) + " (worst round " + tenths().apply(t.get("logs", "stall.p99.max.ms", "?",
                        x -> x)) + ")", "", "p99 ≤ 16 ms", (f, p, r) -> p <= 16);
        t.row("ring memory per log line", "logs", null, null, "ring.bytesPerLine",
                v -> Math.round(Double.parseDouble(v)) + " bytes", null, "≤ 250 bytes", (f, p, r) -> p <= 250);
        System.out.println();
        System.out.println("Medians; the log rows over the warm rounds. Where a row has a floor, the ratio is Ponte / the"
                + " floor (for log ingest: % of the floor).");
        System.out.printf("Load average (1/5/15 min): %s before, %s after; during each program (start, end):%s%n",
                loadBefore, loadAfter, t.loads());
        System.out.printf("Time per program: %s%n", t.times());
        boolean failed = outcomes.values().stream().anyMatch(o -> o.exitCode != 0);
        if (t.missing > 0 || failed) {
            System.out.printf("%d figure(s) could not be measured%s (see the programs' output above)%n", t.missing,
                    failed ? "; a program failed" : "");
        }
        System.out.flush();
        System.exit(t.missing > 0 || failed ? 1 : 0);
    }

    /** Runs one program; its standard output is echoed and searched for {@code FIGURE key=value} lines. */
    private static Outcome run(Step step, Path root) throws Exception {
        System.out.println();
        System.out.println("== " + String.join(" ", step.command) + " ==");
        System.out.flush();
        System.err.println("bench/run all: " + String.join(" ", step.command));
        String loadBefore = loadAverage();
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(step.command).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.INHERIT);
        if (!step.javaOptions.isEmpty()) {
            pb.environment().put("JAVA_TOOL_OPTIONS", step.javaOptions);
        }
        Map<String, String> figures = new LinkedHashMap<>();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.out.println("could not start: " + e.getMessage());
            return new Outcome(figures, -1, 0, loadAverage());
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println(line);
                    if (line.startsWith("FIGURE ") && line.indexOf('=') > 7) {
                        synchronized (figures) {
                            figures.put(line.substring(7, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("reading its output failed: " + e.getMessage());
            }
        });
        reader.start();
        int code;
        if (p.waitFor(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            code = p.exitValue();
        } else {
            System.out.println("did not end within " + STEP_TIMEOUT_MINUTES + " min; stopped");
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            code = -1;
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        System.err.printf("bench/run all: %s ended with exit status %d after %d s%n", step.name, code, seconds);
        synchronized (figures) {
            return new Outcome(new LinkedHashMap<>(figures), code, seconds, loadBefore + ", " + loadAverage());
        }
    }

    /** Whether a row's aim is met, from the floor, Ponte's figure and the ratio (NaN where the row has none). */
    private interface Aim {
        boolean met(double floor, double ponte, double ratio);
    }

    private static final class Table {
        private final Map<String, Outcome> outcomes;
        int missing;

        Table(Map<String, Outcome> outcomes) {
            this.outcomes = outcomes;
        }

        String get(String step, String key, String otherwise, Function<String, String> format) {
            Outcome o = outcomes.get(step);
            String v = o == null ? null : o.figures.get(key);
            return format.apply(v == null ? otherwise : v);
        }

        /** The rounds' range of a lines/s figure, in millions, when there is one. */
        String range(String step, String key) {
            Outcome o = outcomes.get(step);
            String lo = o == null ? null : o.figures.get(key + ".min");
            String hi = o == null ? null : o.figures.get(key + ".max");
            if (lo == null || hi == null) {
                return "";
            }
            String l = String.format(Locale.ROOT, "%.2f", Double.parseDouble(lo) / 1e6);
            String h = String.format(Locale.ROOT, "%.2f", Double.parseDouble(hi) / 1e6);
            return l.equals(h) ? "" : " (rounds " + l + "–" + h + "M)";
        }

        /** "500 namespaces / 1,000 Deployments / 5,000 Pods", as a PonteBench pass seeded them. */
        String size(String step) {
            return get(step, "namespaces", "?", All::thousands) + " namespaces / "
                    + get(step, "deployments", "?", All::thousands) + " Deployments / "
                    + get(step, "pods", "?", All::thousands) + " Pods";
        }

        /**
         * One row; a null floor key: the row has none (its cell shows a dash); a null ratio key: Ponte / the floor when
         * there is a floor; an empty one: no ratio.
         */
        void row(String figure, String step, String floorKey, Function<String, String> floorFormat, String ponteKey,
                 Function<String, String> ponteFormat, String ratioKey, String aim, Aim met) {
            Outcome o = outcomes.get(step);
            Map<String, String> f = o == null ? Map.of() : o.figures;
            String floor = floorKey == null ? null : f.get(floorKey);
            String ponte = f.get(ponteKey);
            boolean noRatio = "".equals(ratioKey);
            String ratio = ratioKey == null || noRatio ? null : f.get(ratioKey);
            boolean complete = ponte != null && (floorKey == null || floor != null)
                    && (ratioKey == null || noRatio || ratio != null);
            double ratioValue = ratio != null ? Double.parseDouble(ratio)
                    : !noRatio && floor != null && ponte != null ? Double.parseDouble(ponte) / Double.parseDouble(floor)
                    : Double.NaN;
            String ratioCell = Double.isNaN(ratioValue) ? "–"
                    : "ingest.pctOfFloor".equals(ratioKey) ? String.format(Locale.ROOT, "%.1f %%", ratioValue)
                    : String.format(Locale.ROOT, "%.2f ×", ratioValue);
            String verdict;
            if (!complete) {
                missing++;
                verdict = "NOT MEASURED";
            } else {
                verdict = met.met(floor == null ? Double.NaN : Double.parseDouble(floor), Double.parseDouble(ponte),
                        ratioValue) ? "met" : "missed";
            }
            System.out.printf("| %s | %s | %s | %s | %s | %s |%n", figure,
                    floorKey == null ? "–" : floor == null ? "not measured" : floorFormat.apply(floor),
                    ponte == null ? "not measured" : ponteFormat.apply(ponte),
                    complete ? ratioCell : "–", aim, verdict);
        }

        String loads() {
            StringBuilder b = new StringBuilder();
            outcomes.forEach((step, o) -> b.append(' ').append(step).append(' ').append(o.load).append(';'));
            return b.length() == 0 ? "" : b.substring(0, b.length() - 1);
        }

        String times() {
            StringBuilder b = new StringBuilder();
            outcomes.forEach((step, o) -> b.append(b.length() == 0 ? "" : ", ").append(step).append(' ')
                    .append(o.seconds).append(" s").append(o.exitCode == 0 ? "" : " (exit status " + o.exitCode + ")"));
            return b.toString();
        }
    }

    private static Function<String, String> seconds() {
        return v -> String.format(Locale.ROOT, "%.2f s", Double.parseDouble(v) / 1000);
    }

    private static Function<String, String> millis() {
        return v -> v.equals("?") ? v : String.format(Locale.ROOT, "%.0f ms", Double.parseDouble(v));
    }

    private static String linesPerSecond(String v) {
        return String.format(Locale.ROOT, "%,.0f lines/s", Double.parseDouble(v));
    }

    private static Function<String, String> tenths() {
        return v -> v.equals("?") ? v : String.format(Locale.ROOT, "%.1f ms", Double.parseDouble(v));
    }

    private static String thousands(String v) {
        return v.equals("?") ? v : String.format(Locale.ROOT, "%,d", Long.parseLong(v));
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
