package dev.ponte.cli;

import static dev.ponte.cli.Json.obj;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.Leftovers;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import dev.ponte.core.run.LocalContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documented JSON shapes (README, "JSON output") and the words the tables use, from the core's snapshots. One
 * place, so {@code status}, {@code connections list} and {@code inspect} show a connection the same way.
 */
final class Views {
    private Views() {
    }

    /** {@code connected}, {@code not-connected}, {@code left-over}, … : the state for scripts. */
    static String stateKey(ConnectionSnapshot c) {
        return switch (c.state()) {
            case INTERRUPTED -> "left-over";
            default -> c.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /** The kube context, or null for a connection another tool made without naming one ({@code gefyra:<name>}). */
    static String context(ConnectionSnapshot c) {
        return c.context().startsWith("gefyra:") ? null : c.context();
    }

    static Map<String, Object> connection(ConnectionSnapshot c) {
        Connection conn = c.connection();
        return obj("context", context(c),
                "name", c.name(),
                "client", c.clientId(),
                "state", stateKey(c),
                "headline", c.headline(),
                "madeBy", c.byGefyraCli() ? "gefyra-cli" : "ponte",
                "network", conn == null ? null : conn.networkName(),
                "cargo", conn == null ? null : conn.cargoName(),
                "cargoIp", conn == null ? null : conn.cargoIp(),
                "endpoint", conn == null ? null : conn.endpoint(),
                "version", conn == null ? null : conn.version(),
                "health", health(c.health()),
                "leftovers", leftovers(c.leftovers()),
                "problem", c.problem() == null ? null : obj("title", c.problem().title(), "detail", c.problem().detail(),
                        "advice", c.problem().advice()),
                "actions", c.actions().stream().map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-')).sorted().toList());
    }

    static Map<String, Object> health(TunnelHealth h) {
        if (h == null) {
            return null;
        }
        return obj("state", h.state().name().toLowerCase(Locale.ROOT), "reason", h.reason(),
                "handshakeAgeSeconds", h.handshakeAge() == null ? null : h.handshakeAge().toSeconds(),
                "rxBytes", h.rxBytes(), "txBytes", h.txBytes(), "at", h.at().toString(), "expectedDip", h.expectedDip());
    }

    static List<Map<String, Object>> leftovers(Leftovers l) {
        if (l == null) {
            return List.of();
        }
        return l.parts().stream().map(p -> obj("kind", p.kind().name().toLowerCase(Locale.ROOT), "name", p.name(),
                "where", p.where(), "what", p.describe())).toList();
    }

    static Map<String, Object> container(String connection, LocalContainer c) {
        return obj("name", c.name(), "connection", connection, "image", c.image(), "state", c.state(), "ip", c.ip(),
                "namespace", c.namespace(), "ports", c.ports().stream().map(Views::port).toList(),
                "startedAt", c.startedAt() == null ? null : c.startedAt().toString());
    }

    static Map<String, Object> port(PortBinding p) {
        return obj("hostIp", p.hostIp(), "hostPort", p.hostPort(), "containerPort", p.containerPort(), "protocol", p.protocol());
    }

    static String ports(List<PortBinding> ports) {
        List<String> out = new ArrayList<>();
        for (PortBinding p : ports) {
            out.add((p.hostIp() == null || p.hostIp().isEmpty() ? "" : p.hostIp() + ":") + p.hostPort() + "->" + p.containerPort()
                    + ("tcp".equals(p.protocol()) ? "" : "/" + p.protocol()));
        }
        return String.join(", ", out);
    }

    static Map<String, Object> bridge(String connection, Bridge b, BridgeMount mount, String flag) {
        return obj("name", b.name(), "connection", connection,
                "workload", mount == null ? null : mount.targetNamespace() + "/" + mount.target(),
                "mount", b.mount(), "local", b.clientContainer(), "destinationIp", b.destinationIp(),
                "ports", b.portMappings().stream().map(Views::mapping).toList(),
                "rules", rules(b.rules()), "clusterEndpoints", b.clusterEndpoint(), "state", b.state(), "message", b.message(),
                "flag", flag);
    }

    /** Upstream's {@code "<local>:<remote>"} as {@code {remote, local}}. */
    private static Map<String, Object> mapping(String wire) {
        String[] p = wire.split(":", 2);
        return p.length == 2 ? obj("remote", p[1], "local", p[0]) : obj("remote", wire, "local", null);
    }

    static List<List<Map<String, Object>>> rules(MatchRules rules) {
        if (rules == null) {
            return List.of();
        }
        return rules.sets().stream().map(set -> set.matches().stream().map(m -> switch (m) {
            case MatchRules.Header h -> obj("header", h.name(), "value", h.value(), "type", h.type().name().toLowerCase(Locale.ROOT));
            case MatchRules.Path p -> obj("path", p.path(), "type", p.type().name().toLowerCase(Locale.ROOT));
        }).toList()).toList();
    }

    /** "header x-user exact alice AND path /api prefix". */
    static String rulesText(MatchRules rules) {
        if (rules == null || rules.sets().isEmpty()) {
            return "";
        }
        List<String> sets = new ArrayList<>();
        for (MatchRules.RuleSet set : rules.sets()) {
            List<String> parts = new ArrayList<>();
            for (MatchRules.Match m : set.matches()) {
                parts.add(switch (m) {
                    case MatchRules.Header h -> h.name() + " " + h.type().name().toLowerCase(Locale.ROOT) + " " + h.value();
                    case MatchRules.Path p -> "path " + p.type().name().toLowerCase(Locale.ROOT) + " " + p.path();
                });
            }
            sets.add(String.join(" and ", parts));
        }
        return String.join(" | ", sets);
    }

    static String remoteToLocal(List<String> wire) {
        return String.join(", ", wire.stream().map(w -> {
            String[] p = w.split(":", 2);
            return p.length == 2 ? p[1] + "->" + p[0] : w;
        }).toList());
    }

    static Map<String, Object> mount(BridgeMount m, String clientId) {
        return obj("name", m.name(), "namespace", m.targetNamespace(), "target", m.target(), "container", m.targetContainer(),
                "state", m.state(), "message", m.message(), "createdByThisMachine", clientId != null && clientId.equals(m.createdBy()));
    }
}
