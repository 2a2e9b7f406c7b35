package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class NotificationTest {
    @Test
    void credentialsInATitleOrReasonAreMaskedBeforeAnyNotifierSeesThem() {
        Notification n = new Notification("https://ci:hunter2@git.example.com unreachable",
                "Cargo said: PresharedKey = sET4wDj2rj+K+qytb5BKxG3zHkGa0TcToAzbNyKDCXI= rejected", Notification.Level.ERROR);
        assertFalse(n.title().contains("hunter2"), n.title());
        assertFalse(n.text().contains("sET4wDj2rj"), n.text());
        assertEquals("https://ci:***@git.example.com unreachable", n.title());
    }
}
