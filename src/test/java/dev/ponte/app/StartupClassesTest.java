package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The classes the window will need are loaded beside it, never initialized there: a static initializer runs on the
 * thread that first uses the class (for JavaFX's, the UI thread), as without the preloading.
 */
class StartupClassesTest {
    static final AtomicInteger INITIALIZED = new AtomicInteger();

    /** Stands for a JavaFX class whose static set-up must stay on the UI thread. */
    static final class Canary {
        static {
            INITIALIZED.incrementAndGet();
        }

        static void touch() {
        }
    }

    private static InputStream list(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loadsWithoutInitializingAndPassesOverWhatIsNotThere() throws Exception {
        int before = INITIALIZED.get();
        String text = "# a comment\n\n" + Canary.class.getName() + "\ncom.sun.glass.ui.win.WinApplication\n"
                + "no.such.Klass\n  " + String.class.getName() + "  \n";
        int loaded = StartupClasses.preload(list(text), getClass().getClassLoader());
        assertEquals(2, loaded, "the canary and String; the Windows class and the unknown one passed over");
        assertEquals(before, INITIALIZED.get(), "loading ran no static initializer");
        Canary.touch();
        assertEquals(before + 1, INITIALIZED.get(), "the first use initializes it, on the thread that uses it");
    }

    @Test
    void noListNoLoading() {
        assertEquals(0, StartupClasses.preload(null, getClass().getClassLoader()));
    }

    @Test
    void theAppsListIsThereAndLoads() {
        InputStream in = StartupClasses.class.getResourceAsStream(StartupClasses.LIST);
        assertTrue(in != null, StartupClasses.LIST + " is on the class path (scripts/startup-classes writes it)");
        int loaded = StartupClasses.preload(in, StartupClasses.class.getClassLoader());
        assertTrue(loaded > 500, "most of the list loads here: " + loaded);
    }
}
