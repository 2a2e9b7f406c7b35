package dev.ponte.cli;

import dev.ponte.core.bridge.MatchCheck;
import dev.ponte.core.bridge.MatchDraft;
import dev.ponte.core.bridge.MatchValidator;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine.Mount;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flag values as gefyra's CLI takes them, checked before anything changes: each malformed value is a usage error
 * (exit 2) that names the flag, what is wrong and a correct example.
 */
final class Flags {
    private static final Pattern PUBLISH = Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:]+\\]):)?(\\d+):(\\d+)(?:/(tcp|udp))?");
    private static final Pattern REMOTE_LOCAL = Pattern.compile("(\\d+):(\\d+)");

    private Flags() {
    }

    /** Run's {@code -p [IP:]HOST:CONTAINER[/udp]}: like docker's, published on 127.0.0.1 unless an address is given. */
    static PortBinding publish(String value) {
        Matcher m = PUBLISH.matcher(value.strip());
        if (!m.matches()) {
            throw CliException.usage("-p " + value + ": expected HOST_PORT:CONTAINER_PORT (or IP:HOST_PORT:CONTAINER_PORT).",
                    "Example: -p 8080:80 publishes the container's port 80 on 127.0.0.1:8080; -p 0.0.0.0:8080:80 opens it to "
                            + "your network.");
        }
        int host = port("-p " + value, m.group(2));
        int container = port("-p " + value, m.group(3));
        String ip = m.group(1) == null ? "127.0.0.1" : m.group(1).replace("[", "").replace("]", "");
        if (m.group(1) != null && !m.group(1).startsWith("[")) {
            for (String octet : ip.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw CliException.usage("-p " + value + ": " + ip + " is not an IPv4 address.", "Example: -p 127.0.0.1:8080:80");
                }
            }
        }
        return new PortBinding(ip, host, container, m.group(4) == null ? "tcp" : m.group(4));
    }

    /** Bridge's {@code -p REMOTE:LOCAL}: the cluster container's port, then the local container's. */
    static PortMapping remoteLocal(String value) {
        Matcher m = REMOTE_LOCAL.matcher(value.strip());
        if (!m.matches()) {
            throw CliException.usage("-p " + value + ": expected REMOTE_PORT:LOCAL_PORT (the workload container's port, then "
                    + "your container's).", "Example: -p 80:8000 sends matching requests for the pod's port 80 to your "
                    + "container's port 8000.");
        }
        return new PortMapping(port("-p " + value, m.group(1)), port("-p " + value, m.group(2)));
    }

    private static int port(String flag, String digits) {
        int p;
        try {
            p = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw CliException.usage(flag + ": port " + digits + " is out of range.", "Ports go from 1 to 65535.");
        }
        return p;
    }

    /** {@code -v HOST:CONTAINER[:ro|:rw]}; a relative host path is taken from the working folder, as gefyra does. */
    static Mount volume(String value, Path workingDir) {
        String v = value;
        boolean readOnly = false;
        if (v.endsWith(":ro") || v.endsWith(":rw")) {
            readOnly = v.endsWith(":ro");
            v = v.substring(0, v.length() - 3);
        }
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw CliException.usage("-v " + value + ": expected HOST_PATH:CONTAINER_PATH[:ro].",
                    "Example: -v ./src:/app/src:ro mounts your src folder read-only at /app/src.");
        }
        String source = v.substring(0, colon);
        String target = v.substring(colon + 1);
        if (!target.startsWith("/")) {
            throw CliException.usage("-v " + value + ": the container path " + target + " must be absolute.", "Example: -v ./src:/app/src");
        }
        Path host = workingDir.resolve(source).toAbsolutePath().normalize();
        if (!Files.exists(host)) {
            throw CliException.usage("-v " + value + ": " + host + " does not exist.",
                    "Create it first, or check the path (relative paths start from " + workingDir + ").");
        }
        return new Mount(host.toString(), target, readOnly);
    }

    /** {@code --env K=V}. */
    static String[] env(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw CliException.usage("--env " + value + ": expected NAME=VALUE.", "Example: --env LOG_LEVEL=debug");
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1)};
    }

    /** {@code --env-from KIND/NAME[/CONTAINER]}: the kind and the workload (container resolved later). */
    record Workload(WorkloadKind kind, String name, String container) {
    }

    static Workload workload(String flag, String value) {
        String[] p = value.split("/");
        if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty() || p.length == 3 && p[2].isEmpty()) {
            throw CliException.usage(flag + " " + value + ": expected KIND/NAME[/CONTAINER].",
                    "Example: " + flag + " deployment/api/web (the container web of Deployment api; without it, the first container).");
        }
        return new Workload(kind(flag, p[0]), p[1], p.length == 3 ? p[2] : null);
    }

    static WorkloadKind kind(String flag, String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "deploy", "deployment", "deployments" -> WorkloadKind.DEPLOYMENT;
            case "sts", "statefulset", "statefulsets" -> WorkloadKind.STATEFUL_SET;
            case "ds", "daemonset", "daemonsets" -> WorkloadKind.DAEMON_SET;
            case "pod", "po", "pods" -> throw CliException.usage(flag + ": Ponte reads the environment of a workload, not of "
                    + "a single pod.", "Name the pod's Deployment or StatefulSet instead, e.g. " + flag + " deployment/api.");
            default -> throw CliException.usage(flag + ": unknown kind '" + word + "'.",
                    "Use deployment (deploy), statefulset (sts) or daemonset (ds), e.g. " + flag + " deployment/api.");
        };
    }

    /** The {@code --match-*} flags, each flag's values in the order given. */
    record Rules(List<String> headerExact, List<String> headerPrefix, List<String> headerRegex, List<String> pathExact,
                 List<String> pathPrefix, List<String> pathRegex) {
    }

    /**
     * All rules go into one rule set, as gefyra's CLI sends them (Carrier2 ANDs them), in gefyra's order: header exact,
     * regex, prefix, path exact, prefix, regex. Each is checked as the bridge wizard checks it.
     */
    static MatchRules rules(Rules r) {
        List<MatchRules.Match> matches = new ArrayList<>();
        header("--match-header-exact", r.headerExact(), MatchRules.Type.EXACT, matches);
        header("--match-header-regex", r.headerRegex(), MatchRules.Type.REGEX, matches);
        header("--match-header-prefix", r.headerPrefix(), MatchRules.Type.PREFIX, matches);
        path("--match-path-exact", r.pathExact(), MatchRules.Type.EXACT, matches);
        path("--match-path-prefix", r.pathPrefix(), MatchRules.Type.PREFIX, matches);
        path("--match-path-regex", r.pathRegex(), MatchRules.Type.REGEX, matches);
        if (matches.isEmpty()) {
            throw CliException.usage("A bridge needs at least one rule: without one it would take every request from the cluster.",
                    "Add one, e.g. --match-header-exact x-user:alice or --match-path-prefix /api.");
        }
        return new MatchRules(List.of(new MatchRules.RuleSet(matches)));
    }

    private static void header(String flag, List<String> values, MatchRules.Type type, List<MatchRules.Match> into) {
        for (String v : values == null ? List.<String>of() : values) {
            int colon = v.indexOf(':');
            if (colon <= 0) {
                throw CliException.usage(flag + " " + v + ": expected NAME:VALUE.",
                        "Example: " + flag + " x-user:" + (type == MatchRules.Type.REGEX ? "^alice$" : "alice"));
            }
            into.add(checked(flag + " " + v, MatchValidator.check(MatchDraft.header(v.substring(0, colon), v.substring(colon + 1), type))));
        }
    }

    private static void path(String flag, List<String> values, MatchRules.Type type, List<MatchRules.Match> into) {
        for (String v : values == null ? List.<String>of() : values) {
            into.add(checked(flag + " " + v, MatchValidator.check(MatchDraft.path(v, type))));
        }
    }

    private static MatchRules.Match checked(String flag, MatchCheck check) {
        if (!check.valid()) {
            throw CliException.usage(flag + ": " + check.firstError() + ".", "Carrier2 could never match it; fix the rule.");
        }
        return check.match();
    }
}
