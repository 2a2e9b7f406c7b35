package dev.ponte.ui.tray;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux desktop notifications through {@code notify-send} (libnotify): they look native on GNOME, KDE and the
 * like, where the AWT balloon looks foreign. {@code notify-send} needs a session D-Bus and a notification server;
 * when a call fails (e.g. under Xvfb, where it exits 1 with "org.freedesktop.Notifications was not provided"),
 * this notifier gives up on it for good and hands this and every later notification to the fallback (the tray
 * balloon). The process is never waited for on the caller's thread.
 *
 * <p>Context names and reasons come from kubeconfigs and clusters, so they are made inert before they are passed
 * on: the body is Pango markup for most notification servers (the spec's "body-markup"), so {@code & < > " '} are
 * escaped there; the summary is plain text for GNOME Shell, which escapes it itself (an escaped {@code &amp;} would
 * show as such), yet markup for dunst with {@code markup = full} — so in the title {@code & < >} become look-alikes
 * that no server parses. Control characters and bidi overrides go from both.
 */
public final class NotifySendNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(NotifySendNotifier.class);
    private final Path executable;
    private final Notifier fallback;
    private final AtomicBoolean broken = new AtomicBoolean();

    NotifySendNotifier(Path executable, Notifier fallback) {
        this.executable = executable;
        this.fallback = fallback;
    }

    /**
     * {@code notify-send} when on Linux with it on the PATH and a session bus address set, else {@code fallback}.
     */
    public static Notifier forDesktop(Map<String, String> env, Notifier fallback) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (!linux || bus == null || bus.isBlank()) {
            return fallback;
        }
        return onPath(env.getOrDefault("PATH", ""), "notify-send")
                .<Notifier>map(p -> new NotifySendNotifier(p, fallback)).orElse(fallback);
    }

    static java.util.Optional<Path> onPath(String path, String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return java.util.Optional.of(p);
                }
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void show(Notification n) {
        if (broken.get()) {
            fallback.show(n);
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--app-name=Ponte",
                "--urgency=" + switch (n.level()) {
                    case INFO -> "low";
                    case WARNING -> "normal";
                    case ERROR -> "critical";
                }, "--", title(n.title()), body(n.text())));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).whenComplete((done, error) -> {
                if (error != null || done.exitValue() != 0) {
                    giveUp(error != null ? "no answer within 10 s" : "exit " + done.exitValue(), n);
                    p.destroy();
                }
            });
        } catch (IOException e) {
            giveUp(e.getMessage(), n);
        }
    }

    /** The summary: one line, and nothing a server could read as markup. */
    static String title(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append('\uFF06'); // FULLWIDTH AMPERSAND
                case '<' -> sb.append('\u2039'); // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
                case '>' -> sb.append('\u203A');
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> {
                    if (!invisible(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The body, escaped for Pango markup; line breaks stay. */
    static String body(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n' -> sb.append('\n');
                case '\t' -> sb.append(' ');
                default -> {
                    if (!invisible(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Control characters (C0, DEL, C1) and the bidi controls that could make a text read as something else. */
    private static boolean invisible(char c) {
        return Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    private void giveUp(String why, Notification n) {
        if (broken.compareAndSet(false, true)) {
            LOG.info("notify-send does not work here ({}); notifications go to the tray icon", why);
        }
        fallback.show(n);
    }
}
