package dev.ponte.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines of a text file, read in one pass with a bounded buffer (a log may hold megabytes). */
final class LogTail {
    private LogTail() {
    }

    static String lines(Path file, int max) {
        if (file == null || !Files.isRegularFile(file)) {
            return "(no log file" + (file == null ? "" : " at " + file) + ")\n";
        }
        Deque<String> last = new ArrayDeque<>(max);
        // a reader that replaces bytes that are not UTF-8 instead of failing on them
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (last.size() == max) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return String.join("\n", last) + (last.isEmpty() ? "" : "\n");
    }
}
