package dev.ponte.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A second Ponte process for {@link SingleInstanceTest}: {@code hand-over <state> <private> args...} exits 0 when
 * it handed its arguments over, 3 when it became the one instance, 4 on an error; {@code primary <state> <private>}
 * prints READY, then GOT and each request's arguments (tab-separated), until its input closes.
 */
public final class SingleInstanceProbe {
    private SingleInstanceProbe() {
    }

    public static void main(String[] a) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        Path state = Path.of(a[1]);
        Path priv = Path.of(a[2]);
        List<String> args = Arrays.asList(a).subList(3, a.length);
        if (a[0].equals("hand-over")) {
            try (SingleInstance ignored = SingleInstance.start(state, priv, args)) {
                System.exit(3);
            } catch (SingleInstance.HandedOver done) {
                System.exit(0);
            } catch (IOException e) {
                out.println(e.getMessage());
                System.exit(4);
            }
        }
        try (SingleInstance instance = SingleInstance.start(state, priv, List.of())) {
            instance.onRequest(got -> out.println("GOT\t" + String.join("\t", got)));
            out.println("READY");
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
