package dev.ponte.core.task;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs operations on an executor, without a UI: the command line's and the tests' launcher. Callbacks run on the
 * operation's thread once it has ended (after a cancel: once it has undone what it made).
 */
public final class ExecutorLauncher implements TaskLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorLauncher.class);
    private final Executor executor;

    public ExecutorLauncher(Executor executor) {
        this.executor = executor;
    }

    @Override
    public <T> Cancellable launch(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CancellationToken token = new CancellationToken();
        executor.execute(() -> {
            T result;
            try {
                result = operation.run(new Progress() {
                    @Override
                    public void step(String name, int index, int total) {
                        LOG.debug("{}: step {}/{} {}", title, index, total, name);
                    }

                    @Override
                    public void message(String text) {
                        LOG.debug("{}: {}", title, text);
                    }
                }, token);
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        });
        return token::cancel;
    }
}
