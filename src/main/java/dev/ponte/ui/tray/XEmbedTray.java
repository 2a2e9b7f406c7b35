package dev.ponte.ui.tray;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether AWT's {@code SystemTray} can have an icon here, asked of the X server without loading AWT. On Linux AWT's tray
 * is the XEmbed system-tray protocol and nothing else: its {@code XSystemTrayPeer} reports a tray when the X selection
 * {@code _NET_SYSTEM_TRAY_S0} (screen 0, the one it asks) has an owner, the tray host. Loading AWT only to learn that
 * there is none (GNOME without the AppIndicator extension, Wayland without an XEmbed tray, Xvfb) costs about 280 classes
 * and 4–5 MB of RSS beside the JavaFX window, so {@link DesktopTray} asks here first and loads AWT only when a host owns
 * the selection. Elsewhere (Windows, macOS) there is no X server to ask and AWT decides as before.
 *
 * <p>The question is five libX11 calls through the foreign function API on a display connection of the probe's own
 * ({@code XOpenDisplay}, {@code XInternAtom} with only-if-exists, {@code XGetSelectionOwner}, {@code XCloseDisplay}):
 * it creates nothing on the server. {@code $DISPLAY} is not read into Java beyond "is it set": Xlib reads it itself.
 * {@code XOpenDisplay} of an unreachable TCP display waits on the network, so {@link #ask} runs the probe on a thread of
 * its own and answers {@link Answer#TIMED_OUT} after a bound.
 */
final class XEmbedTray {
    private static final Logger LOG = LoggerFactory.getLogger(XEmbedTray.class);
    /** AWT's {@code XSystemTrayPeer} asks for screen 0's tray, whatever the default screen. */
    static final String SELECTION = "_NET_SYSTEM_TRAY_S0";
    /** How long the probe may take before Ponte goes on as without a tray. */
    static final Duration BOUND = Duration.ofSeconds(5);

    /** The probe's answer, and whether AWT's tray is worth loading after it. */
    enum Answer {
        /** Not Linux (Windows, macOS): no X server to ask; AWT's {@code SystemTray} decides, as before. */
        NOT_X11(true, "not an X11 desktop; AWT's SystemTray decides"),
        /** A tray host owns the selection: AWT's XEmbed tray can take the icon. */
        OWNER(true, "a tray host owns " + SELECTION),
        /** {@code java.awt.headless=true}: AWT would report no tray. */
        HEADLESS(false, "java.awt.headless is true"),
        /** {@code DISPLAY} unset or blank: AWT would be headless. */
        NO_DISPLAY(false, "DISPLAY is not set"),
        /** libX11 could not be loaded (AWT's X11 toolkit needs it too). */
        NO_LIBRARY(false, "libX11.so.6 could not be loaded"),
        /** {@code XOpenDisplay} returned NULL. */
        CANNOT_OPEN(false, "the X display could not be opened"),
        /** The display has no owner of the selection: no XEmbed tray host runs. */
        NO_OWNER(false, "no XEmbed tray host owns " + SELECTION),
        /** The probe did not answer within {@link #BOUND}. */
        TIMED_OUT(false, "the X display did not answer within " + BOUND.toSeconds() + " s"),
        /** The probe failed in an unexpected way (logged). */
        FAILED(false, "the X11 probe failed");

        private final boolean tryAwt;
        private final String why;

        Answer(boolean tryAwt, String why) {
            this.tryAwt = tryAwt;
            this.why = why;
        }

        /** Whether loading AWT's tray can give Ponte an icon. */
        boolean tryAwt() {
            return tryAwt;
        }

        /** Why, for the log. */
        String why() {
            return why;
        }
    }

    /** What the probe needs to know of the process before any native call (the seam for tests). */
    record Here(boolean linux, String headlessProperty, boolean displaySet) {
        static Here current() {
            String display = System.getenv("DISPLAY");
            return new Here(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                    System.getProperty("java.awt.headless"), display != null && !display.isBlank());
        }
    }

    /**
     * The libX11 calls the probe makes (the seam for tests). Pointers and XIDs as numbers; 0 is NULL or None.
     */
    interface Xlib {
        /** {@code XOpenDisplay}; {@code name} null means {@code $DISPLAY}. */
        long openDisplay(String name) throws Throwable;

        /** {@code XInternAtom}; with {@code onlyIfExists}, 0 when the server has no such atom. */
        long internAtom(long display, String name, boolean onlyIfExists) throws Throwable;

        /** {@code XGetSelectionOwner}: the owner window, 0 for None. */
        long selectionOwner(long display, long atom) throws Throwable;

        /** {@code XCloseDisplay}. */
        void closeDisplay(long display) throws Throwable;
    }

    private XEmbedTray() {
    }

    /**
     * Asks on a thread of its own, off the caller's (the FX thread may call). Completes with the answer, with
     * {@link Answer#TIMED_OUT} after {@link #BOUND} (the probe's thread, a daemon, is then left to end when Xlib
     * returns), or with {@link Answer#FAILED} when the probe threw.
     */
    static CompletableFuture<Answer> ask() {
        return ask(Here.current(), X11::load, null, BOUND);
    }

    static CompletableFuture<Answer> ask(Here here, Callable<? extends Xlib> libX11, String displayName, Duration bound) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ponte-tray-x11-probe").start(() -> {
            try {
                answer.complete(probe(here, libX11, displayName));
            } catch (Throwable e) {
                LOG.warn("The X11 tray probe failed; going on as without a tray", e);
                answer.complete(Answer.FAILED);
            }
        });
        return answer.completeOnTimeout(Answer.TIMED_OUT, bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The decision (blocking: {@code XOpenDisplay} may wait on the network). {@code displayName} null means
     * {@code $DISPLAY}, which Xlib reads; a name is only for tests on a display of their own.
     */
    static Answer probe(Here here, Callable<? extends Xlib> libX11, String displayName) throws Throwable {
        if (!here.linux()) {
            return Answer.NOT_X11;
        }
        if (Boolean.parseBoolean(here.headlessProperty())) {
            return Answer.HEADLESS;
        }
        if (displayName == null && !here.displaySet()) {
            return Answer.NO_DISPLAY;
        }
        Xlib x;
        try {
            x = libX11.call();
        } catch (Exception | LinkageError e) {
            LOG.debug("libX11: {}", e.toString());
            return Answer.NO_LIBRARY;
        }
        long display = x.openDisplay(displayName);
        if (display == 0) {
            return Answer.CANNOT_OPEN;
        }
        try {
            long atom = x.internAtom(display, SELECTION, true);
            // Without the atom nobody ever took the selection; None would be a BadAtom for XGetSelectionOwner.
            return atom != 0 && x.selectionOwner(display, atom) != 0 ? Answer.OWNER : Answer.NO_OWNER;
        } finally {
            x.closeDisplay(display);
        }
    }

    /**
     * libX11 through the foreign function API. The library is looked up in the global arena and never unloaded: the
     * JavaFX window's GTK has it mapped already, and unloading Xlib under a live process is not worth a few pages.
     */
    static final class X11 implements Xlib {
        private static final Linker LINKER = Linker.nativeLinker();
        private final SymbolLookup lookup;
        private final MethodHandle open;
        private final MethodHandle intern;
        private final MethodHandle owner;
        private final MethodHandle closeDisplay;

        private X11(SymbolLookup lookup) {
            this.lookup = lookup;
            open = function("XOpenDisplay", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            intern = function("XInternAtom", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            owner = function("XGetSelectionOwner", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG));
            closeDisplay = function("XCloseDisplay", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        }

        /** Loads {@code libX11.so.6}; throws {@link IllegalArgumentException} when it cannot be loaded. */
        static X11 load() {
            return new X11(SymbolLookup.libraryLookup("libX11.so.6", Arena.global()));
        }

        /** A downcall to a libX11 function (Atom, Window and XID are {@code unsigned long}: 64 bits on Linux). */
        MethodHandle function(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(lookup.find(name).orElseThrow(
                    () -> new IllegalArgumentException("libX11 has no " + name)), descriptor);
        }

        @Override
        public long openDisplay(String name) throws Throwable {
            try (Arena call = Arena.ofConfined()) {
                MemorySegment n = name == null ? MemorySegment.NULL : call.allocateFrom(name);
                return ((MemorySegment) open.invokeExact(n)).address();
            }
        }

        @Override
        public long internAtom(long display, String name, boolean onlyIfExists) throws Throwable {
            try (Arena call = Arena.ofConfined()) {
                return (long) intern.invokeExact(MemorySegment.ofAddress(display), call.allocateFrom(name),
                        onlyIfExists ? 1 : 0);
            }
        }

        @Override
        public long selectionOwner(long display, long atom) throws Throwable {
            return (long) owner.invokeExact(MemorySegment.ofAddress(display), atom);
        }

        @Override
        public void closeDisplay(long display) throws Throwable {
            int ignored = (int) closeDisplay.invokeExact(MemorySegment.ofAddress(display));
        }
    }
}
