package dev.ponte.core.run;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.ContainerDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which local containers belong to a connection, as upstream's {@code gefyra list} decides
 * (client/gefyra/local/bridge.py): containers on the connection's network except Cargo, plus
 * stopped containers Ponte ran for it (they have no address on the network any more).
 */
public final class LocalContainers {
    private LocalContainers() {
    }

    public static List<LocalContainer> of(ContainerEngine engine, Connection conn) {
        List<LocalContainer> out = new ArrayList<>();
        for (ContainerEngine.Container c : engine.containers(Map.of())) {
            if (!belongs(c.name(), c.labels(), c.ips(), conn)) {
                continue;
            }
            engine.inspect(c.name()).ifPresent(d -> out.add(of(d, conn.networkName())));
        }
        out.sort(java.util.Comparator.comparing(LocalContainer::name));
        return out;
    }

    /** The one container, when it belongs to the connection. */
    public static Optional<LocalContainer> one(ContainerEngine engine, Connection conn, String name) {
        return engine.inspect(name)
                .filter(d -> belongs(d.name(), d.labels(), d.ips(), conn))
                .map(d -> of(d, conn.networkName()));
    }

    static boolean belongs(String name, Map<String, String> labels, Map<String, String> ips, Connection conn) {
        if (CargoLabels.ROLE_CARGO.equals(labels.get(CargoLabels.ROLE)) || name.startsWith("gefyra-cargo")) {
            return false;
        }
        return ips.containsKey(conn.networkName()) || conn.name().equals(labels.get(RunLabels.CONNECTION));
    }

    public static LocalContainer of(ContainerDetails d, String network) {
        String ip = d.ips().get(network);
        String search = d.dnsSearch().isEmpty() ? null : d.dnsSearch().getFirst();
        String namespace = search == null ? null : search.split("\\.", 2)[0];
        return new LocalContainer(d.id(), d.name(), d.image(), d.state(), ip == null || ip.isEmpty() ? null : ip,
                d.ports(), d.startedAt(), namespace);
    }
}
