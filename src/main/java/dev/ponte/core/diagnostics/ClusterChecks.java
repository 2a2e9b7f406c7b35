package dev.ponte.core.diagnostics;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.OperatorStatus;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The lines about this machine's engine and the cluster's side: engine, API server, permissions, operator, proxy, nodes. */
final class ClusterChecks {
    static final String ENGINE = "Container engine";
    static final String API = "API server";
    static final String PERMISSIONS = "Permissions Ponte needs";
    static final String OPERATOR = "Gefyra's operator";
    static final String PROXY = "Proxy (kubeconfig proxy-url)";
    static final String NODES = "Node architectures (Carrier2 is amd64-only)";

    private ClusterChecks() {
    }

    static Check engine(Engines engines, ContainerEngine engine, RuntimeException failure) {
        if (engine == null) {
            Problem p = ErrorAdvice.explain(failure, "the container engine");
            return Check.failed(Checks.ENGINE, ENGINE, p.title() + ": " + p.detail(),
                    "Start Docker Desktop, Colima, Podman or Rancher Desktop (or dockerd), or pick another engine in the "
                            + "connection panel; then check again.");
        }
        ContainerEngine.Info info = engine.info();
        String others;
        try {
            long found = engines.options().size();
            others = found <= 1 ? "" : "; " + (found - 1) + " other engine" + (found == 2 ? "" : "s") + " found";
        } catch (RuntimeException e) {
            others = "";
        }
        return Check.ok(Checks.ENGINE, ENGINE, info.product() + " " + info.version() + " (API " + info.apiVersion() + ", "
                + info.os() + "/" + info.arch() + ") at " + info.endpoint() + others);
    }

    /** @param millis how long the version call took */
    static Check api(String version, long millis, RuntimeException failure, String context) {
        if (version == null) {
            Problem p = ErrorAdvice.explain(failure, context);
            return Check.failed(Checks.API, API, p.title() + ": " + p.detail(), p.advice());
        }
        return Check.ok(Checks.API, API, "answered in " + millis + " ms; Kubernetes " + version);
    }

    static Check permissions(GefyraCluster cluster, boolean installed) {
        List<Permissions.Need> needs = new ArrayList<>(Permissions.CONNECTED);
        if (!installed) {
            needs.addAll(0, Permissions.INSTALL);
        }
        List<String> missingRequired = new ArrayList<>();
        List<String> missingOptional = new ArrayList<>();
        for (Permissions.Need n : needs) {
            boolean allowed;
            try {
                allowed = cluster.canI(n.verb(), n.group(), n.resource(), n.namespace());
            } catch (RuntimeException e) {
                Problem p = ErrorAdvice.explain(e, "the cluster");
                return Check.notChecked(Checks.PERMISSIONS, PERMISSIONS,
                        "The API server did not answer the access review (" + p.title() + ": " + p.detail() + ").");
            }
            if (!allowed) {
                (n.required() ? missingRequired : missingOptional).add(n.describe() + " — " + n.forWhat());
            }
        }
        String checked = needs.size() + " verbs checked with SelfSubjectAccessReview"
                + (installed ? "" : " (including what installing Gefyra needs)");
        if (!missingRequired.isEmpty()) {
            return Check.failed(Checks.PERMISSIONS, PERMISSIONS, checked + "; missing: " + String.join("; ", missingRequired)
                    + (missingOptional.isEmpty() ? "" : "; also missing: " + String.join("; ", missingOptional)),
                    "Ask a cluster admin to grant these (a Role in namespace gefyra for the gefyra.dev resources, or "
                            + "Gefyra's own ClusterRole gefyra-client bound to your user), then check again.");
        }
        if (!missingOptional.isEmpty()) {
            return Check.warning(Checks.PERMISSIONS, PERMISSIONS, checked + "; missing: " + String.join("; ", missingOptional),
                    "Connecting works; the features named above need these permissions.");
        }
        return Check.ok(Checks.PERMISSIONS, PERMISSIONS, checked + "; all allowed");
    }

    static Check operator(GefyraCluster cluster, OperatorStatus status, boolean mayInstall) {
        if (!status.installed()) {
            return mayInstall
                    ? Check.warning(Checks.OPERATOR, OPERATOR, "not installed (no Deployment gefyra-operator in namespace gefyra)",
                            "Connect installs Gefyra " + Gefyra.VERSION + " first.")
                    : Check.failed(Checks.OPERATOR, OPERATOR, "not installed, and your user may not install it",
                            "Ask a cluster admin to install Gefyra " + Gefyra.VERSION + " (`gefyra install --apply`).");
        }
        StringBuilder evidence = new StringBuilder("image ").append(status.operatorImage())
                .append("; operator ").append(status.operatorReady() ? "ready" : "NOT ready")
                .append(", webhook ").append(status.webhookReady() ? "ready" : "NOT ready")
                .append(", Stowaway ").append(status.stowawayReady() ? "ready" : "NOT ready");
        List<String> warnings = new ArrayList<>();
        try {
            List<GefyraCluster.PodInfo> pods = cluster.gefyraPods();
            evidence.append("\npods: ").append(pods.isEmpty() ? "none" : pods.stream().map(p -> p.name() + " "
                    + (p.ready() ? "ready" : p.phase() + ", not ready") + (p.restarts() > 0 ? ", " + p.restarts() + " restarts" : ""))
                    .collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            evidence.append("\npods: not read (").append(ErrorAdvice.explain(e, "the cluster").title()).append(')');
        }
        try {
            List<GefyraCluster.EventInfo> events = cluster.events(null, 5);
            evidence.append("\nrecent events: ").append(events.isEmpty() ? "none" : events.stream()
                    .map(ClusterChecks::event).collect(Collectors.joining("; ")));
            events.stream().filter(e -> "Warning".equals(e.type())).findFirst()
                    .ifPresent(e -> warnings.add("a Warning event: " + e.reason() + " on " + e.object()));
        } catch (RuntimeException e) {
            evidence.append("\nrecent events: not read (").append(ErrorAdvice.explain(e, "the cluster").title()).append(')');
        }
        String version = status.version();
        if (version != null && !version.equals(Gefyra.VERSION)) {
            boolean sameMinor = minor(version).equals(minor(Gefyra.VERSION));
            String why = "the cluster runs operator " + version + "; Ponte speaks Gefyra " + Gefyra.VERSION
                    + (sameMinor ? " (same minor version)" : " — clients, mounts and bridges may not work as Ponte expects");
            String fix = "Update the operator to " + Gefyra.VERSION + " (`gefyra operator update --version " + Gefyra.VERSION
                    + "`, or Disconnect and uninstall, then Connect installs " + Gefyra.VERSION + ").";
            return sameMinor ? Check.warning(Checks.OPERATOR, OPERATOR, why + "\n" + evidence, fix)
                    : Check.failed(Checks.OPERATOR, OPERATOR, why + "\n" + evidence, fix);
        }
        if (!status.ready()) {
            return Check.failed(Checks.OPERATOR, OPERATOR, evidence.toString(),
                    "Look at the pods in namespace gefyra (kubectl -n gefyra get pods; kubectl -n gefyra describe pod …): "
                            + "an image that cannot be pulled or a crash shows there.");
        }
        if (!warnings.isEmpty()) {
            return Check.warning(Checks.OPERATOR, OPERATOR, evidence.toString(), "Read the event: " + warnings.getFirst() + ".");
        }
        return Check.ok(Checks.OPERATOR, OPERATOR, "Gefyra " + (version == null ? "(version unknown)" : version) + "; " + evidence);
    }

    private static String event(GefyraCluster.EventInfo e) {
        return (e.time() == null ? "" : Instant.ofEpochSecond(e.time().getEpochSecond()) + " ") + e.type() + " " + e.reason()
                + " " + e.object() + (e.message() == null || e.message().isBlank() ? "" : ": " + abbreviate(e.message(), 120));
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static String minor(String version) {
        String[] f = version.split("\\.");
        return f.length >= 2 ? f[0] + "." + f[1] : version;
    }

    static Check proxy(String proxyUrl, boolean apiAnswered) {
        if (proxyUrl == null || proxyUrl.isBlank()) {
            return Check.ok(Checks.PROXY, PROXY, "no proxy-url for this context: Ponte talks to the API server directly"
                    + " (Cargo's WireGuard never goes through a proxy)");
        }
        String scheme = proxyUrl.contains("://") ? proxyUrl.substring(0, proxyUrl.indexOf("://")).toLowerCase(java.util.Locale.ROOT) : "http";
        if (!scheme.equals("http")) {
            return Check.failed(Checks.PROXY, PROXY, "proxy-url " + proxyUrl + ": Ponte's API client (the JDK's HTTP client) "
                            + "only speaks to HTTP proxies, not " + scheme,
                    "Use an http:// proxy in the kubeconfig (or a local HTTP-to-" + scheme + " bridge), then check again.");
        }
        return apiAnswered
                ? Check.ok(Checks.PROXY, PROXY, "proxy-url " + proxyUrl + " is honoured: the API server answered through it"
                        + " (Cargo's WireGuard traffic is UDP and never goes through it)")
                : Check.failed(Checks.PROXY, PROXY, "proxy-url " + proxyUrl + " is used, and the API server did not answer through it",
                        "Check that the proxy runs and lets Ponte through to the API server.");
    }

    static Check nodes(Map<String, String> nodes) {
        if (nodes.isEmpty()) {
            return Check.notChecked(Checks.NODES, NODES, "the cluster lists no nodes (or hides them from your user)");
        }
        Map<String, List<String>> byArch = nodes.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                java.util.TreeMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        String evidence = nodes.size() + " node" + (nodes.size() == 1 ? "" : "s") + ": " + byArch.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey() + (e.getKey().equals("amd64") ? "" : " (" + String.join(", ", e.getValue()) + ")"))
                .collect(Collectors.joining(", "));
        if (!byArch.containsKey("amd64")) {
            return Check.failed(Checks.NODES, NODES, evidence, "Carrier2 is published for amd64 only: bridging fails on this "
                    + "cluster (Run still works). Add an amd64 node pool to bridge workloads.");
        }
        if (byArch.size() > 1) {
            return Check.warning(Checks.NODES, NODES, evidence, "A bridged workload's pods must run on amd64 nodes (a "
                    + "nodeSelector kubernetes.io/arch: amd64); on the others Carrier2 cannot start.");
        }
        return Check.ok(Checks.NODES, NODES, evidence);
    }
}
