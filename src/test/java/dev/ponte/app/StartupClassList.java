package dev.ponte.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a start's class-loading log ({@code -Xlog:class+load:file=F:tid}) and gives the classes the UI thread loaded
 * before the first frame, in order: what {@link StartupClasses} loads beside it. Used by {@code scripts/startup-classes}
 * (its {@link #main}, which writes the list) and by {@code StartupClassesOnXvfbTest}. Left out: classes mapped from the
 * JDK's class-data archive (cheap already), lambdas and other hidden classes (they cannot be loaded by name).
 */
public final class StartupClassList {
    /** The UI thread's mark: the main view is built there. */
    static final String UI_THREAD_MARK = "dev.ponte.ui.shell.MainView";
    /** Loaded when the first frame is logged (PonteApp reads the JVM's start time then). */
    static final String FIRST_FRAME_MARK = "java.lang.management.ManagementFactory";
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)\\] (\\S+) source: (.*)$");

    private StartupClassList() {
    }

    static List<String> uiThreadLoads(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String ui = null;
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            if (m.matches() && m.group(2).equals(UI_THREAD_MARK)) {
                ui = m.group(1);
                break;
            }
        }
        if (ui == null) {
            throw new IllegalStateException("no " + UI_THREAD_MARK + " in " + log + ": did the window start?");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                continue;
            }
            if (m.group(2).equals(FIRST_FRAME_MARK)) {
                return List.copyOf(names);
            }
            String name = m.group(2);
            if (m.group(1).equals(ui) && !name.contains("/0x") && !name.contains("$$Lambda")
                    && !m.group(3).startsWith("shared objects file")) {
                names.add(name);
            }
        }
        throw new IllegalStateException("no first frame (" + FIRST_FRAME_MARK + ") in " + log);
    }

    /** {@code StartupClassList LOG OUT}: writes the list for {@link StartupClasses}. */
    public static void main(String[] args) throws IOException {
        List<String> names = uiThreadLoads(Path.of(args[0]));
        StringBuilder out = new StringBuilder("""
                # The classes Ponte's UI thread loads on its way to the first frame, in order (StartupClasses loads them
                # beside it). Written by scripts/startup-classes; StartupClassesOnXvfbTest says when to write it again.
                """);
        names.forEach(n -> out.append(n).append('\n'));
        Files.writeString(Path.of(args[1]), out, StandardCharsets.UTF_8);
        System.out.println(names.size() + " classes written to " + args[1]);
    }
}
