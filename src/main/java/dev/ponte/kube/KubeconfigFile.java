package dev.ponte.kube;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ponte.core.model.KubeconfigProblem;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One kubeconfig file, read and checked on its own: its named clusters, contexts and users in file
 * order, and its current-context. Problem messages never quote the file's content (it may hold
 * credentials).
 */
final class KubeconfigFile {
    /** Anything bigger is not a kubeconfig someone wrote by hand or with a cloud CLI. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    /** Duplicate keys are an error, as for kubectl (go-yaml: "mapping key already defined"), not a silent last-wins. */
    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final Set<String> KNOWN_KEYS = Set.of("apiVersion", "kind", "preferences", "clusters",
            "contexts", "users", "current-context", "extensions");

    /** The three lists of a kubeconfig, with the key of each list and of one entry's body. */
    enum Section {
        CLUSTERS("clusters", "cluster"),
        CONTEXTS("contexts", "context"),
        USERS("users", "user");

        final String listKey;
        final String itemKey;

        Section(String listKey, String itemKey) {
            this.listKey = listKey;
            this.itemKey = itemKey;
        }
    }

    /** A named cluster, context or user: its body map and the file that defined it. */
    record Entry(String name, ObjectNode body, Path file) {
        @Override
        public String toString() {
            return "Entry[" + name + " from " + file + "]"; // the body may hold credentials
        }
    }

    private final Path path;
    private final Map<Section, List<Entry>> entries = new EnumMap<>(Section.class);
    private String currentContext;

    private KubeconfigFile(Path path) {
        this.path = path;
        for (Section s : Section.values()) {
            entries.put(s, new ArrayList<>());
        }
    }

    Path path() {
        return path;
    }

    List<Entry> entries(Section section) {
        return entries.get(section);
    }

    /** The file's current-context, or null when it sets none. */
    String currentContext() {
        return currentContext;
    }

    /**
     * Reads and checks one existing file. Returns null when nothing in it can be used; every
     * problem found, fatal or not, goes to {@code problems}.
     */
    static KubeconfigFile read(Path file, Consumer<KubeconfigProblem> problems) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                problems.accept(new KubeconfigProblem(file, "cannot be read: it is a directory, not a file"));
                return null;
            }
            if (Files.size(file) > MAX_BYTES) {
                problems.accept(new KubeconfigProblem(file, "is too large to be a kubeconfig (more than "
                        + MAX_BYTES / (1024 * 1024) + " MB)"));
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            String encoding = otherEncoding(bytes);
            if (encoding != null) {
                problems.accept(new KubeconfigProblem(file, "cannot be read: it is " + encoding
                        + " text, and kubeconfig files are UTF-8; save it as UTF-8"));
                return null;
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            problems.accept(new KubeconfigProblem(file, unreadable(e)));
            return null;
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            problems.accept(new KubeconfigProblem(file, badYaml(e)));
            return null;
        }
        KubeconfigFile result = new KubeconfigFile(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return result; // an empty file is an empty kubeconfig, as for kubectl
        }
        String notKubeconfig = whyNotKubeconfig(root);
        if (notKubeconfig != null) {
            problems.accept(new KubeconfigProblem(file, notKubeconfig));
            return null;
        }
        result.currentContext = text(root.get("current-context"));
        for (Section s : Section.values()) {
            result.readSection(root.get(s.listKey), s, problems);
        }
        return result;
    }

    /** UTF-16 or UTF-32 by its byte-order mark, or null. */
    private static String otherEncoding(byte[] b) {
        if (b.length >= 4 && (b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF
                || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0)) {
            return "UTF-32";
        }
        if (b.length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
            return "UTF-16";
        }
        return null;
    }

    private static String unreadable(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "cannot be read: permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "cannot be read: it is not UTF-8 text";
        }
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot be read: " + why;
    }

    /** "not valid YAML (line 3): ..." with the parser's description of the problem, never the text. */
    private static String badYaml(JsonProcessingException e) {
        int line = -1;
        String problem = null;
        for (Throwable t = e; t != null && problem == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                problem = m.getProblem();
                if (m.getProblemMark() != null) {
                    line = m.getProblemMark().getLine() + 1;
                }
            }
        }
        if (line < 0) {
            JsonLocation loc = e.getLocation();
            line = loc == null ? -1 : loc.getLineNr();
        }
        StringBuilder sb = new StringBuilder("not valid YAML");
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        if ((problem == null || problem.isBlank()) && e.getOriginalMessage() != null) {
            problem = e.getOriginalMessage().lines().findFirst().orElse("");
            problem = dev.ponte.core.task.Redactor.redact(problem.length() > 160 ? problem.substring(0, 160) + "…" : problem);
        }
        if (problem != null && !problem.isBlank()) {
            sb.append(": ").append(problem.strip());
        }
        return sb.toString();
    }

    private static String whyNotKubeconfig(JsonNode root) {
        if (!root.isObject()) {
            return "is not a kubeconfig: the top level is " + describe(root) + ", not a map";
        }
        String kind = text(root.get("kind"));
        if (kind != null && !kind.equals("Config")) {
            return "is not a kubeconfig: its kind is '" + kind + "', not 'Config'";
        }
        boolean anyKnown = false;
        for (var it = root.fieldNames(); it.hasNext(); ) {
            anyKnown |= KNOWN_KEYS.contains(it.next());
        }
        if (!root.isEmpty() && !anyKnown) {
            return "is not a kubeconfig: it has no clusters, contexts or users";
        }
        return null;
    }

    private void readSection(JsonNode list, Section s, Consumer<KubeconfigProblem> problems) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.accept(new KubeconfigProblem(path, "'" + s.listKey + "' should be a list, but it is "
                    + describe(list) + "; its " + s.listKey + " are ignored"));
            return;
        }
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode item : list) {
            index++;
            if (!item.isObject()) {
                problems.accept(new KubeconfigProblem(path, "entry " + index + " of '" + s.listKey
                        + "' should be a map with a name and a " + s.itemKey + ", but it is " + describe(item)));
                continue;
            }
            String name = text(item.get("name"));
            if (name == null) {
                problems.accept(new KubeconfigProblem(path, "a " + s.itemKey + " has no name (entry " + index
                        + " of '" + s.listKey + "'); it is ignored"));
                continue;
            }
            JsonNode body = item.get(s.itemKey);
            if (body != null && !body.isNull() && !body.isObject()) {
                problems.accept(new KubeconfigProblem(path, s.itemKey + " '" + name + "' should hold a map under '"
                        + s.itemKey + "', but it is " + describe(body) + "; it is ignored"));
                continue;
            }
            if (!seen.add(name)) {
                problems.accept(new KubeconfigProblem(path, "defines " + s.itemKey + " '" + name
                        + "' more than once; the first one is used"));
                continue;
            }
            ObjectNode map = body == null || body.isNull() ? YAML.createObjectNode() : (ObjectNode) body;
            entries.get(s).add(new Entry(name, map, path));
        }
    }

    /** The text of a scalar, or null for a missing, null, empty or non-scalar node. */
    static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s == null || s.isBlank() ? null : s;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        return node.isTextual() ? "a piece of text" : "a single value";
    }
}
