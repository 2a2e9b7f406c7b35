package dev.ponte.app.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.ponte.core.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;

/**
 * logback's rolling file appender, but every log file it opens — at start and after each roll-over — exists
 * {@code rw-------} before logback opens it by name, in a folder created {@code rwx------}; a link in the file's place
 * is refused. Rolled files keep the mode of the file they were.
 */
public class OwnerOnlyFileAppender extends RollingFileAppender<ILoggingEvent> {
    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        try {
            if (file.getParent() != null) {
                OwnerOnly.missingFolders(file.getParent());
            }
            OwnerOnly.file(file);
        } catch (IOException e) {
            addError("Not opening log file " + file + ": " + e.getMessage(), e);
            throw e;
        }
        super.openFile(fileName);
    }
}
