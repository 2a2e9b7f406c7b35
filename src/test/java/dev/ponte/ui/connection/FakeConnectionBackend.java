package dev.ponte.ui.connection;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.StepEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A scripted connection backend for the panel's tests: steps, a failure on demand, health pushed by the test. */
final class FakeConnectionBackend implements ConnectionBackend {
    static final Connection CONN = new Connection("kind-dev", "kind-dev", "ponteabc", "gefyra-cargo-kind-dev",
            "172.18.0.149", "gefyra-network-kind-dev", "172.17.0.1:31820", "/k", "2.5.4", true, true);

    /** The steps up reports, in order; the one at {@link #failAt} (0-based) fails, if set. */
    List<String> stepNames = List.of("Check", "Register");
    int failAt = -1;
    RuntimeException failure;
    Optional<Connection> existing = Optional.empty();
    Consumer<TunnelHealth> health;
    boolean healthClosed;
    String usedEngine;

    @Override
    public Optional<Connection> find(String context) {
        return existing;
    }

    @Override
    public Operation<Connection> up(String context, Consumer<StepEvent> steps) {
        return (p, c) -> {
            for (int i = 0; i < stepNames.size(); i++) {
                boolean fails = i == failAt;
                steps.accept(new StepEvent(i + 1, stepNames.size(), stepNames.get(i),
                        fails ? StepEvent.State.FAILED : StepEvent.State.DONE, Duration.ofMillis(120L * (i + 1)),
                        fails ? "Internal error" : "ok"));
                if (fails) {
                    throw failure;
                }
            }
            existing = Optional.of(CONN);
            return CONN;
        };
    }

    @Override
    public Operation<DownOperation.Report> down(Connection connection, boolean uninstall, Consumer<StepEvent> steps) {
        return (p, c) -> {
            existing = Optional.empty();
            return new DownOperation.Report(List.of("container gefyra-cargo-kind-dev", "network gefyra-network-kind-dev"),
                    List.of());
        };
    }

    @Override
    public Subscription watchHealth(Connection connection, Consumer<TunnelHealth> listener) {
        health = listener;
        healthClosed = false;
        return () -> healthClosed = true;
    }

    @Override
    public String plan(String context) {
        return "Connect will create, if missing — in the cluster: namespace gefyra …; locally: gefyra-network-kind-dev and Cargo.";
    }

    @Override
    public List<EngineOption> engines() {
        return List.of(new EngineOption("unix:///var/run/docker.sock",
                        "Docker 20.10.24 — unix:///var/run/docker.sock (/var/run/docker.sock; in use)", true, true),
                new EngineOption("unix:///run/podman/podman.sock",
                        "Podman 4.3.1 — unix:///run/podman/podman.sock (Podman; answers)", true, false));
    }

    @Override
    public void useEngine(String endpoint) {
        usedEngine = endpoint;
    }
}
