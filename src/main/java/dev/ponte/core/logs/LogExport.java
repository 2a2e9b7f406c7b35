package dev.ponte.core.logs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes lines to a text file as the user sees them (escape codes removed), with their RFC 3339
 * timestamps and source names when asked. Blocking file I/O: call from the task layer.
 */
public final class LogExport {
    private LogExport() {
    }

    /** @return the number of lines written */
    public static int write(Path file, List<LogLine> lines, boolean timestamps, boolean sources) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (LogLine line : lines) {
                w.write(format(line, timestamps, sources));
                w.newLine();
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return lines.size();
    }

    /** One line as text: {@code [timestamp ][source ]text}. */
    public static String format(LogLine line, boolean timestamps, boolean sources) {
        StringBuilder sb = new StringBuilder(line.text().length() + 48);
        if (timestamps && line.time() != null) {
            sb.append(DateTimeFormatter.ISO_INSTANT.format(line.time())).append(' ');
        }
        if (sources && line.source() != null) {
            sb.append('[').append(line.source()).append("] ");
        }
        return sb.append(line.text()).toString();
    }
}
