package dev.ponte.rig;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig as a program for {@code scripts/demo}: starts the {@link Rig} (mock cluster with the demo workloads, the
 * operator double, the Stowaway-like peer, DNS, cluster services and images), writes Ponte's settings for it into
 * {@code <home>/config/settings.json} (Cargo image override, {@code cargoEndpoint}, Podman as the engine), prints
 * {@code READY <kubeconfig>} on stdout and runs until its stdin closes; then tears everything down. Logging goes to
 * stderr.
 *
 * <pre>RigDemo --home DIR</pre>
 */
public final class RigDemo {
    private static final Logger LOG = LoggerFactory.getLogger(RigDemo.class);

    private RigDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        if (args.length != 2 || !"--home".equals(args[0])) {
            System.err.println("usage: RigDemo --home DIR");
            System.exit(2);
        }
        Path home = Path.of(args[1]);
        List<String> missing = RigRequirements.missing();
        if (!missing.isEmpty()) {
            System.err.println("demo: the rig needs " + String.join(", ", missing));
            System.exit(1);
        }
        Rig rig = Rig.start();
        Runtime.getRuntime().addShutdownHook(new Thread(rig::close, "rig-demo-shutdown"));
        Path settings = Files.createDirectories(home.resolve("config")).resolve("settings.json");
        Files.writeString(settings, """
                {"theme":"SYSTEM","lastContext":"%s","cargoImage":"%s","cargoEndpoint":"%s","engineEndpoint":"%s"}
                """.formatted(Rig.CONTEXT, rig.cargoImage(), rig.cargoEndpoint(), Rig.ENGINE));
        LOG.info("demo: the cluster's services answer inside the cluster, e.g. api.default.svc.cluster.local:8080; "
                + "the app image {} answers on port {}", rig.appImage(), RigImages.APP_PORT);
        stdout.println("READY " + rig.kubeconfig + " " + rig.appImage() + " " + rig.cargoEndpoint());
        stdout.flush();
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // runs until stdin closes
        }
        rig.close();
        List<String> left = rig.leftovers();
        if (!left.isEmpty()) {
            LOG.warn("demo: left behind: {}", left);
        }
        System.exit(left.isEmpty() ? 0 : 1);
    }
}
