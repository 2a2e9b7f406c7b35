package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.ui.tray.XEmbedTray.Answer;
import dev.ponte.ui.tray.XEmbedTray.Here;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The decision whether AWT's tray is worth loading, on a fake libX11: what each answer leads to, and which calls the
 * probe makes (it closes every display it opens and never asks for the owner of an atom the server does not have).
 */
class XEmbedTrayTest {
    private static final Here LINUX_X11 = new Here(true, null, true);
    private static final long DISPLAY = 0x5a5a0L;
    private static final long ATOM = 321L;

    /** Records the calls; answers with the given display, atom and owner. */
    static class FakeXlib implements XEmbedTray.Xlib {
        final List<String> calls = new ArrayList<>();
        final long display;
        final long atom;
        final long owner;

        FakeXlib(long display, long atom, long owner) {
            this.display = display;
            this.atom = atom;
            this.owner = owner;
        }

        @Override
        public long openDisplay(String name) {
            calls.add("open " + name);
            return display;
        }

        @Override
        public long internAtom(long d, String name, boolean onlyIfExists) {
            assertEquals(display, d);
            calls.add("intern " + name + (onlyIfExists ? " only-if-exists" : ""));
            return atom;
        }

        @Override
        public long selectionOwner(long d, long a) {
            assertEquals(display, d);
            calls.add("owner " + a);
            return owner;
        }

        @Override
        public void closeDisplay(long d) {
            assertEquals(display, d);
            calls.add("close");
        }
    }

    @Test
    void anOwnedSelectionMeansAwtsTrayCanWork() throws Throwable {
        FakeXlib x = new FakeXlib(DISPLAY, ATOM, 0x400001L);
        assertEquals(Answer.OWNER, XEmbedTray.probe(LINUX_X11, () -> x, null));
        assertTrue(Answer.OWNER.tryAwt());
        assertEquals(List.of("open null", "intern _NET_SYSTEM_TRAY_S0 only-if-exists", "owner " + ATOM, "close"), x.calls,
                "screen 0's selection, as AWT's XSystemTrayPeer asks; $DISPLAY left to Xlib; the display closed");
    }

    @Test
    void noOwnerMeansNoTrayAndNoAwt() throws Throwable {
        FakeXlib x = new FakeXlib(DISPLAY, ATOM, 0);
        assertEquals(Answer.NO_OWNER, XEmbedTray.probe(LINUX_X11, () -> x, null));
        assertFalse(Answer.NO_OWNER.tryAwt());
        assertEquals("close", x.calls.getLast());
    }

    @Test
    void aServerWithoutTheAtomHasNoOwnerAndIsNotAskedForOne() throws Throwable {
        FakeXlib x = new FakeXlib(DISPLAY, 0, 0x400001L);
        assertEquals(Answer.NO_OWNER, XEmbedTray.probe(LINUX_X11, () -> x, null));
        assertEquals(List.of("open null", "intern _NET_SYSTEM_TRAY_S0 only-if-exists", "close"), x.calls,
                "XGetSelectionOwner(None) would be a BadAtom error");
    }

    @Test
    void aMissingLibraryMeansNoTray() throws Throwable {
        assertEquals(Answer.NO_LIBRARY, XEmbedTray.probe(LINUX_X11, () -> {
            throw new IllegalArgumentException("Cannot open library: libX11.so.6");
        }, null));
        assertEquals(Answer.NO_LIBRARY, XEmbedTray.probe(LINUX_X11, () -> {
            throw new UnsatisfiedLinkError("libX11.so.6");
        }, null));
        assertFalse(Answer.NO_LIBRARY.tryAwt());
    }

    @Test
    void aDisplayThatCannotBeOpenedMeansNoTray() throws Throwable {
        FakeXlib x = new FakeXlib(0, ATOM, 0x400001L);
        assertEquals(Answer.CANNOT_OPEN, XEmbedTray.probe(LINUX_X11, () -> x, null));
        assertEquals(List.of("open null"), x.calls, "nothing to close");
        assertFalse(Answer.CANNOT_OPEN.tryAwt());
    }

    @Test
    void withoutDisplayOrWhenHeadlessLibX11IsNotEvenLoaded() throws Throwable {
        FakeXlib x = new FakeXlib(DISPLAY, ATOM, 0x400001L);
        assertEquals(Answer.NO_DISPLAY, XEmbedTray.probe(new Here(true, null, false), () -> x, null));
        assertEquals(Answer.HEADLESS, XEmbedTray.probe(new Here(true, "true", true), () -> x, null));
        assertEquals(Answer.HEADLESS, XEmbedTray.probe(new Here(true, "TRUE", true), () -> x, null),
                "AWT reads the property with Boolean.valueOf");
        assertEquals(Answer.OWNER, XEmbedTray.probe(new Here(true, "false", true), () -> x, null));
        assertEquals(List.of("open null", "intern _NET_SYSTEM_TRAY_S0 only-if-exists", "owner " + ATOM, "close"), x.calls,
                "only the last probe reached libX11");
    }

    @Test
    void elsewhereThanLinuxAwtDecidesAsBefore() throws Throwable {
        assertEquals(Answer.NOT_X11, XEmbedTray.probe(new Here(false, null, false), () -> {
            throw new AssertionError("no X11 to load on Windows or macOS");
        }, null));
        assertTrue(Answer.NOT_X11.tryAwt());
    }

    @Test
    void onlyOwnerAndNotX11LoadAwt() {
        assertEquals(List.of(Answer.NOT_X11, Answer.OWNER),
                Arrays.stream(Answer.values()).filter(Answer::tryAwt).toList());
    }

    @Test
    void aDisplayThatDoesNotAnswerIsBoundedAndOffTheCallersThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new ArrayList<>();
        FakeXlib x = new FakeXlib(DISPLAY, ATOM, 0x400001L) {
            @Override
            public long openDisplay(String name) {
                synchronized (threads) {
                    threads.add(Thread.currentThread().getName());
                }
                try {
                    release.await(); // as XOpenDisplay of an unreachable TCP display
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.openDisplay(name);
            }
        };
        try {
            Answer a = XEmbedTray.ask(LINUX_X11, () -> x, null, Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);
            assertEquals(Answer.TIMED_OUT, a);
            assertFalse(a.tryAwt());
            synchronized (threads) {
                assertEquals(List.of("ponte-tray-x11-probe"), threads);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void aProbeThatThrowsAnswersFailed() throws Exception {
        FakeXlib x = new FakeXlib(DISPLAY, ATOM, 0x400001L) {
            @Override
            public long selectionOwner(long d, long a) {
                throw new IllegalStateException("boom");
            }
        };
        assertEquals(Answer.FAILED, XEmbedTray.ask(LINUX_X11, () -> x, null, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS));
        assertEquals("close", x.calls.getLast(), "the display is closed on the way out");
    }
}
