package dev.ponte.docker;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cargo stand-in image (src/test/resources/images/cargo-standin): busybox, bash and curl from this machine
 * (with the shared libraries {@code ldd} names) plus Ponte's own {@code patchContainerGateway.sh}. Built
 * without a pull, tagged with a hash of the Dockerfile and the script, so a changed script gets a new image.
 */
final class CargoStandin {
    private static final Logger LOG = LoggerFactory.getLogger(CargoStandin.class);
    private static final String RESOURCES = "/images/cargo-standin/";
    private static final List<String> FILES = List.of("Dockerfile", "patchContainerGateway.sh");
    /** Host binary → path in the image. */
    private static final List<String[]> BINARIES = List.of(
            new String[] {"/bin/busybox", "/bin/busybox"},
            new String[] {"/bin/bash", "/bin/bash"},
            new String[] {"/usr/bin/curl", "/usr/bin/curl"});
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x");

    private CargoStandin() {
    }

    /** The image's tag on this engine, built first when the engine lacks it. */
    static String ensure(DockerEngine engine, EngineTestSupport.Engine which) {
        String tag = "localhost/ponte-test/cargo-standin:" + contentHash();
        try {
            engine.client().inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException e) {
            LOG.info("Building {} on {}", tag, which.product);
        }
        for (String[] b : BINARIES) {
            if (!Files.isExecutable(Path.of(b[0]))) {
                which.unavailable("cannot build the Cargo stand-in: " + b[0] + " is missing");
            }
        }
        Path context = null;
        try {
            context = Files.createTempDirectory("ponte-cargo-standin");
            for (String f : FILES) {
                Files.write(context.resolve(f), resource(f));
            }
            Path rootfs = context.resolve("rootfs");
            Set<String> files = new LinkedHashSet<>();
            for (String[] b : BINARIES) {
                copy(Path.of(b[0]), rootfs, b[1]);
                files.addAll(libraries(b[0]));
            }
            for (String lib : files) {
                copy(Path.of(lib), rootfs, lib);
            }
            long t0 = System.nanoTime();
            engine.client().buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false).withRemove(true)
                    .exec(new BuildImageResultCallback()).awaitImageId(3, TimeUnit.MINUTES);
            LOG.info("Built {} on {} in {} ms ({} libraries)", tag, which.product, (System.nanoTime() - t0) / 1_000_000,
                    files.size());
            return tag;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(context);
        }
    }

    private static void copy(Path from, Path rootfs, String to) throws IOException {
        Path target = rootfs.resolve(to.substring(1));
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
            Files.copy(from, target); // follows links: the image gets the file itself
            target.toFile().setExecutable(true, false);
        }
    }

    /** The absolute paths of the shared libraries (and loader) {@code ldd} lists for a binary. */
    static List<String> libraries(String binary) throws IOException {
        Process p = new ProcessBuilder("ldd", binary).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ldd " + binary + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        List<String> libs = new ArrayList<>();
        Matcher m = LIBRARY.matcher(out);
        while (m.find()) {
            libs.add(m.group(1));
        }
        return libs;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CargoStandin.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource images/cargo-standin/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String f : FILES) {
                sha.update(resource(f));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}", dir, e);
        }
    }
}
