package dev.ponte.app;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * A child JVM for {@link GraphicsChoiceOnXvfbTest}: with {@code software} it applies the software choice as
 * {@link Main} does when there is no GPU, without it JavaFX decides alone; then it shows a window on {@code DISPLAY},
 * waits for its first frame and prints which GL libraries the process has mapped and what the C environment holds.
 */
public final class GraphicsChoiceProbe {
    private GraphicsChoiceProbe() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && args[0].equals("software")) {
            GraphicsChoice.Decision d = GraphicsChoice.apply(new GraphicsChoice.Decision(true, "the test's choice"));
            System.out.println("decision " + d.why());
        }
        CompletableFuture<Void> framed = new CompletableFuture<>();
        Platform.startup(() -> {
            Scene scene = new Scene(new Label("probe"), 200, 100);
            scene.addPostLayoutPulseListener(() -> framed.complete(null));
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
        });
        framed.get(60, TimeUnit.SECONDS);
        String maps = Files.readString(Path.of("/proc/self/maps"));
        System.out.println("libGL " + maps.contains("/libGL.so"));
        System.out.println("libLLVM " + maps.contains("/libLLVM"));
        System.out.println("C GDK_GL " + cGetenv("GDK_GL"));
        System.out.println("Java GDK_GL " + System.getenv("GDK_GL"));
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    private static String cGetenv(String name) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle getenv = linker.downcallHandle(linker.defaultLookup().find("getenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = (MemorySegment) getenv.invokeExact(arena.allocateFrom(name));
            return v.equals(MemorySegment.NULL) ? null : v.reinterpret(Long.MAX_VALUE).getString(0);
        }
    }
}
