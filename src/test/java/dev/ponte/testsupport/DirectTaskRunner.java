package dev.ponte.testsupport;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.Operation;
import dev.ponte.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs every operation inline on the caller's thread: view-model tests stay single-threaded. */
public final class DirectTaskRunner implements TaskRunner {
    public final List<String> titles = new ArrayList<>();

    @Override
    public <T> TaskHandle run(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        titles.add(title);
        CancellationToken token = new CancellationToken();
        T result;
        try {
            result = operation.run(Progress.NONE, token);
        } catch (Exception e) {
            onFailure.accept(e);
            return token::cancel;
        }
        onSuccess.accept(result);
        return token::cancel;
    }
}
