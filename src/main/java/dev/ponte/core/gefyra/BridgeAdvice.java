package dev.ponte.core.gefyra;

import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what Gefyra's operator and webhook say about a mount or bridge into the user's next step. The phrases
 * are upstream 2.5.4's: bridge_mount/carrier2mount/__init__.py ({@code install}, {@code validate},
 * {@code get_pods_workload}), bridge/carrier2/__init__.py ({@code validate}), connection/stowaway/__init__.py
 * ({@code _get_free_proxyroute_port}) and client/gefyra/local/bridge.py (409 = already bridged). An unknown
 * message is passed on as it is.
 */
public final class BridgeAdvice {
    private BridgeAdvice() {
    }

    private record Rule(List<String> phrases, Problem.Kind kind, String title, String advice) {
        boolean matches(String lower) {
            return phrases.stream().anyMatch(lower::contains);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule(List.of("probes not compatible"), Problem.Kind.REFUSED,
                    "The target container's probes do not work with Carrier2",
                    "Carrier2 answers httpGet probes only; the container has an exec or tcpSocket probe. Change that "
                            + "probe to httpGet, or bridge another container of the workload."),
            new Rule(List.of("more than one controller"), Problem.Kind.SERVER_ERROR,
                    "A rollout of the workload is in progress",
                    "Wait for the rollout to finish (kubectl rollout status), then try again."),
            new Rule(List.of("exec format error", "no matching manifest"), Problem.Kind.REFUSED,
                    "Carrier2 cannot run on these nodes",
                    "Gefyra's Carrier2 image exists for amd64 only; the workload's pods run on another architecture "
                            + "(for example arm64). Bridge a workload scheduled on amd64 nodes."),
            new Rule(List.of("no free port found", "port is already allocated", "address already in use"),
                    Problem.Kind.SERVER_ERROR, "The port is taken",
                    "Another bridge or container already uses the port. Remove unused bridges or pick another port."),
            new Rule(List.of("not in active state"), Problem.Kind.SERVER_ERROR,
                    "The workload's mount is not active yet",
                    "Wait until the mount is active (its Carrier2 pods must be ready), then create the bridge again."),
            new Rule(List.of("already exists for target"), Problem.Kind.SERVER_ERROR,
                    "The workload already has a mount",
                    "Gefyra allows one mount per workload. Reuse the existing mount, or delete it first."),
            new Rule(List.of("with these target parameters already exists", "already bridged"),
                    Problem.Kind.SERVER_ERROR, "This bridge exists already",
                    "The same local container already receives this traffic. Remove that bridge first, or change the "
                            + "rules."),
            new Rule(List.of("not found", "(404)", "target format is not correctly specified",
                    "does not exist or cannot be read", "unsupported workload kind"),
                    Problem.Kind.NOT_FOUND, "The bridge target was not found",
                    "Check that the workload, its namespace and the container still exist, then try again."));

    /**
     * @param subject what failed, e.g. {@code GefyraBridgeMount api-shop-k2x9q}
     * @param message the operator's or webhook's words; null or blank when it said nothing
     */
    public static Problem explain(String subject, String message) {
        String said = message == null || message.isBlank() ? null : ErrorAdvice.redact(message.strip());
        String detail = said == null ? subject + " failed without a message from Gefyra's operator."
                : subject + ": Gefyra's operator said \"" + said + "\".";
        if (said != null) {
            String lower = said.toLowerCase(Locale.ROOT);
            for (Rule rule : RULES) {
                if (rule.matches(lower)) {
                    return new Problem(rule.kind(), rule.title(), detail, rule.advice());
                }
            }
        }
        return new Problem(Problem.Kind.UNKNOWN, subject + " failed", detail,
                "Look at the operator's events (kubectl -n gefyra get events) and its log "
                        + "(kubectl -n gefyra logs deploy/gefyra-operator), then try again.");
    }

    /** The amd64-only Carrier2 problem when a node reports another architecture (see GefyraCluster#nodeArchitectures). */
    public static Optional<Problem> architecture(List<String> nodeArchitectures) {
        List<String> other = nodeArchitectures.stream().filter(a -> !"amd64".equals(a)).distinct().toList();
        if (other.isEmpty()) {
            return Optional.empty();
        }
        boolean none = other.size() == nodeArchitectures.stream().distinct().count();
        return Optional.of(new Problem(Problem.Kind.REFUSED,
                none ? "Carrier2 cannot run on this cluster's nodes" : "Carrier2 cannot run on some nodes",
                "Gefyra's Carrier2 image exists for amd64 only; " + (none ? "the nodes are " : "some nodes are ")
                        + String.join(", ", other) + ".",
                none ? "Bridging needs amd64 nodes; use another cluster for bridges (running a local container works)."
                        : "Bridge workloads whose pods run on amd64 nodes."));
    }
}
