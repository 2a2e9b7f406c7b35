package dev.ponte.kube;

import static dev.ponte.kube.KubeconfigFile.text;

import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.kube.KubeconfigFile.Entry;
import dev.ponte.kube.KubeconfigFile.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges kubeconfig files the way kubectl does (client-go clientcmd): for contexts, clusters and
 * users the first file that defines a name wins, and current-context comes from the first file
 * that sets one. Then checks every context and keeps the valid ones.
 */
final class KubeconfigMerger {
    private final List<Path> files;
    private final Map<Section, Map<String, Entry>> byName = new EnumMap<>(Section.class);
    private final List<KubeconfigProblem> problems = new ArrayList<>();
    private final Map<String, List<String>> invalid = new HashMap<>();
    private final List<KubeContext> contexts = new ArrayList<>();
    private String currentContext;

    private KubeconfigMerger(List<Path> files) {
        this.files = List.copyOf(files);
        for (Section s : Section.values()) {
            byName.put(s, new LinkedHashMap<>());
        }
    }

    /**
     * @param files     the files in merge order
     * @param mustExist those of {@code files} whose absence is a problem (files the user opened);
     *                  the others are skipped silently when missing, as kubectl does
     */
    static KubeconfigMerger merge(List<Path> files, Set<Path> mustExist) {
        KubeconfigMerger m = new KubeconfigMerger(files);
        Path currentContextFile = null;
        for (Path file : files) {
            if (Files.notExists(file)) {
                if (mustExist.contains(file)) {
                    m.problems.add(new KubeconfigProblem(file, "does not exist"));
                }
                continue;
            }
            KubeconfigFile parsed = KubeconfigFile.read(file, m.problems::add);
            if (parsed == null) {
                continue;
            }
            if (m.currentContext == null && parsed.currentContext() != null) {
                m.currentContext = parsed.currentContext();
                currentContextFile = file;
            }
            for (Section s : Section.values()) {
                Map<String, Entry> merged = m.byName.get(s);
                for (Entry e : parsed.entries(s)) {
                    merged.putIfAbsent(e.name(), e);
                }
            }
        }
        m.validate();
        if (m.currentContext != null && !m.byName.get(Section.CONTEXTS).containsKey(m.currentContext)) {
            m.problems.add(new KubeconfigProblem(currentContextFile, "current-context is '" + m.currentContext
                    + "', but no kubeconfig file defines a context with that name"));
        }
        return m;
    }

    private void validate() {
        Set<String> clustersReported = new HashSet<>();
        Map<String, List<String>> clusterCredentials = new HashMap<>();
        Map<String, List<String>> userCredentials = new HashMap<>();
        for (Entry ctx : byName.get(Section.CONTEXTS).values()) {
            String name = ctx.name();
            List<String> reasons = new ArrayList<>();
            String clusterName = text(ctx.body().get("cluster"));
            String userName = text(ctx.body().get("user"));
            Entry cluster = clusterName == null ? null : byName.get(Section.CLUSTERS).get(clusterName);
            if (clusterName == null) {
                reasons.add(report(ctx, "context '" + name + "' does not name a cluster"));
            } else if (cluster == null) {
                reasons.add(report(ctx, "context '" + name + "' refers to cluster '" + clusterName
                        + "', which no kubeconfig file defines"));
            } else if (server(cluster) == null) {
                String why = "cluster '" + clusterName + "' has no server URL";
                if (clustersReported.add(clusterName)) {
                    problems.add(new KubeconfigProblem(cluster.file(), why + "; the contexts that use it are left out"));
                }
                reasons.add(why);
            }
            if (userName == null) {
                reasons.add(report(ctx, "context '" + name + "' does not name a user"));
            } else if (!byName.get(Section.USERS).containsKey(userName)) {
                reasons.add(report(ctx, "context '" + name + "' refers to user '" + userName
                        + "', which no kubeconfig file defines"));
            }
            if (reasons.isEmpty()) {
                // What kubectl checks before contacting the server: files exist, base64 and PEM parse.
                reasons.addAll(credentials(clusterCredentials, cluster, CredentialCheck::cluster));
                reasons.addAll(credentials(userCredentials, byName.get(Section.USERS).get(userName), CredentialCheck::user));
            }
            if (reasons.isEmpty()) {
                contexts.add(new KubeContext(name, clusterName, userName, text(ctx.body().get("namespace")),
                        server(cluster), ctx.file()));
            } else {
                invalid.put(name, reasons);
            }
        }
    }

    /** The entry's credential problems, checked and reported (in the file that defines it) once per entry. */
    private List<String> credentials(Map<String, List<String>> done, Entry entry,
                                     java.util.function.Function<Entry, List<String>> check) {
        return done.computeIfAbsent(entry.name(), n -> {
            List<String> found = check.apply(entry);
            found.forEach(why -> problems.add(new KubeconfigProblem(entry.file(), why + "; the contexts that use it are left out")));
            return found;
        });
    }

    private String report(Entry context, String message) {
        problems.add(new KubeconfigProblem(context.file(), message));
        return message;
    }

    private static String server(Entry cluster) {
        return text(cluster.body().get("server"));
    }

    KubeconfigSnapshot snapshot() {
        return new KubeconfigSnapshot(files, contexts, currentContext, problems);
    }

    List<KubeconfigProblem> problems() {
        return List.copyOf(problems);
    }

    Optional<Entry> entry(Section section, String name) {
        return Optional.ofNullable(name).map(n -> byName.get(section).get(n));
    }

    /** Why the named context was left out; empty when it is valid or not defined at all. */
    List<String> whyInvalid(String context) {
        return invalid.getOrDefault(context, List.of());
    }
}
