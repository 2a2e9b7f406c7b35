package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quitting while something is up: asks "Disconnect and quit / Quit and leave them running / Cancel" and carries
 * out the answer; quits at once when nothing is up. Also decides what closing the window does. The question is a
 * {@code CompletableFuture} the dialog completes (Cryptomator's {@code LockWorkflow}, style.md section 4), so this
 * class needs no toolkit and tests answer it directly. FX thread.
 */
public final class QuitFlow {
    private static final Logger LOG = LoggerFactory.getLogger(QuitFlow.class);

    /** What closing the main window does. */
    public enum CloseAction {
        /** Hide the window; Ponte keeps running in the tray. */
        HIDE_TO_TRAY,
        /** Ask the quit question (no tray, or the user turned hiding off). */
        ASK,
        /** Nothing is up: just quit. */
        QUIT
    }

    private final Supplier<AppStatus> status;
    private final Function<AppStatus, CompletableFuture<QuitChoice>> ask;
    private final Supplier<CompletableFuture<Boolean>> tearDown;
    private final Runnable exit;
    private final Runnable showWindow;
    private Supplier<CompletableFuture<Void>> idle = () -> CompletableFuture.completedFuture(null);
    private Runnable cancelAll = () -> { };

    /**
     * @param ask        shows the question about this status; completes with the answer
     * @param tearDown   disconnects everything; completes with true when all is down, false when something failed
     * @param exit       ends the app
     * @param showWindow shows the main window (where a failed teardown explains itself)
     */
    public QuitFlow(Supplier<AppStatus> status, Function<AppStatus, CompletableFuture<QuitChoice>> ask,
                    Supplier<CompletableFuture<Boolean>> tearDown, Runnable exit, Runnable showWindow) {
        this.status = status;
        this.ask = ask;
        this.tearDown = tearDown;
        this.exit = exit;
        this.showWindow = showWindow;
    }

    /**
     * How to wait for running operations and cancel them (the connection service); without it, "busy" never lasts.
     *
     * @param idle      completes once no operation runs
     * @param cancelAll cancels every running operation (each undoes what it made)
     */
    public QuitFlow whenBusy(Supplier<CompletableFuture<Void>> idle, Runnable cancelAll) {
        this.idle = idle;
        this.cancelAll = cancelAll;
        return this;
    }

    public static CloseAction onClose(boolean trayInstalled, boolean closeToTray, AppStatus status) {
        if (status.anythingBusy()) {
            return trayInstalled && closeToTray ? CloseAction.HIDE_TO_TRAY : CloseAction.ASK;
        }
        if (!status.anythingUp()) {
            return CloseAction.QUIT;
        }
        return trayInstalled && closeToTray ? CloseAction.HIDE_TO_TRAY : CloseAction.ASK;
    }

    /** The answers the quit question offers for this status. */
    public static java.util.List<QuitChoice> choices(AppStatus status) {
        return status.anythingBusy()
                ? java.util.List.of(QuitChoice.WAIT_THEN_QUIT, QuitChoice.UNDO_THEN_QUIT, QuitChoice.QUIT_NOW, QuitChoice.CANCEL)
                : java.util.List.of(QuitChoice.DISCONNECT_AND_QUIT, QuitChoice.QUIT_LEAVE_RUNNING, QuitChoice.CANCEL);
    }

    /** Quit: at once when nothing is up or running, else after the user's answer. Completes with the answer acted on. */
    public CompletableFuture<QuitChoice> quit() {
        AppStatus now = status.get();
        if (!now.anythingUp() && !now.anythingBusy()) {
            exit.run();
            return CompletableFuture.completedFuture(QuitChoice.QUIT_LEAVE_RUNNING);
        }
        return ask.apply(now).thenApply(choice -> {
            switch (choice) {
                case WAIT_THEN_QUIT -> idle.get().whenComplete((r, e) -> quit());
                case UNDO_THEN_QUIT -> {
                    cancelAll.run();
                    idle.get().whenComplete((r, e) -> exit.run());
                }
                case QUIT_NOW -> {
                    LOG.info("Quitting while an operation runs; the journal shows what it leaves at the next start");
                    exit.run();
                }
                case QUIT_LEAVE_RUNNING -> {
                    LOG.info("Quitting; leaving connections and bridges running");
                    exit.run();
                }
                case DISCONNECT_AND_QUIT -> tearDown.get().whenComplete((allDown, error) -> {
                    if (error == null && Boolean.TRUE.equals(allDown)) {
                        exit.run();
                    } else {
                        LOG.warn("Not quitting: disconnecting failed", error);
                        showWindow.run();
                    }
                });
                case CANCEL -> { }
            }
            return choice;
        });
    }
}
