package dev.ponte.cli;

import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.TaskLauncher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What every command of one run shares: the terminal, Ctrl-C, the launcher its operations run on, and the core
 * services (opened on first use, with the command's {@code --kubeconfig} and {@code --registry}).
 */
final class Ctx implements AutoCloseable {
    final Terminal term;
    final Interrupts interrupts;
    final String version;
    private final CliServices.Factory factory;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ponte-cli-task");
        t.setDaemon(true);
        return t;
    });
    final Launcher launcher = new Launcher(new ExecutorLauncher(pool));
    private CliServices services;

    Ctx(Terminal term, Interrupts interrupts, CliServices.Factory factory, String version) {
        this.term = term;
        this.interrupts = interrupts;
        this.factory = factory;
        this.version = version;
    }

    /** The core services, opened once per run. */
    synchronized CliServices services(CliServices.Options options) {
        if (services == null) {
            services = factory.open(options, launcher);
        }
        return services;
    }

    @Override
    public synchronized void close() {
        if (services != null) {
            services.close();
            services = null;
        }
        pool.shutdownNow();
    }

    /**
     * The core's operations run here; it remembers each one's failure by title, so a command can say what a
     * cancelled operation undid ({@link dev.ponte.core.task.OperationCancelledException#undone()}).
     */
    static final class Launcher implements TaskLauncher {
        private final TaskLauncher inner;
        private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

        Launcher(TaskLauncher inner) {
            this.inner = inner;
        }

        @Override
        public <T> Cancellable launch(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            failures.remove(title);
            return inner.launch(title, operation, onSuccess, error -> {
                failures.put(title, error);
                onFailure.accept(error);
            });
        }

        /** How the last operation of this title failed, or null. */
        Throwable failure(String title) {
            return failures.get(title);
        }
    }
}
