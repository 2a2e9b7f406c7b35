package dev.ponte.core.connections;

import dev.ponte.core.connections.Journal.Kind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A container engine that writes each create and remove of one connection into the {@link Journal} around the call:
 * "creating" before it goes out, "created" or "removed" after it came back. Reading calls pass straight through.
 */
public final class JournaledEngine implements ContainerEngine {
    private final ContainerEngine engine;
    private final Journal journal;
    private final String connection;
    private final String context;
    private final String operation;
    private final String endpoint;

    /**
     * @param endpoint  the engine's endpoint, recorded so the reconcile opens the same engine
     * @param operation the id of the operation the entries belong to ({@link Journal#started})
     */
    public JournaledEngine(ContainerEngine engine, Journal journal, String connection, String context, String endpoint,
                           String operation) {
        this.operation = operation;
        this.engine = engine;
        this.journal = journal;
        this.connection = connection;
        this.context = context;
        this.endpoint = endpoint;
    }

    @Override
    public Network createNetwork(String name, String subnet, Map<String, String> labels) {
        return made(Kind.NETWORK, name, () -> engine.createNetwork(name, subnet, labels));
    }

    @Override
    public Network createNetwork(String name, String subnet, Map<String, String> labels, Map<String, String> options) {
        journal.creating(Kind.NETWORK, name, connection, context, endpoint, operation);
        Network n = engine.createNetwork(name, subnet, labels, options);
        journal.created(Kind.NETWORK, endpoint, name);
        return n;
    }

    @Override
    public Map<String, String> networkOptions(String name) {
        return engine.networkOptions(name);
    }

    @Override
    public void disconnect(String network, String container) {
        engine.disconnect(network, container);
    }

    @Override
    public String logs(String container, int lines) {
        return engine.logs(container, lines);
    }

    @Override
    public void removeNetwork(String name) {
        gone(Kind.NETWORK, name, () -> engine.removeNetwork(name));
    }

    @Override
    public String create(ContainerSpec spec) {
        return made(Kind.CARGO, spec.name(), () -> engine.create(spec));
    }

    @Override
    public String create(RunSpec spec) {
        return made(Kind.CONTAINER, spec.name(), () -> engine.create(spec));
    }

    @Override
    public void remove(String container) {
        Kind kind = journal.find(Kind.CARGO, endpoint, container).isPresent() ? Kind.CARGO : Kind.CONTAINER;
        gone(kind, container, () -> engine.remove(container));
    }

    /** "Creating" on disk before the call goes out, "created" once it came back. */
    private <T> T made(Kind kind, String name, java.util.function.Supplier<T> call) {
        journal.creating(kind, name, connection, context, endpoint, operation);
        T result = call.get();
        journal.created(kind, endpoint, name);
        return result;
    }

    /** "Removing" on disk before the call goes out, forgotten once it came back. */
    private void gone(Kind kind, String name, Runnable call) {
        journal.removing(kind, endpoint, name);
        call.run();
        journal.removed(kind, endpoint, name);
    }

    @Override
    public Info info() {
        return engine.info();
    }

    @Override
    public List<Network> networks() {
        return engine.networks();
    }

    @Override
    public Optional<Network> network(String name) {
        return engine.network(name);
    }

    @Override
    public List<Container> containers(Map<String, String> labels) {
        return engine.containers(labels);
    }

    @Override
    public Optional<Container> container(String name) {
        return engine.container(name);
    }

    @Override
    public void connect(String network, String container, String ipv4) {
        engine.connect(network, container, ipv4);
    }

    @Override
    public void start(String container) {
        engine.start(container);
    }

    @Override
    public ExecResult exec(String container, Duration timeout, String... command) {
        return engine.exec(container, timeout, command);
    }

    @Override
    public List<Image> images() {
        return engine.images();
    }

    @Override
    public void stop(String container, Duration grace) {
        engine.stop(container, grace);
    }

    @Override
    public void restart(String container, Duration grace) {
        engine.restart(container, grace);
    }

    @Override
    public Optional<ContainerDetails> inspect(String container) {
        return engine.inspect(container);
    }

    @Override
    public Subscription events(Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
        return engine.events(onEvent, onError);
    }

    @Override
    public void close() {
        engine.close();
    }
}
