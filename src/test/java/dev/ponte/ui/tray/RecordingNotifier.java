package dev.ponte.ui.tray;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test double of {@link Notifier}: keeps what it was asked to show. */
final class RecordingNotifier implements Notifier {
    final List<Notification> shown = new CopyOnWriteArrayList<>();

    @Override
    public void show(Notification notification) {
        shown.add(notification);
    }
}
