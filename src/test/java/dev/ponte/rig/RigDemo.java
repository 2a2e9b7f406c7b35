package dev.ponte.rig;

import dev.ponte.wireguard.Cmd;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * program be killed). A SIGTERM while the rig is still starting waits up to {@value #START_WAIT_SECONDS} s for the
 * start to finish and then tears it down.
 *
 * <pre>RigDemo --home DIR [--engine unix:///run/podman/podman.sock]</pre>
 */
public final class RigDemo {
    private static final Logger LOG = LoggerFactory.getLogger(RigDemo.class);
    static final int START_WAIT_SECONDS = 5;
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

    /** SIGTERM (or System.exit): tears the rig down, waiting a little for a start in progress. */
    private static void stopOnSignal() {
        try {
            stop(STARTED.get(START_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            // Only the image build takes this long, and it comes before any other part: what may stay is the build's
            // context folder (a `podman build` child is ended by scripts/demo).
            LOG.warn("demo: stopped while the rig's images were still being built ({} s); a /tmp/ponte-rig-image* "
                    + "folder may be left (rm -rf it)", START_WAIT_SECONDS);
        } catch (ExecutionException e) {
            // the start failed and removed what it had made
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
