package dev.ponte.rig;

import dev.ponte.wireguard.Cmd;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig's two images, built with {@code podman build} from this machine's binaries (nothing is pulled) and tagged
 * with a hash of everything that goes into them, so an unchanged image is built once and a changed script or a
 * package upgrade gets a new one:
 * <ul>
 *   <li>{@value #CARGO_REPO}: the Cargo stand-in of src/test/resources/images/cargo-rig (WireGuard from the mounted
 *       config at start, the gateway step of images/cargo-standin, Cargo's exec tools).</li>
 *   <li>{@value #APP_REPO}: busybox's httpd answering {@link #APP_BODY} on port {@value #APP_PORT}.</li>
 * </ul>
 * Images stay in Podman's store after the run (that is the cache); {@code podman rmi} of the two repos removes them.
 */
final class RigImages {
    private static final Logger LOG = LoggerFactory.getLogger(RigImages.class);
    static final String CARGO_REPO = "localhost/ponte-rig/cargo";
    static final String APP_REPO = "localhost/ponte-rig/app";
    static final String APP_BODY = "hello from the local app\n";
    static final int APP_PORT = 8000;
    private static final Duration BUILD = Duration.ofMinutes(3);
    private static final String XTABLES = "/usr/lib/x86_64-linux-gnu/xtables";
    /** Host file → path in the Cargo image. */
    private static final List<String> CARGO_BINARIES = List.of("/bin/busybox", "/bin/bash", "/usr/bin/curl",
            "/usr/bin/wireguard-go", "/usr/bin/wg", "/usr/bin/wg-quick", "/usr/sbin/ip", "/usr/sbin/xtables-nft-multi");
    private static final List<String> IPTABLES_NAMES = List.of("iptables", "iptables-save", "iptables-restore");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x");

    /** The two tags, and how long making sure of them took. */
    record Built(String cargo, String app, Duration took, boolean cached) {
    }

    private RigImages() {
    }

    /** Builds the images this Podman lacks; returns their tags. */
    static Built ensure() {
        long t0 = System.nanoTime();
        List<Path> cargoInputs = cargoInputs();
        String cargo = CARGO_REPO + ":" + hash(List.of("/images/cargo-rig/Dockerfile", "/images/cargo-rig/entrypoint.sh",
                "/images/cargo-rig/resolvconf", "/images/cargo-standin/patchContainerGateway.sh"), cargoInputs);
        String app = APP_REPO + ":" + hash(List.of("/images/rig-app/Dockerfile", "/images/rig-app/www/index.html"),
                List.of(Path.of("/bin/busybox")));
        boolean cached = exists(cargo) && exists(app);
        if (!exists(cargo)) {
            build(cargo, RigImages::cargoContext);
        }
        if (!exists(app)) {
            build(app, RigImages::appContext);
        }
        return new Built(cargo, app, Duration.ofNanos(System.nanoTime() - t0), cached);
    }

    private static boolean exists(String tag) {
        return Cmd.run("podman", "image", "exists", tag).ok();
    }

    private interface Context {
        void fill(Path dir) throws IOException;
    }

    private static void build(String tag, Context context) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ponte-rig-image");
            context.fill(dir);
            long t0 = System.nanoTime();
            Cmd.Result r = Cmd.run(BUILD, null, "podman", "build", "--pull=never", "-q", "-t", tag, dir.toString());
            if (!r.ok()) {
                throw new AssertionError("podman build of " + tag + " failed: " + r.err().strip());
            }
            LOG.info("rig: built {} in {} ms", tag, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static void cargoContext(Path dir) throws IOException {
        for (String f : List.of("Dockerfile", "entrypoint.sh", "resolvconf")) {
            write(dir.resolve(f), resource("/images/cargo-rig/" + f), !f.equals("Dockerfile"));
        }
        write(dir.resolve("patchContainerGateway.sh"), resource("/images/cargo-standin/patchContainerGateway.sh"), true);
        Path rootfs = dir.resolve("rootfs");
        Set<String> libraries = new LinkedHashSet<>();
        for (Path p : cargoInputs()) {
            copy(p, rootfs, p.toString());
            libraries.addAll(libraries(p));
        }
        for (String lib : libraries) {
            copy(Path.of(lib), rootfs, lib);
        }
        for (String name : IPTABLES_NAMES) {
            Files.createSymbolicLink(rootfs.resolve("usr/sbin").resolve(name), Path.of("xtables-nft-multi"));
        }
    }

    private static void appContext(Path dir) throws IOException {
        write(dir.resolve("Dockerfile"), resource("/images/rig-app/Dockerfile"), false);
        Files.createDirectories(dir.resolve("www"));
        write(dir.resolve("www/index.html"), resource("/images/rig-app/www/index.html"), false);
        Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"));
        dir.resolve("busybox").toFile().setExecutable(true, false);
    }

    /** The host files the Cargo image is made of: the tools and iptables' extensions. */
    private static List<Path> cargoInputs() {
        List<Path> files = new ArrayList<>();
        CARGO_BINARIES.forEach(b -> files.add(Path.of(b)));
        try (Stream<Path> ext = Files.list(Path.of(XTABLES))) {
            ext.filter(p -> p.toString().endsWith(".so")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list iptables' extensions in " + XTABLES, e);
        }
        return files;
    }

    /** Shared libraries (and the loader) {@code ldd} names; none for a script or a static binary. */
    private static List<String> libraries(Path binary) {
        Cmd.Result r = Cmd.run("ldd", binary.toString());
        List<String> libs = new ArrayList<>();
        Matcher m = LIBRARY.matcher(r.out());
        while (m.find()) {
            libs.add(m.group(1));
        }
        return libs;
    }

    private static void copy(Path from, Path rootfs, String to) throws IOException {
        Path target = rootfs.resolve(to.substring(1));
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
            Files.copy(from, target); // follows links: the image gets the file itself
            target.toFile().setExecutable(true, false);
        }
    }

    private static void write(Path file, byte[] content, boolean executable) throws IOException {
        Files.write(file, content);
        if (executable) {
            file.toFile().setExecutable(true, false);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = RigImages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** First 12 hex digits of SHA-256 over the resources and the host files (names and bytes). */
    private static String hash(List<String> resources, List<Path> hostFiles) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String r : resources) {
                sha.update(r.getBytes(StandardCharsets.UTF_8));
                sha.update(resource(r));
            }
            for (Path p : hostFiles) {
                sha.update(p.toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(p));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}", dir, e);
        }
    }
}
