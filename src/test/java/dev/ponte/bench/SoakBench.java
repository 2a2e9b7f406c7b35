package dev.ponte.bench;

import dev.ponte.kube.gefyra.FaultWorld;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The soak (a benchmark, not a test): {@code bench/run soak}. Connects and disconnects one context again and again —
 * the real connection service, run gateway and fabric8 adapter against fabric8's mock API server answered by the
 * Gefyra operator double, on the in-memory engine — and prints threads, heap after a full GC, open file descriptors,
 * the journal's entries and the private folder's files at the start and every quarter (after dropping what the mock
 * server keeps and a real one does not: recorded requests, expired Events). Nothing should grow. It asserts
 * nothing and exits non-zero only when a cycle fails. Knobs: {@code soak.cycles} or {@code SOAK_CYCLES} (default 1000),
 * {@code soak.warmup} or {@code SOAK_WARMUP} (unmeasured cycles first, default 20).
 */
public final class SoakBench {
    private final int cycles = knob("soak.cycles", "SOAK_CYCLES", 1000);
    private final int warmup = knob("soak.warmup", "SOAK_WARMUP", 20);

    /** A system property, else an environment variable ({@code bench/run soak} passes those), else the default. */
    private static int knob(String property, String env, int fallback) {
        String v = System.getProperty(property, System.getenv(env));
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    private record Sample(int cycle, int threads, long heapKiB, int fds, int journal, int privateFiles, long millis) {
    }

    public static void main(String[] args) throws Exception {
        // The table goes to stdout; the services' INFO lines would bury it.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.exit(new SoakBench().run(System.out));
    }

    private int run(PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("ponte-soak");
        List<Sample> samples = new ArrayList<>();
        Map<String, Long> threadsBefore;
        Map<String, Long> threadsAfter;
        Map<String, long[]> histoBefore;
        Map<String, long[]> histoAfter;
        long started = System.nanoTime();
        try (FaultWorld world = new FaultWorld(work); FaultWorld.Machine m = world.machine("soak")) {
            for (int i = 1; i <= warmup; i++) {
                cycle(m, -i);
            }
            threadsBefore = threadGroups();
            samples.add(sample(0, m, world, started));
            histoBefore = histogram();
            long cycleStart = System.nanoTime();
            for (int i = 1; i <= cycles; i++) {
                cycle(m, i);
                if (i % Math.max(1, cycles / 4) == 0 || i == cycles) {
                    samples.add(sample(i, m, world, cycleStart));
                    progress("%d of %d cycles", i, cycles);
                }
            }
            threadsAfter = threadGroups();
            histoAfter = histogram();
        } catch (IllegalStateException | AssertionError e) { // a cycle that ended wrongly, or a wait that timed out
            progress("a cycle failed: %s", e.getMessage());
            return 1;
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        out.printf(Locale.ROOT, "Soak: %d Connect/Disconnect cycles of one context (after %d warm-up cycles), mock API server "
                + "with the operator double, in-memory engine, JDK %s%n", cycles, warmup, System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%8s %8s %12s %6s %8s %14s %10s%n", "cycle", "threads", "heap KiB", "fds", "journal",
                "private files", "ms/cycle");
        for (Sample s : samples) {
            out.printf(Locale.ROOT, "%8d %8d %12d %6d %8d %14d %10s%n", s.cycle(), s.threads(), s.heapKiB(), s.fds(), s.journal(),
                    s.privateFiles(), s.cycle() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", s.millis() / (double) s.cycle()));
        }
        out.printf(Locale.ROOT, "growth first -> last: threads %+d, heap after GC %+d KiB (%+.1f%%), fds %+d, journal %+d, "
                        + "private files %+d%n", last.threads() - first.threads(), last.heapKiB() - first.heapKiB(),
                100.0 * (last.heapKiB() - first.heapKiB()) / first.heapKiB(), last.fds() - first.fds(),
                last.journal() - first.journal(), last.privateFiles() - first.privateFiles());
        Map<String, Long> grew = new TreeMap<>();
        threadsAfter.forEach((k, v) -> {
            long d = v - threadsBefore.getOrDefault(k, 0L);
            if (d != 0) {
                grew.put(k, d);
            }
        });
        threadsBefore.forEach((k, v) -> {
            if (!threadsAfter.containsKey(k)) {
                grew.put(k, -v);
            }
        });
        out.println("threads by name, change: " + (grew.isEmpty() ? "none" : grew));
        out.println("classes whose live instances grew most (bytes; the mock server and the operator double run in this JVM too):");
        histoAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()[1] - histoBefore.getOrDefault(e.getKey(), new long[2])[1]))
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> out.printf(Locale.ROOT, "  %+10d  %s%n", e.getValue(), e.getKey()));
        return 0;
    }

    private static void cycle(FaultWorld.Machine m, int i) {
        m.connect();
        if (!m.snapshot().state().isUp()) {
            throw new IllegalStateException("Connect " + i + ": " + m.snapshot().headline() + " " + m.snapshot().problem());
        }
        m.disconnect(false);
        if (m.snapshot().state() != dev.ponte.core.connections.ConnectionState.NOT_CONNECTED) {
            throw new IllegalStateException("Disconnect " + i + ": " + m.snapshot().headline() + " " + m.snapshot().problem());
        }
    }

    private static Sample sample(int cycle, FaultWorld.Machine m, FaultWorld world, long since) throws IOException, InterruptedException {
        // The mock's own bookkeeping, which a real API server does not keep: every request it answered, and Events
        // past their TTL (without these two the heap grew by ~32 KiB a cycle, all of it the mock's store)
        world.forgetRecordedRequests();
        world.expireEvents();
        for (int i = 0; i < 3; i++) {
            ManagementFactory.getMemoryMXBean().gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = (int) open.count();
        }
        int privateFiles;
        Path priv = world.root().resolve("private");
        try (Stream<Path> files = Files.exists(priv) ? Files.list(priv) : Stream.empty()) {
            privateFiles = (int) files.count();
        }
        int journal = m.journal().entries().size() + m.journal().running().size();
        return new Sample(cycle, threads, heap, fds, journal, privateFiles, (System.nanoTime() - since) / 1_000_000);
    }

    /**
     * Live objects by class: instances and bytes, after a full GC — the GC.class_histogram diagnostic command, run in
     * this process through its MBean (a jcmd attaching to its own parent hangs).
     */
    private static Map<String, long[]> histogram() throws javax.management.JMException {
        var server = ManagementFactory.getPlatformMBeanServer();
        String text = (String) server.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> out = new TreeMap<>();
        for (String line : text.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }

    /** Live threads by name with digits taken out ("pool-3-thread-7" → "pool-#-thread-#"). */
    private static Map<String, Long> threadGroups() {
        return Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new, Collectors.counting()));
    }

    private static void progress(String format, Object... args) {
        System.err.println("soak: " + String.format(Locale.ROOT, format, args));
        System.err.flush();
    }
}
