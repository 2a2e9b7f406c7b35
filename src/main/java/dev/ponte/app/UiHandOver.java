package dev.ponte.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The UI thread's executor for view-models that are built before the window, on the thread that prepares beside the
 * toolkit's start ({@link Main#prepare}). Until {@link #open()} it only keeps what it is given, in order: the toolkit
 * may not be up yet ({@code Platform.runLater} would throw), and nothing may run on the UI thread while the
 * view-models are still being built on another. {@link #open()}, called on the UI thread once the prepared context is
 * taken over, hands what was kept to the UI thread in the same order; after it, everything goes straight there.
 */
public final class UiHandOver implements Executor {
    private final Consumer<Runnable> uiThread;
    private final Object lock = new Object();
    private List<Runnable> kept = new ArrayList<>();

    /** @param uiThread runs a task later on the UI thread (the app: {@code Platform::runLater}) */
    public UiHandOver(Consumer<Runnable> uiThread) {
        this.uiThread = Objects.requireNonNull(uiThread);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task);
        synchronized (lock) {
            if (kept != null) {
                kept.add(task);
                return;
            }
        }
        uiThread.accept(task);
    }

    /**
     * From now on tasks go to the UI thread; the kept ones first, in the order they came. Under the lock, so a task
     * given meanwhile on another thread cannot overtake them. Idempotent.
     */
    public void open() {
        synchronized (lock) {
            if (kept == null) {
                return;
            }
            kept.forEach(uiThread);
            kept = null;
        }
    }

    /** How many tasks wait for {@link #open()}; -1 once it is open. */
    public int waiting() {
        synchronized (lock) {
            return kept == null ? -1 : kept.size();
        }
    }
}
