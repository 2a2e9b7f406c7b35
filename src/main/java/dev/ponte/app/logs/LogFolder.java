package dev.ponte.app.logs;

import dev.ponte.core.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Ponte's log folder, made owner-only before logback starts (also the one an older Ponte left world-readable). */
public final class LogFolder {
    private LogFolder() {
    }

    /** Creates {@code dir} {@code rwx------} (or narrows it) and narrows the log files already in it to {@code rw-------}. */
    public static Path prepare(Path dir) throws IOException {
        Path folder = OwnerOnly.folder(dir);
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(folder, "*.log")) {
            for (Path log : logs) {
                if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
                    OwnerOnly.file(log);
                }
            }
        }
        return folder;
    }
}
