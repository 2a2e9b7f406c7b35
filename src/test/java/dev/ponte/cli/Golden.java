package dev.ponte.cli;

import java.nio.file.Path;

/** Output with what changes from run to run replaced: step times, the temp home, client ids, clocks. */
final class Golden {
    private Golden() {
    }

    static String of(String text, Path home) {
        return text.replace(home.toString(), "<home>")
                .replaceAll("\\(\\d+(\\.\\d)? s\\)", "(N s)")
                .replaceAll("ponte[0-9a-f]{10}", "<client>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>");
    }
}
