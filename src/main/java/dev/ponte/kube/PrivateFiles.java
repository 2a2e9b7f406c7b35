package dev.ponte.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold credentials: created readable by the owner only, in a folder of the user's own,
 * deleted when done — and, should Ponte have been killed, swept away by the next Ponte.
 */
final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** {@code <prefix><pid>-<random>.yaml}: the pid tells whether the owner still runs. */
    private static final Pattern OWNED = Pattern.compile(".*-(\\d+)-\\d+\\.yaml");

    private PrivateFiles() {
    }

    static Path dir() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ponte-" + System.getProperty("user.name", "user"));
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        return dir;
    }

    static Path writeTemp(String prefix, String content) {
        try {
            String name = prefix + ProcessHandle.current().pid() + "-";
            Path file = POSIX
                    ? Files.createTempFile(dir(), name, ".yaml",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir(), name, ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a private temporary file: " + e.getMessage(), e);
        }
    }

    /** Deletes files left by Ponte processes that no longer run (killed before they could clean up). */
    static void sweepStale() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir(), "*.yaml")) {
            for (Path f : files) {
                Matcher m = OWNED.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    delete(f);
                    LOG.info("Removed {} left by an earlier Ponte", f.getFileName());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Sweeping stale private files failed: {}", e.toString());
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary file {}: {}", file, e.getMessage());
        }
    }
}
