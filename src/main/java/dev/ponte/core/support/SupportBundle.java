package dev.ponte.core.support;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.diagnostics.DiagnosticsService;
import dev.ponte.core.files.OwnerOnly;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * "Export support bundle…": one zip with what a maintainer needs to understand a problem with one context's
 * connection — Ponte and Java versions, the OS, the engine, the settings, the journal, a fresh diagnostics checklist,
 * the last {@value #LOG_LINES} lines of Ponte's log, Cargo's log, the operator's events for this machine's client and
 * the connection's objects as YAML. Every text goes through the one {@link Redactor} before it is written; the cluster
 * adapter masks provider config and account data before the YAML leaves it. A part that cannot be read is a note in
 * the bundle, never a failed export. The file is owner-only and replaced in one step.
 */
public final class SupportBundle {
    public static final int LOG_LINES = 2_000;

    /**
     * Where the app keeps what the bundle copies.
     *
     * @param settings the settings file's text (null when there is none)
     * @param logFile  Ponte's current log file
     */
    public record Sources(String ponteVersion, Supplier<String> settings, Path logFile) {
    }

    /** One file of the bundle, for the dialog that lists them before saving. */
    public record Item(String file, String what) {
    }

    /** @param problems parts that could not be read, in words (they are notes inside the bundle too) */
    public record Written(Path file, long bytes, List<String> entries, List<String> problems) {
    }

    private final Engines engines;
    private final Clusters clusters;
    private final Supplier<ConnectionsSnapshot> connections;
    private final Journal journal;
    private final DiagnosticsService diagnostics;
    private final Sources sources;
    private final Clock clock;

    public SupportBundle(Engines engines, Clusters clusters, Supplier<ConnectionsSnapshot> connections, Journal journal,
                         DiagnosticsService diagnostics, Sources sources, Clock clock) {
        this.engines = engines;
        this.clusters = clusters;
        this.connections = connections;
        this.journal = journal;
        this.diagnostics = diagnostics;
        this.sources = sources;
        this.clock = clock;
    }

    /** What the bundle of {@code context} will hold, before anything is read. */
    public List<Item> contents(String context) {
        ConnectionSnapshot s = connections.get().of(context).orElse(null);
        String cargo = s != null && s.name() != null ? "gefyra-cargo-" + s.name() : "Cargo";
        String client = s != null && s.clientId() != null ? s.clientId() : "this machine's client";
        return List.of(
                new Item("ponte.txt", "Ponte " + sources.ponteVersion() + ", Java and OS versions"),
                new Item("engine.txt", "the container engine in use and the others found"),
                new Item("settings.json", "Ponte's settings (images, endpoints, engine, MTUs)"),
                new Item("journal.txt", "the journal: what Ponte created and has not removed, operations in flight"),
                new Item("diagnostics.txt", "a fresh diagnostics checklist of " + context),
                new Item("ponte.log", "the last " + LOG_LINES + " lines of Ponte's log"),
                new Item("cargo.log", "the last " + LOG_LINES + " lines of " + cargo + "'s log"),
                new Item("operator-events.txt", "the operator's events about " + client),
                new Item("objects.yaml", "the GefyraClient " + client + ", its bridges and the mounts it made, as YAML"),
                new Item("README.txt", "what is inside, and that every secret was masked"));
    }

    public Operation<Written> write(String context, Path target) {
        return (progress, cancel) -> run(context, target, progress, cancel);
    }

    Written run(String context, Path target, Progress progress, CancellationToken cancel) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        ConnectionSnapshot s = connections.get().of(context).orElse(null);
        Connection conn = s == null ? null : s.connection();
        String cargo = conn != null ? conn.cargoName() : s != null && s.name() != null ? "gefyra-cargo-" + s.name() : null;
        String client = s == null ? null : s.clientId();
        int total = 9;
        step(progress, cancel, "Versions", 1, total);
        parts.put("ponte.txt", "Ponte " + sources.ponteVersion() + "\nJava " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")\nOS "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + "\nWritten " + clock.instant() + " for context " + context + (s == null ? "" : ", connection " + s.name()
                + " (" + s.state().word() + ")") + "\n");
        step(progress, cancel, "Container engine", 2, total);
        parts.put("engine.txt", part("the engine", problems, () -> {
            StringBuilder b = new StringBuilder();
            try (ContainerEngine e = engines.open()) {
                var i = e.info();
                b.append("In use: ").append(i.product()).append(' ').append(i.version()).append(" (API ").append(i.apiVersion())
                        .append(", ").append(i.os()).append('/').append(i.arch()).append(") at ").append(i.endpoint()).append('\n');
            }
            engines.options().forEach(o -> b.append("Found: ").append(o.label()).append('\n'));
            return b.toString();
        }));
        step(progress, cancel, "Settings", 3, total);
        parts.put("settings.json", part("the settings", problems, () -> {
            String t = sources.settings().get();
            return t == null ? "(no settings file yet)\n" : t;
        }));
        step(progress, cancel, "Journal", 4, total);
        parts.put("journal.txt", part("the journal", problems, this::journalText));
        step(progress, cancel, "Diagnostics", 5, total);
        parts.put("diagnostics.txt", part("the diagnostics", problems,
                () -> diagnostics.run(context, Progress.NONE, cancel).text()));
        step(progress, cancel, "Ponte's log", 6, total);
        parts.put("ponte.log", part("Ponte's log", problems, () -> LogTail.lines(sources.logFile(), LOG_LINES)));
        step(progress, cancel, "Cargo's log", 7, total);
        parts.put("cargo.log", part("Cargo's log", problems, () -> {
            if (cargo == null) {
                return "(this context has no connection, so no Cargo)\n";
            }
            try (ContainerEngine e = engines.open()) {
                return e.container(cargo).isEmpty() ? "(" + cargo + " does not exist)\n" : e.logs(cargo, LOG_LINES);
            }
        }));
        step(progress, cancel, "The cluster's side", 8, total);
        String[] events = {null};
        String[] yaml = {null};
        try (ClusterSession session = clusters.open(context)) {
            GefyraCluster g = session.gefyra();
            events[0] = part("the operator's events", problems, () -> client == null ? "(no client of this machine)\n"
                    : eventsText(g.events(client, 200)));
            yaml[0] = part("the connection's objects", problems, () -> client == null ? "# no client of this machine\n"
                    : String.join("---\n", g.objectsYaml(client)));
        } catch (RuntimeException e) {
            String why = "(the cluster could not be asked: " + ErrorAdvice.explain(e, context).detail() + ")\n";
            problems.add("the cluster's side: " + ErrorAdvice.explain(e, context).title());
            events[0] = why;
            yaml[0] = "# " + why;
        }
        parts.put("operator-events.txt", events[0]);
        parts.put("objects.yaml", yaml[0]);
        parts.put("README.txt", readme(context, problems));
        step(progress, cancel, "Write the zip", 9, total);
        byte[] zip = zip(parts);
        OwnerOnly.replace(target, zip);
        return new Written(target, zip.length, List.copyOf(parts.keySet()), List.copyOf(problems));
    }

    private String readme(String context, List<String> problems) {
        StringBuilder b = new StringBuilder("Ponte support bundle for context ").append(context).append(", written ")
                .append(clock.instant()).append("\n\nEvery file passed Ponte's redactor: tokens, passwords, keys (WireGuard"
                        + " PrivateKey/PresharedKey, PEM keys), Authorization headers and secret-named values are shown as ")
                .append(Redactor.MASK).append(".\nThe cluster objects' providerConfig and serviceAccountData are masked before"
                        + " they leave the cluster adapter.\n\n");
        contents(context).forEach(i -> b.append(i.file()).append(": ").append(i.what()).append('\n'));
        if (!problems.isEmpty()) {
            b.append("\nNot complete:\n");
            problems.forEach(p -> b.append("- ").append(p).append('\n'));
        }
        return b.toString();
    }

    private String journalText() {
        StringBuilder b = new StringBuilder("Connections (context -> name, client):\n");
        journal.identities().forEach(i -> b.append("  ").append(i.context()).append(" -> ").append(i.connection()).append(", ")
                .append(i.clientId()).append('\n'));
        b.append("\nThings Ponte made and has not removed:\n");
        journal.entries().forEach(e -> b.append("  ").append(e.status()).append(' ').append(e.describe()).append(" (connection ")
                .append(e.connection()).append(", since ").append(e.since()).append(e.operation() == null ? "" : ", by " + e.operation())
                .append(")\n"));
        b.append("\nOperations in flight:\n");
        journal.running().forEach(r -> b.append("  ").append(r.operation()).append(" of ").append(r.connection()).append(" since ")
                .append(r.started()).append('\n'));
        return b.toString();
    }

    private static String eventsText(List<GefyraCluster.EventInfo> events) {
        if (events.isEmpty()) {
            return "(no events about this client in namespace gefyra)\n";
        }
        StringBuilder b = new StringBuilder();
        events.forEach(e -> b.append(e.time()).append(' ').append(e.type()).append(' ').append(e.reason()).append(' ')
                .append(e.object()).append(": ").append(e.message()).append('\n'));
        return b.toString();
    }

    /** Reads one part; a failure becomes a note (and a problem line), never an exception. */
    private static String part(String what, List<String> problems, Supplier<String> read) {
        try {
            String text = read.get();
            return text == null ? "" : text;
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            var p = ErrorAdvice.explain(e, "the cluster");
            problems.add(what + ": " + p.title());
            return "(" + what + " could not be read: " + p.title() + " — " + p.detail() + ")\n";
        }
    }

    /** Every entry through the redactor, then zipped. */
    static byte[] zip(Map<String, String> parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry("ponte-support/" + e.getKey()));
                zip.write(Redactor.redact(e.getValue()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void step(Progress progress, CancellationToken cancel, String name, int i, int total) {
        cancel.throwIfCancelled();
        progress.step(name, i, total);
    }
}
