package dev.ponte.core.run;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.PonteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a container of the connection starts again (Restart), it has a fresh network namespace and
 * possibly a new address: Cargo's gateway step is applied again and this machine's bridges that
 * target it are re-pointed — what upstream's {@code gefyra run} does for a new container.
 */
public final class Reattach {
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(15);

    private Reattach() {
    }

    /** @return the bridges re-pointed to the container's new address */
    public static List<String> run(ContainerEngine engine, GefyraCluster cluster, Connection conn, String name) {
        String ip = engine.inspect(name).map(d -> d.ips().get(conn.networkName())).filter(s -> s != null && !s.isEmpty())
                .orElseThrow(() -> new PonteException(new Problem(Problem.Kind.REFUSED, "Not on the connection's network",
                        name + " has no address on " + conn.networkName() + " after the restart.",
                        "Remove it and run it again from Ponte.")));
        ExecResult r = engine.exec(conn.cargoName(), EXEC_TIMEOUT, "bash", "patchContainerGateway.sh", name, conn.cargoIp());
        if (r.exitCode() != 0) {
            throw new PonteException(new Problem(Problem.Kind.UNKNOWN, "Could not route the container through Cargo",
                    "Cargo's gateway step for " + name + " exited with " + r.exitCode() + ".",
                    "Reconnect, then restart the container again."));
        }
        List<String> repointed = new ArrayList<>();
        for (Bridge b : cluster.bridges(Map.of(RunLabels.BRIDGE_CLIENT, conn.clientId(), RunLabels.BRIDGE_CLIENT_CONTAINER, name))) {
            if (!ip.equals(b.destinationIp())) {
                cluster.setBridgeDestination(b.name(), ip);
                repointed.add(b.name());
            }
        }
        return repointed;
    }
}
