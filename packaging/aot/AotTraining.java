import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes Ponte's JDK 25 AOT cache from a training run of the packaged app; run by Maven's {@code dist} profile
 * (single-file source program, {@code java packaging/aot/AotTraining.java ...}) on the JDK the runtime was linked
 * from.
 *
 * <pre>
 * AotTraining LAUNCHER CACHE ARGS_OUT [on|off] [SETTLE_SECONDS]
 * </pre>
 *
 * <ol>
 *   <li>starts LAUNCHER (the launcher of a training app image: same runtime and jars as the final one, no
 *       {@code -XX:AOTCache} option) with {@code -XX:AOTMode=record} in {@code JAVA_TOOL_OPTIONS}, its own
 *       {@code -Dponte.home} and a kubeconfig whose one context points at a closed local port (so the kubeconfig,
 *       the contexts view and the Kubernetes client's start are trained, and no real cluster is contacted);</li>
 *   <li>waits for the app's {@code first frame after N ms} log line and SETTLE_SECONDS more (default 3), then ends
 *       the recording with {@code jcmd PID AOT.end_recording} (works on every OS; the app need not exit) and stops
 *       the app;</li>
 *   <li>runs LAUNCHER once more with {@code -XX:AOTMode=create}, which writes CACHE and exits;</li>
 *   <li>writes ARGS_OUT, a jpackage argument file for the final app image: {@code --java-options
 *       -XX:AOTCache=$APPDIR/<cache file name>} (the launcher expands {@code $APPDIR}); CACHE must therefore be put
 *       in jpackage's {@code --input} folder.</li>
 * </ol>
 *
 * With {@code off}, it deletes CACHE and writes an empty ARGS_OUT: the app image then has no cache. On Linux the app
 * needs an X display ({@code DISPLAY}; {@code xvfb-run} on a headless machine). Exit status 0 on success, 1 on
 * failure, with the app's output on stderr.
 */
public final class AotTraining {
    private static final Duration FIRST_FRAME_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(300);

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AotTraining LAUNCHER CACHE ARGS_OUT [on|off] [SETTLE_SECONDS]");
            System.exit(2);
        }
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path cache = Path.of(args[1]).toAbsolutePath();
        Path argsOut = Path.of(args[2]).toAbsolutePath();
        boolean on = args.length < 4 || !args[3].equalsIgnoreCase("off") && !args[3].equalsIgnoreCase("false");
        long settleSeconds = args.length < 5 ? 3 : Long.parseLong(args[4]);
        Files.createDirectories(argsOut.getParent());
        Files.deleteIfExists(cache);
        if (!on) {
            Files.writeString(argsOut, "# AOT cache off (-Dponte.dist.aot=false)\n");
            log("AOT cache off: the app image gets no cache");
            return;
        }
        try {
            train(launcher, cache, settleSeconds);
        } catch (TrainingException e) {
            System.err.println("[aot] FAILED: " + e.getMessage());
            System.err.println("[aot] build without the cache: -Dponte.dist.aot=false");
            System.exit(1);
        }
        Files.writeString(argsOut, "# Written by packaging/aot/AotTraining.java: use the AOT cache in the app folder.\n"
                + "--java-options -XX:AOTCache=$APPDIR/" + cache.getFileName() + "\n");
        log("wrote " + argsOut);
    }

    private static void train(Path launcher, Path cache, long settleSeconds) throws Exception {
        if (!Files.isExecutable(launcher)) {
            throw new TrainingException("no launcher at " + launcher);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("win") && !os.contains("mac") && isBlank(System.getenv("DISPLAY"))) {
            throw new TrainingException("the training run shows Ponte's window and needs an X display: set DISPLAY"
                    + " (on a headless machine: xvfb-run -a ./mvnw ...)");
        }
        Path work = Files.createTempDirectory("ponte-aot-");
        try {
            Path config = work.resolve("ponte.aotconf");
            Path kubeconfig = writeKubeconfig(work);

            long t0 = System.nanoTime();
            List<String> record = List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config,
                    "-Dponte.home=" + work.resolve("home"));
            Process app = start(launcher, record, kubeconfig);
            Output out = Output.of(app);
            try {
                String line = out.awaitLine("first frame after", FIRST_FRAME_TIMEOUT);
                log("training run: " + line.substring(line.indexOf("first frame after")));
                Thread.sleep(Duration.ofSeconds(settleSeconds));
                if (!app.isAlive()) {
                    throw new TrainingException("the app exited during training (exit " + app.exitValue() + ")"
                            + out.tail());
                }
                Path jcmd = Path.of(System.getProperty("java.home"), "bin", os.contains("win") ? "jcmd.exe" : "jcmd");
                Result end = run(List.of(jcmd.toString(), Long.toString(app.pid()), "AOT.end_recording"),
                        Map.of(), Duration.ofSeconds(120));
                if (end.code != 0 || !Files.isRegularFile(config)) {
                    throw new TrainingException("jcmd " + app.pid() + " AOT.end_recording failed (exit " + end.code
                            + "):\n" + end.output + out.tail());
                }
            } finally {
                app.destroyForcibly();
                app.waitFor(30, TimeUnit.SECONDS);
            }
            log(String.format(Locale.ROOT, "recorded %s (%d MB) in %.1f s", config.getFileName(),
                    Files.size(config) >> 20, (System.nanoTime() - t0) / 1e9));

            long t1 = System.nanoTime();
            List<String> create = List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config,
                    "-XX:AOTCache=" + cache, "-Dponte.home=" + work.resolve("home"));
            Result created = run(launcherCommand(launcher), env(create, kubeconfig), CREATE_TIMEOUT);
            if (created.code != 0 || !Files.isRegularFile(cache)) {
                throw new TrainingException("creating the AOT cache failed (exit " + created.code + "):\n"
                        + created.output);
            }
            log(String.format(Locale.ROOT, "created %s (%d MB) in %.1f s", cache, Files.size(cache) >> 20,
                    (System.nanoTime() - t1) / 1e9));
        } finally {
            deleteTree(work);
        }
    }

    /** One context at a local port nobody listens on: the app loads it and fails fast to connect. */
    private static Path writeKubeconfig(Path work) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path file = work.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: training
                  cluster:
                    server: https://127.0.0.1:%d
                contexts:
                - name: training
                  context:
                    cluster: training
                    user: training
                    namespace: default
                current-context: training
                users:
                - name: training
                  user:
                    token: training
                """.formatted(port));
        return file;
    }

    private static Process start(Path launcher, List<String> jvmOptions, Path kubeconfig) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launcherCommand(launcher)).redirectErrorStream(true);
        pb.environment().putAll(env(jvmOptions, kubeconfig));
        return pb.start();
    }

    private static List<String> launcherCommand(Path launcher) {
        return List.of(launcher.toString());
    }

    private static Map<String, String> env(List<String> jvmOptions, Path kubeconfig) {
        // JAVA_TOOL_OPTIONS: the jpackage launcher passes no JVM options of its own from the command line.
        return Map.of("JAVA_TOOL_OPTIONS", String.join(" ", jvmOptions), "KUBECONFIG", kubeconfig.toString());
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        Output out = Output.of(p);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new TrainingException(command + " did not finish in " + timeout.toSeconds() + " s" + out.tail());
        }
        out.done.get(10, TimeUnit.SECONDS);
        return new Result(p.exitValue(), out.text());
    }

    /** Collects a process's output (stdout and stderr merged) on a thread of its own. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        static Output of(Process p) {
            Output o = new Output();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (o) {
                            o.lines.add(line);
                            o.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                } finally {
                    o.done.complete(null);
                    synchronized (o) {
                        o.notifyAll();
                    }
                }
            }, "aot-output");
            t.setDaemon(true);
            t.start();
            return o;
        }

        synchronized String awaitLine(String needle, Duration timeout) throws InterruptedException,
                TrainingException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    String line = lines.get(seen);
                    if (line.contains(needle)) {
                        return line;
                    }
                    if (line.contains("NoClassDefFoundError: java/") || line.contains("NoClassDefFoundError: javax/")
                            || line.contains("NoClassDefFoundError: jdk/")) {
                        throw new TrainingException("a JDK class is missing from the runtime: add its module to"
                                + " ponte.dist.modules in pom.xml (profile dist)" + tail());
                    }
                }
                long left = deadline - System.nanoTime();
                if (done.isDone()) {
                    throw new TrainingException("the app exited before \"" + needle + "\"" + tail());
                }
                if (left <= 0) {
                    throw new TrainingException("no \"" + needle + "\" within " + timeout.toSeconds() + " s" + tail());
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }

        synchronized String text() {
            return String.join("\n", lines);
        }

        synchronized String tail() {
            List<String> last = lines.subList(Math.max(0, lines.size() - 40), lines.size());
            return "\n--- last lines of the app's output ---\n" + String.join("\n", last);
        }
    }

    private static final class TrainingException extends Exception {
        TrainingException(String message) {
            super(message);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void log(String message) {
        System.out.println("[aot] " + message);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[aot] could not delete " + root + ": " + e.getMessage());
        }
    }
}
