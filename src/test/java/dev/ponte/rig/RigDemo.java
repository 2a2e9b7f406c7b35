package dev.ponte.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.wireguard.Cmd;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig as a program for {@code scripts/demo}: starts the {@link Rig} (mock cluster with the demo workloads, the
 * operator double, the Stowaway-like peer, DNS, cluster services and images), writes Ponte's settings for it into
 * {@code <home>/config/settings.json} (Cargo image override, {@code cargoEndpoint}, Podman at {@code --engine} as the
 * engine) and runs until its stdin closes or it gets SIGTERM; then tears everything down. Logging goes to stderr;
 * stdout carries two lines for the script:
 * <pre>
 * PARTS &lt;network namespace&gt; &lt;host link&gt; &lt;WireGuard socket&gt; &lt;folder&gt; &lt;blackhole routes it added, comma-separated, or -&gt;
 * READY &lt;kubeconfig&gt; &lt;app image&gt; &lt;Cargo endpoint&gt; &lt;kube context&gt;
 * </pre>
 * PARTS names what the rig made on this machine, so the script can check that it is gone (and remove it should this
 * program be killed). A SIGTERM while the rig is still starting ends an image build in progress (the start then fails
 * and removes what it made), else waits up to {@value #START_WAIT_SECONDS} s for the start to finish and tears the rig
 * down.
 *
 * <pre>RigDemo --home DIR [--engine unix:///run/podman/podman.sock]</pre>
 */
public final class RigDemo {
    private static final Logger LOG = LoggerFactory.getLogger(RigDemo.class);
    /** Longer than the rig's start with its images built (8-10 s on a loaded 2-core machine). */
    static final int START_WAIT_SECONDS = 12;
    private static final CompletableFuture<Rig> STARTED = new CompletableFuture<>();

    private RigDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Path home = null;
        String engine = Rig.ENGINE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[i + 1]);
                case "--engine" -> engine = args[i + 1];
                default -> home = null;
            }
        }
        if (home == null || args.length % 2 != 0 || !engine.startsWith("unix://")) {
            System.err.println("usage: RigDemo --home DIR [--engine unix://SOCKET]");
            System.exit(2);
        }
        List<String> missing = RigRequirements.missing(engine);
        if (!missing.isEmpty()) {
            System.err.println("demo: the rig needs " + String.join(", ", missing));
            System.exit(1);
        }
        List<String> routesBefore = ClusterSide.CONTAINED.stream()
                .filter(cidr -> !Cmd.run("ip", "route", "show", "exact", cidr).out().isBlank()).toList();
        Runtime.getRuntime().addShutdownHook(new Thread(RigDemo::stopOnSignal, "rig-demo-shutdown"));
        Rig rig;
        try {
            rig = Rig.start();
        } catch (RuntimeException | Error e) {
            STARTED.completeExceptionally(e);
            throw e;
        }
        STARTED.complete(rig);
        List<String> added = ClusterSide.CONTAINED.stream().filter(cidr -> !routesBefore.contains(cidr)).toList();
        stdout.println("PARTS " + rig.side.namespace + " " + rig.side.hostLink + " /var/run/wireguard/"
                + rig.side.wgLink + ".sock " + rig.side.dir + " " + (added.isEmpty() ? "-" : String.join(",", added)));
        stdout.flush();
        Path settings = Files.createDirectories(home.resolve("config")).resolve("settings.json");
        Files.writeString(settings, """
                {"theme":"SYSTEM","lastContext":"%s","cargoImage":"%s","cargoEndpoint":"%s","engineEndpoint":"%s"}
                """.formatted(Rig.CONTEXT, rig.cargoImage(), rig.cargoEndpoint(), engine));
        LOG.info("demo: the cluster's services answer inside the cluster, e.g. api.default.svc.cluster.local:8080; "
                + "the app image {} answers on port {}", rig.appImage(), RigImages.APP_PORT);
        stdout.println("READY " + rig.kubeconfig + " " + rig.appImage() + " " + rig.cargoEndpoint() + " " + Rig.CONTEXT);
        stdout.flush();
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // runs until stdin closes
        }
        System.exit(stop(rig));
    }

    /** Tears the rig down (once; the shutdown hook and the main thread may both ask) and says what is left. */
    private static synchronized int stop(Rig rig) {
        try {
            rig.close();
        } catch (RuntimeException e) {
            LOG.warn("demo: {}", e.getMessage());
        }
        List<String> left = rig.leftovers();
        if (!left.isEmpty()) {
            LOG.warn("demo: left behind: {}", left);
        }
        return left.isEmpty() ? 0 : 1;
    }

    /** SIGTERM (or System.exit): tears the rig down, waiting for a start in progress. */
    private static void stopOnSignal() {
        if (!STARTED.isDone()) {
            endImageBuilds();
        }
        try {
            stop(STARTED.get(START_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            LOG.warn("demo: the rig was still starting after {} s; scripts/demo removes what it can find",
                    START_WAIT_SECONDS);
        } catch (ExecutionException e) {
            // the start failed and removed what it had made
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The images come first in the rig's start, before anything else exists: a build in progress would only delay the
     * stop, so it is ended. The start then fails and deletes the build's folder; the build's working containers
     * (buildah's, in Podman's storage only, created since the build began) are removed here.
     */
    private static void endImageBuilds() {
        List<ProcessHandle> builds = ProcessHandle.current().descendants().filter(RigDemo::isImageBuild).toList();
        if (builds.isEmpty()) {
            return;
        }
        // Linux gives a process's start to the second, hence the second before
        long since = builds.stream().mapToLong(p -> p.info().startInstant().map(Instant::getEpochSecond).orElse(0L))
                .min().orElse(0L) - 1;
        for (ProcessHandle build : builds) {
            build.destroy();
            try {
                build.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                build.destroyForcibly();
            }
        }
        Cmd.Result listed = Cmd.run(Duration.ofSeconds(5), null, "podman", "ps", "-a", "--external", "--format", "json");
        try {
            for (JsonNode c : new ObjectMapper().readTree(listed.out())) {
                if ("storage".equals(c.path("State").asText()) && c.path("Command").toString().equals("[\"buildah\"]")
                        && c.path("Created").asLong() >= since) {
                    Cmd.run(Duration.ofSeconds(5), null, "podman", "rm", "-f", "--storage", c.path("Id").asText());
                    LOG.info("demo: removed the working container {} of the ended image build", c.path("Names"));
                }
            }
        } catch (IOException e) {
            LOG.warn("demo: could not read Podman's containers after ending an image build: {}", e.toString());
        }
    }

    private static boolean isImageBuild(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/podman")).orElse(false)
                && p.info().arguments().map(a -> List.of(a).contains("build")).orElse(false);
    }
}
