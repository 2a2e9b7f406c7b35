package dev.ponte.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a thread of its own, the classes the UI thread loads on its way to the first frame (JavaFX's controls,
 * skins and behaviours, Ponte's views), in the order it loads them, while the UI thread builds the window: when it
 * gets to one, it is there. Loading only: {@code Class.forName(name, false, loader)} runs no static initializer, so
 * nothing of JavaFX's own state (its registry of pseudo-classes, which has no lock) is touched off the UI thread; the
 * UI thread still initializes each class itself. The list, {@value #LIST}, is written by
 * {@code scripts/startup-classes} from a start with the loading logged, and {@code StartupClassesOnXvfbTest} fails
 * when it no longer covers what the window loads. A name that is not there (another platform's classes) is passed
 * over. Off with {@code -Dponte.preload=false}. With the packaged app's AOT cache the classes are in the cache already
 * and each look-up is cheap.
 */
public final class StartupClasses {
    static final String LIST = "/dev/ponte/app/startup-classes.txt";

    private StartupClasses() {
    }

    /** Starts the loading on a daemon thread, unless {@code ponte.preload} is {@code false}. */
    public static void preloadInBackground() {
        if (!"false".equals(System.getProperty("ponte.preload"))) {
            Thread.ofPlatform().daemon().name("ponte-preload").start(
                    () -> preload(StartupClasses.class.getResourceAsStream(LIST), StartupClasses.class.getClassLoader()));
        }
    }

    /**
     * Loads each class named in {@code list} (one per line, {@code #} starts a comment) with {@code loader}, without
     * initializing it. Returns how many were loaded; names that are not found or cannot be loaded are passed over.
     */
    static int preload(InputStream list, ClassLoader loader) {
        if (list == null) {
            return 0;
        }
        int loaded = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // another platform's class, or one that is gone since the list was written: the UI thread loads
                    // what it needs itself
                }
            }
        } catch (IOException e) {
            // the list could not be read: the UI thread loads everything itself, as without the list
        }
        return loaded;
    }
}
