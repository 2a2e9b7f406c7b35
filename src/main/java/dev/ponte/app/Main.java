package dev.ponte.app;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Starts Ponte. A plain class (not an {@code Application}) so the app also starts with JavaFX on the
 * class path. Sets the log folder before the first logger exists.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws IOException {
        AppPaths paths = AppPaths.detect(System.getenv());
        Files.createDirectories(paths.logs());
        System.setProperty("ponte.logdir", paths.logs().toString());
        javafx.application.Application.launch(PonteApp.class, args);
    }
}
