package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.util.WaitForAsyncUtils;

@EnabledOnOs(OS.LINUX)
class NotifySendNotifierTest {
    private static final Notification DOWN = new Notification("kind-dev: tunnel down", "Cargo is gone.", Notification.Level.ERROR);
    private final RecordingNotifier fallback = new RecordingNotifier();
    @TempDir
    Path bin;

    private Path script(String body) throws Exception {
        Path p = bin.resolve("notify-send");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void withoutASessionBusTheFallbackIsUsed() throws Exception {
        script("exit 0");
        assertSame(fallback, NotifySendNotifier.forDesktop(Map.of("PATH", bin.toString()), fallback));
    }

    @Test
    void withoutNotifySendOnThePathTheFallbackIsUsed() {
        assertSame(fallback, NotifySendNotifier.forDesktop(Map.of("PATH", bin.toString(),
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"), fallback));
    }

    @Test
    void notifySendGetsTitleTextAndUrgency() throws Exception {
        Path args = bin.resolve("args");
        script("printf '%s\\n' \"$@\" > " + args);
        Notifier n = NotifySendNotifier.forDesktop(Map.of("PATH", bin.toString(),
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"), fallback);
        assertInstanceOf(NotifySendNotifier.class, n);
        n.show(DOWN);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(args) && Files.readAllLines(args).size() == 5);
        assertEquals(List.of("--app-name=Ponte", "--urgency=critical", "--", "kind-dev: tunnel down", "Cargo is gone."),
                Files.readAllLines(args));
        assertEquals(List.of(), fallback.shown);
    }

    @Test
    void markupInAContextNameOrReasonReachesNotifySendInert() throws Exception {
        Path args = bin.resolve("args");
        script("printf '%s\\n' \"$@\" > " + args);
        Notifier n = new NotifySendNotifier(bin.resolve("notify-send"), fallback);
        n.show(new Notification("<b>prod</b> & \"co\": tunnel down\nnow",
                "Reason: <a href='http://evil'>click</a> & \"quotes\"\u0007\u202Eok", Notification.Level.WARNING));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(args) && Files.readAllLines(args).size() == 5);
        List<String> got = Files.readAllLines(args);
        assertEquals("\u2039b\u203Aprod\u2039/b\u203A \uFF06 \"co\": tunnel down now", got.get(3));
        assertEquals("Reason: &lt;a href=&apos;http://evil&apos;&gt;click&lt;/a&gt; &amp; &quot;quotes&quot;ok", got.get(4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a & b          | a &amp; b
            <i>x</i>       | &lt;i&gt;x&lt;/i&gt;
            `say "hi"`     | say &quot;hi&quot;
            it's           | it&apos;s
            &amp;          | &amp;amp;
            plain text     | plain text
            """)
    void theBodyIsEscapedForMarkup(String in, String out) {
        assertEquals(out, NotifySendNotifier.body(in));
    }

    @Test
    void controlCharactersAreStrippedAndTheTitleIsOneLine() {
        assertEquals("a b c", NotifySendNotifier.title("a\nb\tc\u0000\u001B\u009B"));
        assertEquals("line 1\nline 2", NotifySendNotifier.body("line 1\nline 2\r\u0000"));
    }

    @Test
    void aFailingNotifySendHandsThisAndLaterNotificationsToTheFallback() throws Exception {
        Path calls = bin.resolve("calls");
        script("echo x >> " + calls + "; echo 'GDBus.Error: org.freedesktop.Notifications was not provided' >&2; exit 1");
        Notifier n = new NotifySendNotifier(bin.resolve("notify-send"), fallback);
        n.show(DOWN);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fallback.shown.size() == 1);
        n.show(DOWN);
        assertEquals(List.of(DOWN, DOWN), fallback.shown);
        assertEquals(1, Files.readAllLines(calls).size(), "notify-send is not tried again");
    }
}
