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
