package dev.ponte.core.run;

import dev.ponte.core.port.ContainerEngine.PortBinding;
import java.time.Instant;
import java.util.List;

/**
 * A container on a connection's network, as the local-containers list and the bridge wizard show it.
 *
 * @param ip        its address on the connection's network, or null when it has none (stopped)
 * @param namespace the namespace its DNS search list starts with (upstream's {@code gefyra list})
 * @param startedAt null when never started
 */
public record LocalContainer(String id, String name, String image, String state, String ip, List<PortBinding> ports,
                             Instant startedAt, String namespace) {
    public LocalContainer {
        ports = List.copyOf(ports);
    }

    public boolean running() {
        return "running".equals(state);
    }
}
