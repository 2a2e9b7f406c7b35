package dev.ponte.app;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * JavaFX's graphics pipeline, chosen before the toolkit starts where the outcome is known in advance.
 *
 * <p>On Linux JavaFX tries its OpenGL pipeline (es2) first. It accepts only a GL driver from a vendor on its list
 * (AMD, ATI, Intel, NVIDIA, nouveau, X.Org: {@code com.sun.prism.es2.X11GLFactory}); Mesa's software renderers
 * (llvmpipe, softpipe) are not on it, so without a GPU JavaFX falls back to its software pipeline (sw), but only after it
 * has loaded libGL, Mesa's software driver and LLVM and made a GL context. GTK does the same once more, at display open,
 * to pick GL-capable visuals (unless {@code GDK_GL=disable}). Together that is about 55 MB of resident memory and some
 * 50–100 ms of start on a machine that will draw in software anyway: a VM, a remote desktop, a container, Xvfb.
 *
 * <p>Without any GPU device node ({@code /dev/dri}, NVIDIA's, WSL's {@code /dev/dxg}, AMD's {@code /dev/kfd}) Mesa
 * has no hardware to drive, so the outcome is sw whatever happens. Then, and only then, Ponte sets
 * {@code prism.order=sw} and {@code GDK_GL=disable} before the toolkit starts. Where a GPU device exists, or the user
 * chose ({@code -Dprism.order}, {@code -Dprism.forceGPU=true}, {@code GDK_GL}), nothing changes and JavaFX decides as
 * always. Windows and macOS are untouched.
 *
 * <p>{@code GDK_GL} is read by GTK from the C environment, which Java cannot change, so it is set with libc's
 * {@code setenv} through the foreign function API, before the toolkit starts. The process's first {@code setenv}
 * copies the environment into a new array and leaves the old one in place, so a thread reading the environment at
 * that moment is safe. Java's own copy of the environment (what {@link System#getenv()} and child processes see) is
 * taken before and keeps the user's.
 */
public final class GraphicsChoice {
    /** Device nodes through which Mesa (or NVIDIA's, or WSL's driver) can reach a GPU. */
    static final List<String> GPU_NODES = List.of("dri", "nvidiactl", "nvidia0", "dxg", "kfd");

    /** What the decision needs to know of the process (the seam for tests). */
    record Here(boolean linux, String prismOrder, String forceGpu, String gdkGl, Path dev) {
        static Here current() {
            return new Here(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                    System.getProperty("prism.order"), System.getProperty("prism.forceGPU"), System.getenv("GDK_GL"),
                    Path.of("/dev"));
        }
    }

    /**
     * The decision, and why, for the log.
     *
     * @param software whether Ponte chose the software pipeline up front
     * @param why      one sentence for the log
     */
    public record Decision(boolean software, String why) {
    }

    private GraphicsChoice() {
    }

    /** The decision for {@code here}; reads only whether device nodes exist. */
    static Decision decide(Here here) {
        if (!here.linux()) {
            return new Decision(false, "not Linux: JavaFX chooses its graphics pipeline");
        }
        if (here.prismOrder() != null) {
            return new Decision(false, "prism.order is set: JavaFX follows it");
        }
        if ("true".equalsIgnoreCase(here.forceGpu())) {
            return new Decision(false, "prism.forceGPU is set: JavaFX tries the GPU pipeline");
        }
        if (here.gdkGl() != null) {
            return new Decision(false, "GDK_GL is set: JavaFX and GTK decide as the user set it");
        }
        for (String node : GPU_NODES) {
            Path p = here.dev().resolve(node);
            if (Files.exists(p)) {
                return new Decision(false, "a GPU device (" + p + ") is present: JavaFX chooses its graphics pipeline");
            }
        }
        return new Decision(true, "no GPU device under " + here.dev() + ": the software pipeline, chosen up front"
                + " (prism.order=sw, GDK_GL=disable), instead of JavaFX and GTK loading Mesa first to find that out");
    }

    /**
     * Decides for this process and, when the answer is the software pipeline, sets it up. Call before the JavaFX toolkit
     * starts. Logs nothing (logging may not be set up yet): the caller logs the decision.
     */
    public static Decision applyAtStart() {
        return apply(decide(Here.current()));
    }

    /** Sets up the software pipeline when {@code d} chose it; the decision as it stands after (setenv can fail). */
    static Decision apply(Decision d) {
        if (!d.software()) {
            return d;
        }
        System.setProperty("prism.order", "sw");
        System.getenv(); // Java takes its copy of the environment at the first call: before the change, not after
        String failed = setenv("GDK_GL", "disable");
        return failed == null ? d : new Decision(true, d.why() + "; GTK will still probe GL: " + failed);
    }

    /** libc's {@code setenv(name, value, 0)}: null when it worked, else what went wrong. */
    static String setenv(String name, String value) {
        try {
            Linker linker = Linker.nativeLinker();
            MemorySegment fn = linker.defaultLookup().find("setenv").orElse(null);
            if (fn == null) {
                return "libc has no setenv";
            }
            MethodHandle setenv = linker.downcallHandle(fn, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            try (Arena arena = Arena.ofConfined()) { // setenv copies both strings
                int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 0);
                return rc == 0 ? null : "setenv returned " + rc;
            }
        } catch (Throwable t) {
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }
}
