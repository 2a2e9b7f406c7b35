package dev.ponte.docker;

import dev.ponte.core.port.Engines.EngineOption;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engines of this machine as {@link EngineDiscovery} finds them (DOCKER_HOST, docker context, Docker Desktop,
 * Colima, Podman, Rancher Desktop), with the user's choice from the settings.
 */
public final class DiscoveredEngines implements Engines {
    private final EngineDiscovery discovery;
    private final Supplier<String> chosen;
    private final Consumer<String> choose;

    /**
     * @param chosen the endpoint the user picked, or null to discover
     * @param choose remembers a new pick
     */
    public DiscoveredEngines(EngineDiscovery discovery, Supplier<String> chosen, Consumer<String> choose) {
        this.discovery = discovery;
        this.chosen = chosen;
        this.choose = choose;
    }

    @Override
    public ContainerEngine open() {
        EngineChoice choice = discovery.choose(chosen.get());
        if (!choice.found()) {
            throw new PonteException(choice.problem().orElseGet(() -> new Problem(Problem.Kind.UNREACHABLE,
                    "No container engine answers", choice.summary(),
                    "Start Docker Desktop, Colima, Podman or Rancher Desktop, then try again.")));
        }
        return DockerEngine.open(choice.used().endpoint());
    }

    @Override
    public ContainerEngine open(String endpoint) {
        return DockerEngine.open(endpoint);
    }

    @Override
    public String endpoint() {
        EngineChoice choice = discovery.choose(chosen.get());
        return choice.found() ? choice.used().endpoint() : null;
    }

    @Override
    public List<EngineOption> options() {
        EngineChoice choice = discovery.choose(chosen.get());
        return choice.verdicts().stream().filter(v -> v.status() != EngineChoice.Status.MISSING).map(v -> new EngineOption(
                v.candidate().endpoint(),
                (v.info() == null ? "" : v.info().product() + " " + v.info().version() + " — ") + v.candidate().endpoint()
                        + " (" + v.candidate().source() + "; " + switch (v.status()) {
                            case USED -> "in use";
                            case ANSWERS -> "answers";
                            case NOT_ANSWERING -> "not answering";
                            case MISSING -> "missing";
                            case UNSUPPORTED -> "not supported";
                        } + ")",
                v.status() == EngineChoice.Status.USED || v.status() == EngineChoice.Status.ANSWERS,
                v.status() == EngineChoice.Status.USED)).toList();
    }

    @Override
    public void use(String endpoint) {
        choose.accept(endpoint);
    }
}
