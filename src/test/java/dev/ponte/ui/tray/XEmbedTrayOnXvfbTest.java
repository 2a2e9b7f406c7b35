package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.PrivateXvfb;
import dev.ponte.ui.tray.XEmbedTray.Answer;
import dev.ponte.ui.tray.XEmbedTray.Here;
import dev.ponte.ui.tray.XEmbedTray.X11;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The probe against a real X server: a private Xvfb (so no tray host of a developer's desktop or of CI's display, where
 * {@code .ci/services.d/40-tray.sh} runs trayer, is seen). Plain Xvfb has no tray; the test then takes the selection
 * {@code _NET_SYSTEM_TRAY_S0} itself, with a window of its own on a connection of its own, as a tray host does, and the
 * probe sees the owner; once the test lets go, it does not. Skips when {@code Xvfb} is not installed, except on CI
 * ({@code PONTE_EXPECT_TRAY=1}), where it fails instead.
 */
class XEmbedTrayOnXvfbTest {
    private static final Here LINUX_X11 = new Here(true, null, true);

    @RegisterExtension
    static final PrivateXvfb XVFB = new PrivateXvfb("the XEmbed probe is for Linux");

    @Test
    void plainXvfbHasNoTrayUntilSomeoneOwnsTheSelection() throws Throwable {
        assertEquals(Answer.NO_OWNER, XEmbedTray.probe(LINUX_X11, X11::load, XVFB.display()), "plain Xvfb has no tray host");

        X11 x = X11.load();
        MethodHandle rootWindow = x.function("XDefaultRootWindow",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        MethodHandle createWindow = x.function("XCreateSimpleWindow", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG));
        MethodHandle setOwner = x.function("XSetSelectionOwner", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        MethodHandle sync = x.function("XSync", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT));

        long host = x.openDisplay(XVFB.display());
        assertNotEquals(0L, host, "the test's own connection to " + XVFB.display());
        MemorySegment d = MemorySegment.ofAddress(host);
        try {
            long root = (long) rootWindow.invokeExact(d);
            long window = (long) createWindow.invokeExact(d, root, 0, 0, 1, 1, 0, 0L, 0L);
            long atom = x.internAtom(host, XEmbedTray.SELECTION, false);
            int ignored = (int) setOwner.invokeExact(d, atom, window, 0L); // CurrentTime
            ignored = (int) sync.invokeExact(d, 0);
            assertEquals(window, x.selectionOwner(host, atom), "the test's window holds the selection");

            assertEquals(Answer.OWNER, XEmbedTray.probe(LINUX_X11, X11::load, XVFB.display()),
                    "a window owns " + XEmbedTray.SELECTION + ", as a tray host's does");

            ignored = (int) setOwner.invokeExact(d, atom, 0L, 0L); // None: the host goes away
            ignored = (int) sync.invokeExact(d, 0);
            assertEquals(Answer.NO_OWNER, XEmbedTray.probe(LINUX_X11, X11::load, XVFB.display()), "nobody owns it again");
        } finally {
            x.closeDisplay(host);
        }
    }

    @Test
    void aDisplayThatIsNotThereCannotBeOpened() throws Throwable {
        Assumptions.assumeFalse(Files.exists(Path.of("/tmp/.X11-unix/X4999")), "display :4999 exists here");
        assertEquals(Answer.CANNOT_OPEN, XEmbedTray.probe(LINUX_X11, X11::load, ":4999"));
    }
}
