package dev.ponte.core.setups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponte.core.bridge.MatchDraft;
import dev.ponte.core.bridge.MatchValidator;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.run.ImageReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Setups as JSON, for Ponte's own file and for export/import. Reading checks every field as untrusted input (a file
 * from a colleague, a hand-edited one): names and references must have their proper shape, ports their range,
 * folders must be absolute, match rules must pass the bridge wizard's checks; a typed value that looks like a secret
 * is dropped (its name goes to "ask at start"). A setup that fails a check is refused with the field and the reason.
 */
final class SetupJson {
    static final String FORMAT = "ponte-setups/1";
    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,255}");
    /** Data binding is set up at the first use (a setups file to read, a change), not when the core services are built. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A field that failed its check: {@code where} names the setup and the field. */
    static final class Invalid extends Exception {
        Invalid(String where, String why) {
            super(where + ": " + why);
        }
    }

    ObjectMapper mapper() {
        return Json.MAPPER;
    }

    ObjectNode write(Setup s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", s.id());
        o.put("name", s.name());
        o.put("context", s.context());
        o.put("saved", s.saved().toString());
        o.set("run", write(s.run()));
        ArrayNode bridges = o.putArray("bridges");
        s.bridges().forEach(b -> bridges.add(write(b)));
        return o;
    }

    ObjectNode write(Setup.Run r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("image", r.image());
        o.put("container", r.container());
        ArrayNode cmd = o.putArray("command");
        r.command().forEach(cmd::add);
        o.put("namespace", r.namespace());
        ObjectNode env = o.putObject("env");
        r.env().forEach(env::put);
        ArrayNode ask = o.putArray("askAtStart");
        r.askAtStart().forEach(ask::add);
        if (r.envFrom() != null) {
            ObjectNode f = o.putObject("envFrom");
            f.put("namespace", r.envFrom().namespace());
            f.put("kind", r.envFrom().kind().name());
            f.put("workload", r.envFrom().workload());
            f.put("container", r.envFrom().container());
        }
        ArrayNode vols = o.putArray("volumes");
        r.volumes().forEach(v -> vols.addObject().put("source", v.source()).put("target", v.target()).put("readOnly", v.readOnly()));
        ArrayNode ports = o.putArray("ports");
        r.ports().forEach(p -> ports.addObject().put("hostIp", p.hostIp()).put("hostPort", p.hostPort())
                .put("containerPort", p.containerPort()).put("protocol", p.protocol()));
        o.put("autoRemove", r.autoRemove());
        o.put("nanoCpus", r.nanoCpus());
        o.put("memoryBytes", r.memoryBytes());
        return o;
    }

    private ObjectNode write(Setup.BridgeSpec b) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("namespace", b.namespace());
        o.put("kind", b.kind().name());
        o.put("workload", b.workload());
        o.put("container", b.container());
        ArrayNode ports = o.putArray("ports");
        b.ports().forEach(p -> ports.addObject().put("remote", p.remotePort()).put("local", p.localPort()));
        ArrayNode sets = o.putArray("rules");
        for (MatchRules.RuleSet set : b.rules().sets()) {
            ArrayNode matches = sets.addArray();
            for (MatchRules.Match m : set.matches()) {
                ObjectNode mo = matches.addObject();
                switch (m) {
                    case MatchRules.Header h -> mo.put("header", h.name()).put("value", h.value());
                    case MatchRules.Path p -> mo.put("path", p.path());
                }
                mo.put("type", m.type().name());
            }
        }
        return o;
    }

    Setup readSetup(JsonNode o) throws Invalid {
        String name = text(o, "name", "setup");
        String where = "setup '" + name + "'";
        if (name.isBlank() || name.length() > 100 || hasControl(name)) {
            throw new Invalid(where, "the name must be 1 to 100 characters without control characters");
        }
        String context = text(o, "context", where);
        if (context.isBlank() || hasControl(context)) {
            throw new Invalid(where, "no context");
        }
        String id = o.hasNonNull("id") ? o.get("id").asText() : java.util.UUID.randomUUID().toString();
        Instant saved;
        try {
            saved = o.hasNonNull("saved") ? Instant.parse(o.get("saved").asText()) : Instant.EPOCH;
        } catch (RuntimeException e) {
            saved = Instant.EPOCH;
        }
        Setup.Run run = readRun(o.get("run"), where);
        List<Setup.BridgeSpec> bridges = new ArrayList<>();
        if (o.has("bridges")) {
            for (JsonNode b : o.get("bridges")) {
                bridges.add(readBridge(b, where));
            }
        }
        return new Setup(id, name, context, run, bridges, saved);
    }

    Setup.Run readRun(JsonNode o, String where) throws Invalid {
        if (o == null || !o.isObject()) {
            throw new Invalid(where, "no run section");
        }
        String image = text(o, "image", where);
        String imageError = ImageReference.validate(image);
        if (imageError != null) {
            throw new Invalid(where, "image '" + image + "': " + imageError);
        }
        String container = text(o, "container", where);
        if (!CONTAINER.matcher(container).matches()) {
            throw new Invalid(where, "container name '" + container + "' is not one Docker accepts");
        }
        List<String> command = new ArrayList<>();
        if (o.has("command")) {
            o.get("command").forEach(c -> command.add(c.asText()));
        }
        String namespace = o.hasNonNull("namespace") ? o.get("namespace").asText() : "default";
        k8s(namespace, where, "namespace");
        Map<String, String> env = new LinkedHashMap<>();
        List<String> ask = new ArrayList<>();
        if (o.has("env")) {
            var it = o.get("env").fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!ENV_NAME.matcher(e.getKey()).matches()) {
                    throw new Invalid(where, "environment variable name '" + e.getKey() + "' is not valid");
                }
                String value = e.getValue().asText();
                if (value.indexOf('\0') >= 0) {
                    throw new Invalid(where, "environment variable " + e.getKey() + " holds a NUL character");
                }
                if (SecretValues.looksSecret(e.getKey(), value)) {
                    ask.add(e.getKey()); // never keep a secret, even one a file brought
                } else {
                    env.put(e.getKey(), value);
                }
            }
        }
        if (o.has("askAtStart")) {
            for (JsonNode a : o.get("askAtStart")) {
                if (!ENV_NAME.matcher(a.asText()).matches()) {
                    throw new Invalid(where, "environment variable name '" + a.asText() + "' is not valid");
                }
                if (!ask.contains(a.asText())) {
                    ask.add(a.asText());
                }
            }
        }
        Setup.EnvFrom envFrom = null;
        if (o.hasNonNull("envFrom")) {
            JsonNode f = o.get("envFrom");
            envFrom = new Setup.EnvFrom(k8s(text(f, "namespace", where), where, "env-from namespace"), kind(f, where),
                    k8s(text(f, "workload", where), where, "env-from workload"), k8s(text(f, "container", where), where,
                    "env-from container"));
        }
        List<Setup.Volume> volumes = new ArrayList<>();
        if (o.has("volumes")) {
            for (JsonNode v : o.get("volumes")) {
                String source = text(v, "source", where);
                String target = text(v, "target", where);
                if (!absolute(source) || !target.startsWith("/") || hasControl(source) || hasControl(target)) {
                    throw new Invalid(where, "folder " + source + " → " + target + ": both must be absolute paths");
                }
                volumes.add(new Setup.Volume(source, target, v.path("readOnly").asBoolean(false)));
            }
        }
        List<Setup.Port> ports = new ArrayList<>();
        if (o.has("ports")) {
            for (JsonNode p : o.get("ports")) {
                String hostIp = p.hasNonNull("hostIp") ? p.get("hostIp").asText() : "127.0.0.1";
                if (!List.of("127.0.0.1", "0.0.0.0", "::1", "::").contains(hostIp)) {
                    throw new Invalid(where, "published port on " + hostIp + ": only 127.0.0.1 or all interfaces (0.0.0.0)");
                }
                String protocol = p.hasNonNull("protocol") ? p.get("protocol").asText().toLowerCase(Locale.ROOT) : "tcp";
                if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                    throw new Invalid(where, "port protocol " + protocol + ": tcp or udp");
                }
                ports.add(new Setup.Port(hostIp, port(p, "hostPort", where), port(p, "containerPort", where), protocol));
            }
        }
        return new Setup.Run(image, container, command, namespace, env, ask, envFrom, volumes, ports,
                o.path("autoRemove").asBoolean(false), Math.max(0, o.path("nanoCpus").asLong(0)),
                Math.max(0, o.path("memoryBytes").asLong(0)));
    }

    private Setup.BridgeSpec readBridge(JsonNode o, String where) throws Invalid {
        String ns = k8s(text(o, "namespace", where), where, "bridge namespace");
        WorkloadKind kind = kind(o, where);
        if (kind == WorkloadKind.DAEMON_SET) {
            throw new Invalid(where, "a DaemonSet cannot be bridged");
        }
        String workload = k8s(text(o, "workload", where), where, "bridge workload");
        String container = k8s(text(o, "container", where), where, "bridge container");
        List<PortMapping> ports = new ArrayList<>();
        for (JsonNode p : o.path("ports")) {
            ports.add(new PortMapping(port(p, "remote", where), port(p, "local", where)));
        }
        if (ports.isEmpty()) {
            throw new Invalid(where, "the bridge of " + workload + " has no ports");
        }
        List<MatchRules.RuleSet> sets = new ArrayList<>();
        for (JsonNode set : o.path("rules")) {
            List<MatchRules.Match> matches = new ArrayList<>();
            for (JsonNode m : set) {
                MatchRules.Type type;
                try {
                    type = MatchRules.Type.valueOf(m.path("type").asText("EXACT").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new Invalid(where, "match type " + m.path("type").asText() + ": EXACT, PREFIX or REGEX");
                }
                MatchDraft draft = m.has("header") ? MatchDraft.header(m.get("header").asText(), m.path("value").asText(), type)
                        : MatchDraft.path(m.path("path").asText(), type);
                var check = MatchValidator.check(draft);
                if (!check.valid()) {
                    throw new Invalid(where, "a match rule of the bridge of " + workload + ": " + check.firstError());
                }
                matches.add(check.match());
            }
            if (!matches.isEmpty()) {
                sets.add(new MatchRules.RuleSet(matches));
            }
        }
        return new Setup.BridgeSpec(ns, kind, workload, container, ports, new MatchRules(sets));
    }

    private static String text(JsonNode o, String field, String where) throws Invalid {
        if (o == null || !o.hasNonNull(field) || !o.get(field).isValueNode()) {
            throw new Invalid(where, "'" + field + "' is missing");
        }
        return o.get(field).asText();
    }

    private static String k8s(String name, String where, String what) throws Invalid {
        if (!K8S_NAME.matcher(name).matches()) {
            throw new Invalid(where, what + " '" + name + "' is not a Kubernetes name");
        }
        return name;
    }

    private static WorkloadKind kind(JsonNode o, String where) throws Invalid {
        try {
            return WorkloadKind.valueOf(text(o, "kind", where));
        } catch (IllegalArgumentException e) {
            throw new Invalid(where, "kind " + o.path("kind").asText() + " is not a workload kind");
        }
    }

    private static int port(JsonNode o, String field, String where) throws Invalid {
        int p = o.path(field).asInt(-1);
        if (p < 1 || p > 65535) {
            throw new Invalid(where, field + " " + o.path(field).asText() + " is not a port (1–65535)");
        }
        return p;
    }

    private static boolean absolute(String path) {
        try {
            return java.nio.file.Path.of(path).isAbsolute();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
