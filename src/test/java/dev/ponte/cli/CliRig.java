package dev.ponte.cli;

import dev.ponte.app.CliCore;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.kube.gefyra.MockGefyra;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The command line as the installed {@code ponte} runs it ({@link Cli} on {@link CliCore}, a fresh core per command as
 * a fresh process has), against the mock API server with the operator double and an in-memory engine, on a home of
 * its own. Each {@link #run} is one process: what it leaves is in the journal and the "world" for the next.
 */
final class CliRig implements AutoCloseable {
    static final String CONTEXT = "kind-dev";
    static final String ENDPOINT = "unix:///fake.sock";
    final MockGefyra gefyra = new MockGefyra();
    final Path home;
    final Path kubeconfig;
    final Map<String, String> env = new LinkedHashMap<>();

    CliRig(Path home) {
        this.home = home;
        this.kubeconfig = gefyra.kubeconfig(home.resolve("kubeconfig"), CONTEXT, "staging");
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** What one command printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    CliServices.Factory factory() {
        Engines engines = factoryEngines();
        return CliCore.factory(env, home, Clock.systemUTC(), ConnectionService.Options.defaults()
                .withStepTimeout(Duration.ofSeconds(20)).withPicker(() -> new SubnetPicker(List::of)), s -> engines);
    }

    /** The in-memory engine as the Engines port. */
    Engines factoryEngines() {
        return new Engines() {
            @Override
            public ContainerEngine open() {
                return gefyra.engine;
            }

            @Override
            public ContainerEngine open(String endpoint) {
                return gefyra.engine;
            }

            @Override
            public String endpoint() {
                return ENDPOINT;
            }

            @Override
            public List<EngineOption> options() {
                return List.of(new EngineOption(ENDPOINT, "fake (in use)", true, true));
            }

            @Override
            public void use(String endpoint) {
            }
        };
    }

    Result run(String... args) {
        return run(new Interrupts(), args);
    }

    Result run(Interrupts interrupts, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, Terminal.of(out, err, false), factory(), interrupts, "0.1.0-test");
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts a command on its own thread; its output so far can be read while it runs. */
    Running start(Interrupts interrupts, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // A thread of its own, as the real command's main thread: not the common pool, whose one worker on two cores
        // the HTTP client's completions need.
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                code.complete(Cli.run(args, Terminal.of(out, err, false), factory(), interrupts, "0.1.0-test"));
            } catch (Throwable e) {
                code.completeExceptionally(e);
            }
        }, "ponte-cli-main");
        t.setDaemon(true);
        t.start();
        return new Running(code, out, err);
    }

    record Running(CompletableFuture<Integer> code, StringWriter out, StringWriter err) {
        Result await() throws Exception {
            return new Result(code.get(120, java.util.concurrent.TimeUnit.SECONDS), out.toString(), err.toString());
        }
    }

    @Override
    public void close() {
        gefyra.close();
    }
}
