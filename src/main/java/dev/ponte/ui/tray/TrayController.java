package dev.ponte.ui.tray;

import dev.ponte.core.port.Subscription;
import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.StatusBoard;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Keeps the tray in step with the {@link StatusBoard}: every new snapshot rebuilds the menu (at most once per FX
 * turn, however many snapshots arrive) and goes to the presenter; every status event the policy wants becomes a
 * notification. Runs its work on {@code fx}, since the policy asks whether the window is showing.
 */
public final class TrayController implements AutoCloseable {
    private final Executor fx;
    private final TrayPresenter presenter;
    private final BooleanSupplier closeToTray;
    private final TrayActions actions;
    private final AtomicReference<AppStatus> latest = new AtomicReference<>(AppStatus.EMPTY);
    private final AtomicBoolean renderPending = new AtomicBoolean();
    private final Subscription statusWatch;
    private final Subscription eventWatch;
    private volatile TrayContent shown;

    public TrayController(StatusBoard board, Executor fx, TrayPresenter presenter, Notifier notifier,
                          NotificationPolicy policy, BooleanSupplier closeToTray, TrayActions actions) {
        this.fx = fx;
        this.presenter = presenter;
        this.closeToTray = closeToTray;
        this.actions = actions;
        statusWatch = board.subscribe(s -> {
            latest.set(s);
            refresh();
        });
        eventWatch = board.onEvent(e -> fx.execute(() -> policy.toNotification(e).ifPresent(notifier::show)));
    }

    /** Rebuilds from the latest snapshot (also after a setting the menu shows changed). */
    public void refresh() {
        if (renderPending.compareAndSet(false, true)) {
            fx.execute(() -> {
                renderPending.set(false);
                TrayContent content = TrayMenuBuilder.build(latest.get(), closeToTray.getAsBoolean(), actions);
                shown = content;
                presenter.show(content);
            });
        }
    }

    /** What was last handed to the presenter (null before the first render). */
    public TrayContent shown() {
        return shown;
    }

    @Override
    public void close() {
        statusWatch.close();
        eventWatch.close();
    }
}
