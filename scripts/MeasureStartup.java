import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The timing harness of {@code scripts/measure-startup} (which builds what it needs and starts the display and the
 * mock API server first). Runs each variant's command as a fresh process, round-robin (one unreported warm-up round
 * first), and takes two times per run: the wall time from starting the process to reading the {@code first frame
 * after N ms} line from its output, and the N the process reports (from its JVM's start). Then prints sizes and the
 * medians side by side.
 *
 * <pre>
 * java MeasureStartup.java RUNS DIST_DIR FLOOR_IMAGE REPO_DIR MVN_BUILD_DIR_ARG
 * </pre>
 *
 * The environment (DISPLAY, KUBECONFIG, PONTE_HOME) comes from the script.
 */
public final class MeasureStartup {
    private static final Pattern FIRST_FRAME = Pattern.compile("first frame after (\\d+) ms");
    private static final String MVNW_BEFORE = "./mvnw, Maven JVM as before";

    /**
     * One way to start Ponte. {@code closedAfterWarmUp}: the warm-up run ends as a closed window does (SIGTERM, then
     * the process exits by itself), not killed, so whatever the JVM writes at exit is there for the measured runs —
     * the development start's class-data archive (pom profile dev-cds), written when the app exits, and Maven's own
     * (mvnw), written when Maven exits after it, as they are after a developer's first session.
     */
    private record Variant(String name, List<String> command, Map<String, String> env, Path dir,
            boolean closedAfterWarmUp) {
        Variant(String name, List<String> command, Map<String, String> env, Path dir) {
            this(name, command, env, dir, false);
        }
    }

    private record Run(double wallMs, long reportedMs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path dist = Path.of(args[1]);
        Path floorImage = Path.of(args[2]);
        Path repo = Path.of(args[3]);
        String buildDirArg = args.length > 4 ? args[4] : "";
        String home = System.getenv("PONTE_HOME");
        Path image = dist.resolve("app-image/ponte");

        List<String> mvn = new ArrayList<>(List.of(repo.resolve("mvnw").toString(), "-B", "-q"));
        if (!buildDirArg.isEmpty()) {
            mvn.add(buildDirArg);
        }
        List<String> mvnCompileExec = new ArrayList<>(mvn);
        mvnCompileExec.addAll(List.of("compile", "exec:exec"));

        String ponteHome = "-Dponte.home=" + home;
        List<Variant> variants = List.of(
                new Variant("packaged, AOT cache", List.of(image.resolve("bin/ponte").toString()),
                        Map.of("JAVA_TOOL_OPTIONS", ponteHome), repo),
                new Variant("packaged, no AOT cache", List.of(image.resolve("bin/ponte").toString()),
                        Map.of("JAVA_TOOL_OPTIONS", ponteHome + " -XX:AOTMode=off"), repo),
                new Variant("packaged, AOT cache, C1 only", List.of(image.resolve("bin/ponte").toString()),
                        Map.of("JAVA_TOOL_OPTIONS", ponteHome + " -XX:TieredStopAtLevel=1"), repo),
                new Variant("floor (same runtime, no AOT)", List.of(floorImage.resolve("bin/floor").toString()),
                        Map.of("JAVA_TOOL_OPTIONS", ponteHome), repo),
                new Variant("./mvnw compile exec:exec", mvnCompileExec, Map.of("JAVA_TOOL_OPTIONS", ponteHome), repo,
                        true),
                // For comparison, Maven's JVM as it was before its own class-data archive and Guice's reflection
                // (mvnw's MVNW_CDS; the later -D in MAVEN_OPTS overrides .mvn/jvm.config's).
                new Variant(MVNW_BEFORE, mvnCompileExec, Map.of("JAVA_TOOL_OPTIONS", ponteHome, "MVNW_CDS", "false",
                        "MAVEN_OPTS", "-Dguice_bytecode_gen_option=ENABLED"), repo));

        Map<Variant, List<Run>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v, new ArrayList<>()));
        for (int round = 0; round <= runs; round++) {
            StringBuilder line = new StringBuilder(round == 0 ? "warm-up " : String.format("run %2d  ", round));
            for (Variant v : variants) {
                Run r = runOnce(v, round == 0 && v.closedAfterWarmUp);
                if (round > 0) {
                    results.get(v).add(r);
                }
                line.append(String.format(Locale.ROOT, " | %s %.0f/%d", shortName(v.name), r.wallMs, r.reportedMs));
            }
            System.err.println(line);
        }

        System.out.println();
        System.out.printf("Ponte start-up and sizes (%s; JDK %s; %d cores; DISPLAY %s; cold = new process, warm file cache)%n",
                dist.getParent().getFileName(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                System.getenv("DISPLAY"));
        System.out.println();
        System.out.println("sizes");
        for (Path installer : list(dist.resolve("installer"))) {
            System.out.printf(Locale.ROOT, "  %-34s %7.1f MB%n", installer.getFileName(), Files.size(installer) / 1e6);
        }
        System.out.printf(Locale.ROOT, "  %-34s %7.1f MB%n", "app image (app-image/ponte)", treeSize(image) / 1e6);
        System.out.printf(Locale.ROOT, "  %-34s %7.1f MB%n", "  runtime (lib/runtime)", treeSize(image.resolve("lib/runtime")) / 1e6);
        System.out.printf(Locale.ROOT, "  %-34s %7.1f MB%n", "  jars (lib/app/*.jar)", jarSize(image.resolve("lib/app")) / 1e6);
        Path aot = image.resolve("lib/app/ponte.aot");
        if (Files.exists(aot)) {
            System.out.printf(Locale.ROOT, "  %-34s %7.1f MB%n", "  AOT cache (lib/app/ponte.aot)", Files.size(aot) / 1e6);
        }
        System.out.println();
        System.out.printf("cold start to first frame, median of %d (min-max); wall = process start to the log line,%n", runs);
        System.out.println("reported = the app's own \"first frame after N ms\" (from its JVM's start)");
        Map<String, Double> wallMedian = new LinkedHashMap<>();
        for (Variant v : variants) {
            List<Run> rs = results.get(v);
            double[] wall = rs.stream().mapToDouble(Run::wallMs).toArray();
            double[] rep = rs.stream().mapToDouble(Run::reportedMs).toArray();
            wallMedian.put(v.name, median(wall));
            System.out.printf(Locale.ROOT, "  %-29s wall %5.0f ms (%5.0f-%5.0f)   reported %5.0f ms (%5.0f-%5.0f)%n", v.name,
                    median(wall), min(wall), max(wall), median(rep), min(rep), max(rep));
        }
        double aotMs = wallMedian.get("packaged, AOT cache");
        double noAotMs = wallMedian.get("packaged, no AOT cache");
        double floorMs = wallMedian.get("floor (same runtime, no AOT)");
        System.out.println();
        System.out.printf(Locale.ROOT, "  AOT cache: %.0f ms -> %.0f ms (%.0f%% less)%n", noAotMs, aotMs, 100 * (1 - aotMs / noAotMs));
        System.out.printf(Locale.ROOT, "  packaged with AOT / floor without AOT = %.2f (aim <= 1.2); without AOT / floor = %.2f%n",
                aotMs / floorMs, noAotMs / floorMs);
        System.out.printf(Locale.ROOT, "  packaged with AOT, C1 only (-XX:TieredStopAtLevel=1, not shipped) / floor = %.2f%n",
                wallMedian.get("packaged, AOT cache, C1 only") / floorMs);
        System.out.printf(Locale.ROOT, "  ./mvnw compile exec:exec / packaged with AOT = %.2f (aim <= 2); with Maven's JVM as before: %.2f%n",
                wallMedian.get("./mvnw compile exec:exec") / aotMs, wallMedian.get(MVNW_BEFORE) / aotMs);
        System.out.println();
        System.out.println("details (wall ms, in run order):");
        for (Variant v : variants) {
            System.out.printf(Locale.ROOT, "  %-29s %s%n", v.name,
                    Arrays.toString(results.get(v).stream().mapToLong(r -> Math.round(r.wallMs)).toArray()));
        }
        // Machine-readable lines for bench/run all: FIGURE key=value (wall medians, ms).
        System.out.printf(Locale.ROOT, "FIGURE packaged.aot.ms=%.0f%n", aotMs);
        System.out.printf(Locale.ROOT, "FIGURE packaged.noAot.ms=%.0f%n", noAotMs);
        System.out.printf(Locale.ROOT, "FIGURE floor.ms=%.0f%n", floorMs);
        System.out.printf(Locale.ROOT, "FIGURE packaged.ratio=%.3f%n", aotMs / floorMs);
        System.out.printf(Locale.ROOT, "FIGURE mvnw.ms=%.0f%n", wallMedian.get("./mvnw compile exec:exec"));
        System.out.printf(Locale.ROOT, "FIGURE mvnw.ratio=%.3f%n", wallMedian.get("./mvnw compile exec:exec") / aotMs);
        System.out.printf(Locale.ROOT, "FIGURE mvnw.before.ms=%.0f%n", wallMedian.get(MVNW_BEFORE));
        System.out.printf(Locale.ROOT, "FIGURE runs=%d%n", runs);
    }

    private static String shortName(String name) {
        return switch (name) {
            case "packaged, AOT cache" -> "aot";
            case "packaged, no AOT cache" -> "no-aot";
            case "packaged, AOT cache, C1 only" -> "aot-c1";
            case "floor (same runtime, no AOT)" -> "floor";
            case MVNW_BEFORE -> "mvnw-before";
            default -> "mvnw";
        };
    }

    private static Run runOnce(Variant v, boolean close) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(v.command).directory(v.dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(v.env);
        CompletableFuture<long[]> seen = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        long t0 = System.nanoTime();
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    long now = System.nanoTime();
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = FIRST_FRAME.matcher(line);
                    if (m.find()) {
                        seen.complete(new long[] {now, Long.parseLong(m.group(1))});
                    }
                }
            } catch (IOException e) {
                // killed
            } finally {
                seen.complete(null);
            }
        });
        reader.setDaemon(true);
        reader.start();
        long[] hit;
        try {
            hit = seen.get(180, TimeUnit.SECONDS);
        } finally {
            if (close) {
                // As a closed window: the app (the child of ./mvnw's Maven) gets SIGTERM and exits by itself.
                List<ProcessHandle> apps = p.children().toList();
                apps.forEach(ProcessHandle::destroy);
                for (ProcessHandle app : apps) {
                    try {
                        app.onExit().get(120, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        System.err.println(v.name + ": the app did not exit within 120 s of SIGTERM; killing it");
                    }
                }
                // Maven then ends by itself and its JVM writes its own class-data archive (mvnw), as after a session.
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    System.err.println(v.name + ": Maven did not exit within 120 s of the app; killing it");
                }
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (hit == null) {
            synchronized (output) {
                throw new IllegalStateException(v.name + ": no \"first frame after\" line; output:\n"
                        + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
            }
        }
        Thread.sleep(500); // let the killed process's resources go before the next start
        return new Run((hit[0] - t0) / 1e6, hit[1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static long treeSize(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static long jarSize(Path dir) throws IOException {
        long sum = 0;
        for (Path p : list(dir)) {
            if (p.toString().endsWith(".jar")) {
                sum += Files.size(p);
            }
        }
        return sum;
    }
}
