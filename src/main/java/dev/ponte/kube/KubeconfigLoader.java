package dev.ponte.kube;

import static dev.ponte.kube.KubeconfigFile.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.core.port.KubeconfigSource;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.kube.KubeconfigFile.Entry;
import dev.ponte.kube.KubeconfigFile.Section;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the user's kubeconfig files the way kubectl does: the files listed in {@code KUBECONFIG}
 * (else {@code ~/.kube/config}), then the files opened in Ponte, merged first-wins.
 */
public final class KubeconfigLoader implements KubeconfigSource {
    private static final Logger LOG = LoggerFactory.getLogger(KubeconfigLoader.class);
    /** Data binding is set up at the first use ({@code first resolved context}), not when the core services are built before the first frame. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** Paths in a cluster entry that kubectl resolves against the directory of the file defining it. */
    private static final List<String> CLUSTER_PATHS = List.of("certificate-authority");
    /** The same for a user entry (exec.command is handled on its own). */
    private static final List<String> USER_PATHS = List.of("client-certificate", "client-key", "tokenFile");

    /**
     * One context made self-contained for a client.
     *
     * @param kubeconfigYaml a kubeconfig holding just the context, its cluster and its user, with
     *                       absolute file paths, written as JSON (which is YAML: kubectl reads it too); fabric8 parses
     *                       JSON with Jackson, and YAML with snakeyaml-engine, whose ~140 classes Ponte then loads
     *                       beside the SnakeYAML that reads the user's files. It may hold credentials, so never log it
     * @param sourceFile     the file that defined the context
     * @param execCommand    the user's exec credential plugin command, or null when it has none
     */
    public record ResolvedContext(String kubeconfigYaml, Path sourceFile, String execCommand) {
        @Override
        public String toString() {
            return "ResolvedContext[sourceFile=" + sourceFile + ", execCommand=" + execCommand + "]";
        }
    }

    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env  the environment ({@code System.getenv()} in production)
     * @param home the user's home directory
     */
    public KubeconfigLoader(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    @Override
    public KubeconfigSnapshot load(List<Path> extraFiles) {
        try {
            KubeconfigSnapshot snapshot = merge(extraFiles).snapshot();
            LOG.info("Read kubeconfig: {} context(s) from {} file(s), {} problem(s)",
                    snapshot.contexts().size(), snapshot.files().size(), snapshot.problems().size());
            snapshot.problems().forEach(p -> LOG.warn("Kubeconfig problem: {}", p));
            return snapshot;
        } catch (RuntimeException e) { // the contract is to never throw; this is a bug, not the user's files
            LOG.error("Reading the kubeconfig failed unexpectedly", e);
            return new KubeconfigSnapshot(List.of(), List.of(), null, List.of(
                    new KubeconfigProblem(home, "could not be read: " + e.getClass().getSimpleName())));
        }
    }

    /** The files read, in merge order: KUBECONFIG (or the default file), then {@code extraFiles}. */
    public List<Path> files(List<Path> extraFiles) {
        Set<Path> files = new LinkedHashSet<>(standardFiles());
        for (Path extra : extraFiles) {
            files.add(normalize(extra));
        }
        return List.copyOf(files);
    }

    /**
     * Builds a self-contained kubeconfig for one context. Give it to fabric8 as
     * {@code Config.fromKubeconfig(yaml)} or {@code Config.fromKubeconfig(context, fileHoldingYaml)};
     * not as {@code fromKubeconfig(context, yaml, sourceFile)}: fabric8 7.9 then reads
     * {@code sourceFile} and ignores the YAML.
     *
     * @throws PonteException of kind {@link Problem.Kind#KUBECONFIG} when the context does not exist or is invalid
     */
    public ResolvedContext resolve(String contextName, List<Path> extraFiles) {
        KubeconfigMerger merged = merge(extraFiles);
        Entry context = merged.entry(Section.CONTEXTS, contextName).orElseThrow(() -> kubeconfigProblem(contextName,
                "No kubeconfig file defines a context named '" + contextName + "'.",
                "Reload the list of contexts: your kubeconfig files may have changed."));
        List<String> why = merged.whyInvalid(contextName);
        if (!why.isEmpty()) {
            throw kubeconfigProblem(contextName, capitalize(String.join("; ", why)) + ".",
                    "Fix " + context.file() + " (or the file it refers to), then reload the list of contexts.");
        }
        Entry cluster = merged.entry(Section.CLUSTERS, text(context.body().get("cluster"))).orElseThrow();
        Entry user = merged.entry(Section.USERS, text(context.body().get("user"))).orElseThrow();

        ObjectNode clusterBody = cluster.body().deepCopy();
        CLUSTER_PATHS.forEach(key -> absolutize(clusterBody, key, cluster.file()));
        ObjectNode userBody = user.body().deepCopy();
        USER_PATHS.forEach(key -> absolutize(userBody, key, user.file()));
        String execCommand = null;
        if (userBody.get("exec") instanceof ObjectNode exec) {
            String command = text(exec.get("command"));
            if (command != null && (command.indexOf('/') >= 0 || command.indexOf(File.separatorChar) >= 0)) {
                absolutize(exec, "command", user.file());
            }
            execCommand = text(exec.get("command"));
        }

        ObjectNode root = KubeconfigFile.YAML.createObjectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("current-context", contextName);
        root.putArray("clusters").addObject().put("name", cluster.name()).set("cluster", clusterBody);
        root.putArray("contexts").addObject().put("name", contextName).set("context", context.body().deepCopy());
        root.putArray("users").addObject().put("name", user.name()).set("user", userBody);
        root.putObject("preferences");
        try {
            return new ResolvedContext(Json.MAPPER.writeValueAsString(root), context.file(), execCommand);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Writing a kubeconfig for context '" + contextName + "' failed", e);
        }
    }

    /**
     * Checks that an exec credential plugin can be started.
     *
     * @return the command when it is a bare name found in no {@code PATH} directory, or a path to a
     *         file that does not exist or is not executable; else empty
     */
    public static Optional<String> findMissingExecutable(String command, Map<String, String> env) {
        return ExecutableLookup.findMissing(command, env,
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    private KubeconfigMerger merge(List<Path> extraFiles) {
        List<Path> standard = standardFiles();
        Set<Path> mustExist = new LinkedHashSet<>();
        for (Path extra : extraFiles) {
            Path p = normalize(extra);
            if (!standard.contains(p)) {
                mustExist.add(p);
            }
        }
        return KubeconfigMerger.merge(files(extraFiles), mustExist);
    }

    private List<Path> standardFiles() {
        String kubeconfig = env.get("KUBECONFIG");
        Set<Path> files = new LinkedHashSet<>();
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            for (String entry : kubeconfig.split(Pattern.quote(File.pathSeparator))) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    files.add(normalize(Path.of(entry)));
                } catch (InvalidPathException e) {
                    LOG.warn("Ignoring KUBECONFIG entry that is not a valid path: {}", e.getMessage());
                }
            }
        } else {
            files.add(normalize(home.resolve(".kube").resolve("config")));
        }
        return List.copyOf(files);
    }

    private static Path normalize(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Makes a relative path under {@code key} absolute against the directory of {@code definedIn}, as kubectl does. */
    private static void absolutize(ObjectNode body, String key, Path definedIn) {
        JsonNode value = body.get(key);
        String path = text(value);
        if (path == null || !value.isTextual()) {
            return;
        }
        try {
            if (!Path.of(path).isAbsolute() && definedIn.getParent() != null) {
                body.put(key, definedIn.getParent().resolve(path).normalize().toString());
            }
        } catch (InvalidPathException e) {
            // leave it as written; the client will report that it cannot be read
        }
    }

    private static PonteException kubeconfigProblem(String context, String detail, String advice) {
        return new PonteException(new Problem(Problem.Kind.KUBECONFIG,
                "Cannot use context '" + context + "'", detail, advice));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
