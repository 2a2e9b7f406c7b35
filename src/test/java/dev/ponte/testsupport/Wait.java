package dev.ponte.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waits on a condition with a deadline (never a fixed sleep); the message says what was awaited. */
public final class Wait {
    public static final Duration DEADLINE = Duration.ofSeconds(15);

    private Wait() {
    }

    public static void until(String what, Callable<Boolean> condition) {
        until(what, DEADLINE, condition, () -> "");
    }

    public static void until(String what, Callable<Boolean> condition, Supplier<String> state) {
        until(what, DEADLINE, condition, state);
    }

    /**
     * Waits on a condition checked on the calling thread (no JavaFX toolkit needed: bus, file or process tests).
     */
    public static void polling(String what, Callable<Boolean> condition) {
        polling(what, condition, () -> "");
    }

    public static void polling(String what, Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + DEADLINE.toSeconds() + " s waiting for " + what + " " + state.get(), e);
        }
    }

    public static void until(String what, Duration deadline, Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + deadline.toSeconds() + " s waiting for " + what
                    + " " + state.get(), e);
        }
    }
}
