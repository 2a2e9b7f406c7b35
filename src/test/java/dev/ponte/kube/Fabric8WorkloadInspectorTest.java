package dev.ponte.kube;

import static dev.ponte.kube.WorkloadFixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.port.WorkloadInspector.EnvResolution;
import dev.ponte.core.port.WorkloadInspector.Port;
import dev.ponte.core.port.WorkloadInspector.WorkloadDetail;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.devtools.MockCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** describe and environment against fabric8's mock API server (CRUD mode, exec answered by a request hook). */
class Fabric8WorkloadInspectorTest {
    private static final String NS = "payments";
    private static final String API_KEY = "s3cr3t-api-key";
    private static final String DB_PASSWORD = "hunter2-db-password";
    private static final String SUCCESS = "{\"metadata\":{},\"status\":\"Success\"}";

    private MockCluster cluster;
    private WorkloadFixtures fx;
    private Fabric8WorkloadInspector inspector;
    /** Commands of the exec requests the hook saw, e.g. "busybox env"; and the container they named. */
    private final List<String> execs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        fx = new WorkloadFixtures(cluster.client(), NS);
        inspector = new Fabric8WorkloadInspector(cluster.client(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    // ---------------------------------------------------------------------------------------------------------
    // describe

    @Test
    void describeReadsPortsProbesResourcesAndCountsOnlyTheWorkloadsPods() {
        Container api = new ContainerBuilder().withName("api").withImage("ghcr.io/acme/api:1.4")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort()
                .withNewLivenessProbe().withNewHttpGet().withPath("/health").withNewPort(8080).endHttpGet()
                .endLivenessProbe()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().endReadinessProbe()
                .withNewResources()
                .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("256Mi"))
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                .endResources()
                .build();
        Container sidecar = new ContainerBuilder().withName("sidecar").withImage("busybox:1.36")
                .withNewStartupProbe().withNewExec().withCommand("true").endExec().endStartupProbe()
                .withNewResources()
                .addToRequests("cpu", new Quantity("1.5")).addToRequests("memory", new Quantity("64M"))
                .endResources()
                .build();
        Deployment d = fx.deployment("api", 3, 3, 3, api, sidecar);
        ReplicaSet rs = fx.replicaSet(d, "7d9f", "Deployment");
        List<String> both = List.of("api", "sidecar");
        fx.pod("api-7d9f-aaaaa", rs, "ReplicaSet", rs.getMetadata().getLabels(), "Running", "10.244.0.5", both, true);
        fx.pod("api-7d9f-bbbbb", rs, "ReplicaSet", rs.getMetadata().getLabels(), "Running", "10.244.0.6", both, true);
        fx.pod("api-7d9f-ccccc", rs, "ReplicaSet", rs.getMetadata().getLabels(), "Running", "10.244.0.7", both, false);
        // same labels, but another Deployment's ReplicaSet owns it: upstream's owner check leaves it out
        Deployment other = fx.deployment("other", 1, 1, 1, container("o", "o"));
        ReplicaSet otherRs = fx.replicaSet(other, "1234", "Deployment");
        fx.pod("impostor", otherRs, "ReplicaSet", Map.of("app", "api", "pod-template-hash", "x"), "Running",
                "10.244.0.8", List.of("api"), true);

        WorkloadDetail detail = inspector.describe(NS, WorkloadKind.DEPLOYMENT, "api");

        assertEquals(List.of(
                new ContainerDetail("api", "ghcr.io/acme/api:1.4",
                        List.of(new Port("http", 8080, "TCP"), new Port("dns", 53, "UDP")),
                        List.of("httpGet", "tcpSocket"), 500_000_000L, 268_435_456L),
                new ContainerDetail("sidecar", "busybox:1.36", List.of(), List.of("exec"), 1_500_000_000L,
                        64_000_000L)), detail.containers());
        assertFalse(detail.containers().getFirst().probesCompatible(), "tcpSocket probe: Carrier2 cannot answer it");
        assertEquals(3, detail.pods());
        assertEquals(2, detail.readyPods());
        assertFalse(detail.rolloutInProgress());
    }

    @Test
    void podsOfTwoReplicaSetsMeanARolloutEvenWhenTheStatusLooksDone() {
        Deployment d = fx.deployment("api", 2, 2, 2, container("api", "api:2"));
        ReplicaSet old = fx.replicaSet(d, "old11", "Deployment");
        ReplicaSet neu = fx.replicaSet(d, "new22", "Deployment");
        fx.pod("api-old11-a", old, "ReplicaSet", old.getMetadata().getLabels(), "Running", "10.0.0.1", List.of("api"), true);
        fx.pod("api-new22-a", neu, "ReplicaSet", neu.getMetadata().getLabels(), "Running", "10.0.0.2", List.of("api"), true);

        WorkloadDetail detail = inspector.describe(NS, WorkloadKind.DEPLOYMENT, "api");

        assertTrue(detail.rolloutInProgress());
        assertEquals(2, detail.pods());
    }

    @Test
    void aStatusWithFewerUpdatedReplicasMeansARollout() {
        cluster.client().apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("ledger").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "ledger").endSelector()
                .withTemplate(WorkloadFixtures.template(Map.of("app", "ledger"), container("db", "postgres:16")))
                .endSpec()
                .withNewStatus().withReplicas(3).withUpdatedReplicas(1).withReadyReplicas(3).endStatus()
                .build()).create();
        Deployment d = fx.deployment("api", 3, 2, 3, container("api", "api:2"));
        fx.replicaSet(d, "7d9f", "Deployment");

        assertTrue(inspector.describe(NS, WorkloadKind.STATEFUL_SET, "ledger").rolloutInProgress());
        assertTrue(inspector.describe(NS, WorkloadKind.DEPLOYMENT, "api").rolloutInProgress());
        assertEquals(0, inspector.describe(NS, WorkloadKind.DEPLOYMENT, "api").pods());
    }

    @Test
    void daemonSetPodsFromTwoRevisionsMeanARollout() {
        DaemonSet ds = cluster.client().apps().daemonSets().inNamespace(NS).resource(new DaemonSetBuilder()
                .withNewMetadata().withName("agent").withNamespace(NS).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withTemplate(WorkloadFixtures.template(Map.of("app", "agent"), container("agent", "agent:1")))
                .endSpec()
                .withNewStatus().withDesiredNumberScheduled(2).withUpdatedNumberScheduled(2).withNumberReady(2)
                .withCurrentNumberScheduled(2).withNumberMisscheduled(0).endStatus()
                .build()).create();
        fx.pod("agent-a", ds, "DaemonSet", Map.of("app", "agent", "controller-revision-hash", "r1"), "Running",
                "10.0.0.1", List.of("agent"), true);
        fx.pod("agent-b", ds, "DaemonSet", Map.of("app", "agent", "controller-revision-hash", "r1"), "Running",
                "10.0.0.2", List.of("agent"), true);

        WorkloadDetail same = inspector.describe(NS, WorkloadKind.DAEMON_SET, "agent");
        assertEquals(2, same.readyPods());
        assertFalse(same.rolloutInProgress());

        fx.pod("agent-c", ds, "DaemonSet", Map.of("app", "agent", "controller-revision-hash", "r2"), "Pending",
                null, List.of("agent"), false);
        WorkloadDetail mixed = inspector.describe(NS, WorkloadKind.DAEMON_SET, "agent");
        assertEquals(3, mixed.pods());
        assertEquals(2, mixed.readyPods());
        assertTrue(mixed.rolloutInProgress());
    }

    @Test
    void aMissingWorkloadIsA404() {
        ApiStatusException d = assertThrows(ApiStatusException.class,
                () -> inspector.describe(NS, WorkloadKind.DEPLOYMENT, "nope"));
        assertEquals(404, d.status());
        ApiStatusException e = assertThrows(ApiStatusException.class,
                () -> inspector.environment(NS, WorkloadKind.STATEFUL_SET, "nope", null, new CancellationToken()));
        assertEquals(404, e.status());
    }

    // ---------------------------------------------------------------------------------------------------------
    // environment from the pod template

    /** The app container of the env tests: every kind of source Kubernetes offers. */
    private static Container envContainer() {
        return new ContainerBuilder().withName("api").withImage("ghcr.io/acme/payments-api:3.1")
                .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("settings").endConfigMapRef()
                .endEnvFrom()
                .addNewEnvFrom().withNewSecretRef().withName("api-keys").endSecretRef().endEnvFrom()
                .addNewEnv().withName("PLAIN").withValue("hello").endEnv()
                .addNewEnv().withName("CFG_OVERRIDDEN").withValue("from-env").endEnv()
                .addNewEnv().withName("LOG_LEVEL").withNewValueFrom().withNewConfigMapKeyRef()
                .withName("settings").withKey("log-level").endConfigMapKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("DB_USER").withNewValueFrom().withNewSecretKeyRef()
                .withName("db-user").withKey("user").endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName("db-creds").withKey("password").endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("FEATURE").withNewValueFrom().withNewSecretKeyRef()
                .withName("feature-flags").withKey("beta").withOptional(true).endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("REQUIRED").withNewValueFrom().withNewConfigMapKeyRef()
                .withName("settings").withKey("nope").endConfigMapKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_NS").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef()
                .withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("MEM_MB").withNewValueFrom().withNewResourceFieldRef()
                .withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef().endValueFrom()
                .endEnv()
                .addNewEnv().withName("CPU_MILLIS").withNewValueFrom().withNewResourceFieldRef()
                .withResource("requests.cpu").withDivisor(new Quantity("1m")).endResourceFieldRef().endValueFrom()
                .endEnv()
                .addNewEnv().withName("URL").withValue("http://$(DB_USER)@db:5432/$(CFG_MODE)?x=$$(KEEP)").endEnv()
                .addNewEnv().withName("DSN").withValue("postgres://app:$(DB_PASSWORD)@db").endEnv()
                .withNewResources().addToLimits("memory", new Quantity("256Mi"))
                .addToRequests("cpu", new Quantity("250m")).endResources()
                .build();
    }

    private void seedEnvSources() {
        var client = cluster.client();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").endMetadata()
                .addToData("MODE", "live").addToData("OVERRIDDEN", "from-envFrom").addToData("log-level", "debug")
                .build()).create();
        client.secrets().inNamespace(NS).resource(new SecretBuilder()
                .withNewMetadata().withName("api-keys").endMetadata()
                .addToData("API_KEY", b64(API_KEY)).build()).create();
        client.secrets().inNamespace(NS).resource(new SecretBuilder()
                .withNewMetadata().withName("db-user").endMetadata()
                .addToData("user", b64("payments")).build()).create();
        // exists, but this user may not read it
        client.secrets().inNamespace(NS).resource(new SecretBuilder()
                .withNewMetadata().withName("db-creds").endMetadata()
                .addToData("password", b64(DB_PASSWORD)).build()).create();
        cluster.server().expect().get().withPath("/api/v1/namespaces/" + NS + "/secrets/db-creds")
                .andReturn(403, forbidden("secrets", "db-creds")).always();
    }

    @Test
    void withoutPodsTheTemplateIsResolvedAndEachUnreadableValueIsNamed() {
        seedEnvSources();
        fx.deployment("payments-api", 0, 0, 0, envContainer());

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "payments-api", "api",
                new CancellationToken());

        assertEquals("pod template of deployment/payments-api (the workload has no pods)", env.source());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("CFG_MODE", "live");
        expected.put("CFG_OVERRIDDEN", "from-env");
        expected.put("CFG_log-level", "debug");
        expected.put("API_KEY", API_KEY);
        expected.put("PLAIN", "hello");
        expected.put("LOG_LEVEL", "debug");
        expected.put("DB_USER", "payments");
        expected.put("POD_NS", NS);
        expected.put("MEM_MB", "256");
        expected.put("CPU_MILLIS", "250");
        expected.put("URL", "http://payments@db:5432/live?x=$(KEEP)");
        expected.put("DSN", "postgres://app:$(DB_PASSWORD)@db");
        assertEquals(expected, env.values());
        assertEquals(List.of(
                "DB_PASSWORD: Secret payments/db-creds could not be read (403 Forbidden: your user may not get secrets"
                        + " in payments) — add it by hand",
                "REQUIRED: ConfigMap payments/settings has no key \"nope\" (the pods cannot start without it either)"
                        + " — add it by hand",
                "POD_NAME: metadata.name is known only for a running pod, and the workload has none — set it by hand",
                "POD_IP: status.podIP is known only for a running pod, and the workload has none — set it by hand",
                "DSN: refers to $(DB_PASSWORD), which could not be read — add it by hand"), env.problems());
        assertFalse(env.values().containsKey("FEATURE"), "an optional ref that is missing is skipped");
        assertTrue(execs.isEmpty());
        String everythingButValues = env.source() + env.problems();
        assertFalse(everythingButValues.contains(API_KEY) || everythingButValues.contains(DB_PASSWORD));
        assertFalse(String.valueOf(env.values()).contains(DB_PASSWORD));
    }

    @Test
    void aForbiddenEnvFromSecretIsOneProblemAndTheRestResolves() {
        seedEnvSources();
        Container c = new ContainerBuilder().withName("api").withImage("api")
                .addNewEnvFrom().withPrefix("DB_").withNewSecretRef().withName("db-creds").endSecretRef().endEnvFrom()
                .addNewEnvFrom().withNewSecretRef().withName("absent").withOptional(true).endSecretRef().endEnvFrom()
                .addNewEnvFrom().withNewConfigMapRef().withName("settings").endConfigMapRef().endEnvFrom()
                .build();
        fx.deployment("api", 0, 0, 0, c);

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", null, new CancellationToken());

        assertEquals(Map.of("MODE", "live", "OVERRIDDEN", "from-envFrom", "log-level", "debug"), env.values());
        assertEquals(List.of("envFrom Secret payments/db-creds (prefix DB_): could not be read (403 Forbidden: your user"
                + " may not get secrets in payments) — its variables are missing; add them by hand"), env.problems());
    }

    @Test
    void aPodThatIsNotReadyIsNotExecdIntoButGivesItsFields() {
        Deployment d = fx.deployment("api", 1, 1, 1, new ContainerBuilder(container("api", "api:1"))
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv().build());
        ReplicaSet rs = fx.replicaSet(d, "7d9f", "Deployment");
        fx.pod("api-7d9f-x2k", rs, "ReplicaSet", rs.getMetadata().getLabels(), "Running", "10.244.0.7",
                List.of("api"), false);
        answerExec(cmd -> execAnswer("SHOULD_NOT=be-read\n", SUCCESS));

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "api", new CancellationToken());

        assertEquals("pod template of deployment/api (no pod ready to exec into)", env.source());
        assertEquals(Map.of("POD_NAME", "api-7d9f-x2k"), env.values());
        assertEquals(List.of(), execs);
        assertEquals(0, inspector.describe(NS, WorkloadKind.DEPLOYMENT, "api").readyPods());
    }

    // ---------------------------------------------------------------------------------------------------------
    // environment through exec

    /** A Deployment "api" with one Ready pod api-7d9f-x2k (IP 10.244.0.7); its template sets PLAIN and pod fields. */
    private void readyApi() {
        Container c = new ContainerBuilder().withName("api").withImage("api:1")
                .addNewEnv().withName("PLAIN").withValue("hello").endEnv()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .build();
        Deployment d = fx.deployment("api", 1, 1, 1, container("sidecar", "envoy"), c);
        ReplicaSet rs = fx.replicaSet(d, "7d9f", "Deployment");
        fx.pod("api-7d9f-x2k", rs, "ReplicaSet", rs.getMetadata().getLabels(), "Running", "10.244.0.7",
                List.of("sidecar", "api"), true);
    }

    @Test
    void envInAReadyPodGivesItsEnvironmentWithMultiLineValues() {
        readyApi();
        answerExec(cmd -> execAnswer("PATH=/usr/bin:/bin\nHOSTNAME=api-7d9f-x2k\nTLS_KEY=-----BEGIN KEY-----\nMIIB+/x\n"
                + "-----END KEY-----\nEQ=a=b\nEMPTY=\n", SUCCESS));

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "api", new CancellationToken());

        assertEquals("env in pod api-7d9f-x2k, container api", env.source());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("PATH", "/usr/bin:/bin");
        expected.put("HOSTNAME", "api-7d9f-x2k");
        expected.put("TLS_KEY", "-----BEGIN KEY-----\nMIIB+/x\n-----END KEY-----");
        expected.put("EQ", "a=b");
        expected.put("EMPTY", "");
        assertEquals(expected, env.values());
        assertEquals(List.of(), env.problems());
        assertEquals(List.of("env @api"), execs);
    }

    @Test
    void withoutAContainerNameTheFirstIsUsedAndAnUnknownNameIsExplained() {
        readyApi();
        answerExec(cmd -> execAnswer("ENVOY=1\n", SUCCESS));

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", null, new CancellationToken());
        assertEquals("env in pod api-7d9f-x2k, container sidecar", env.source());
        assertEquals(List.of("env @sidecar"), execs);

        PonteException e = assertThrows(PonteException.class,
                () -> inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "web", new CancellationToken()));
        assertEquals(Problem.Kind.NOT_FOUND, e.problem().kind());
        assertEquals("The pod template of deployment/api in payments has the containers sidecar, api.",
                e.problem().detail());
    }

    @Test
    void whenEnvCannotRunBusyboxEnvIsTried() {
        readyApi();
        String notFound = "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"OCI runtime exec failed: exec: \\\"env\\\":"
                + " executable file not found in $PATH: unknown\",\"reason\":\"InternalError\",\"code\":500}";
        answerExec(cmd -> cmd.equals("env") ? execAnswer("", notFound) : execAnswer("A=1\n", SUCCESS));

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "api", new CancellationToken());

        assertEquals("busybox env in pod api-7d9f-x2k, container api", env.source());
        assertEquals(Map.of("A", "1"), env.values());
        assertEquals(List.of("env @api", "busybox env @api"), execs);
    }

    @Test
    void aForbiddenExecFallsBackToTheTemplateWithThePodsFields() {
        readyApi();
        answerExec(cmd -> new MockResponse().setResponseCode(403).setBody(forbidden("pods/exec", "api-7d9f-x2k")));

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "api", new CancellationToken());

        assertEquals("pod template of deployment/api (exec into pod api-7d9f-x2k failed: your user may not exec into"
                + " pods here (403 Forbidden on pods/exec))", env.source());
        assertEquals(Map.of("PLAIN", "hello", "POD_NAME", "api-7d9f-x2k", "POD_IP", "10.244.0.7"), env.values());
        assertEquals(List.of(), env.problems());
        assertEquals(List.of("env @api"), execs, "a refusal is not retried with busybox");
    }

    @Test
    void anExecThatNeverAnswersTimesOutAndFallsBack() {
        readyApi();
        inspector = new Fabric8WorkloadInspector(cluster.client(), Duration.ofSeconds(1));
        answerExec(cmd -> execAnswer(null, null));

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "api", new CancellationToken());

        assertEquals("pod template of deployment/api (exec into pod api-7d9f-x2k failed: env did not finish within 1 s)",
                env.source());
        assertEquals("hello", env.values().get("PLAIN"));
        assertEquals(List.of("env @api"), execs);
    }

    @Test
    void cancelEndsAHangingExecAtOnce() throws Exception {
        readyApi();
        CountDownLatch execStarted = new CountDownLatch(1);
        answerExec(cmd -> {
            execStarted.countDown();
            return execAnswer(null, null);
        });
        CancellationToken cancel = new CancellationToken();

        CompletableFuture<EnvResolution> call = CompletableFuture.supplyAsync(
                () -> inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "api", cancel));
        assertTrue(execStarted.await(10, TimeUnit.SECONDS), "the exec request reached the server");
        cancel.cancel();

        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(3, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, e.getCause());
    }

    @Test
    void anEnvironmentOverTheLimitIsCutAtALineEndWithAProblemThatSaysSo() {
        readyApi();
        StringBuilder huge = new StringBuilder();
        int i = 0;
        while (huge.length() < PodExec.OUTPUT_LIMIT + 200_000) {
            huge.append("VAR_").append(i++).append('=').append("x".repeat(1000)).append('\n');
        }
        int total = i;
        answerExec(cmd -> execAnswerInFrames(huge.toString(), SUCCESS, 64 * 1024));

        EnvResolution env = inspector.environment(NS, WorkloadKind.DEPLOYMENT, "api", "api", new CancellationToken());

        assertEquals("env in pod api-7d9f-x2k, container api", env.source());
        int kept = env.values().size();
        assertTrue(kept > 1000 && kept < total, kept + " of " + total);
        assertEquals("x".repeat(1000), env.values().get("VAR_" + (kept - 1)), "the last variable kept is whole");
        assertEquals(1, env.problems().size());
        String problem = env.problems().getFirst();
        assertTrue(problem.startsWith("the environment is larger than Ponte reads (1 MiB): the first " + kept
                + " variables were copied, the rest ("), problem);
        assertTrue(problem.endsWith("bytes) was left out; set the missing ones by hand"), problem);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** Answers every exec request with {@code answer(command)}, recording "command @container". */
    private void answerExec(Function<String, MockResponse> answer) {
        cluster.setRequestHook(request -> {
            String path = request.getPath();
            int q = path.indexOf('?');
            if (q < 0 || !path.substring(0, q).endsWith("/exec")) {
                return null;
            }
            List<String> command = new ArrayList<>();
            String container = "";
            for (String param : path.substring(q + 1).split("&")) {
                String[] kv = param.split("=", 2);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                if (kv[0].equals("command")) {
                    command.add(value);
                } else if (kv[0].equals("container")) {
                    container = value;
                }
            }
            String cmd = String.join(" ", command);
            execs.add(cmd + " @" + container);
            return answer.apply(cmd);
        });
    }

    /**
     * An exec websocket that sends {@code stdout} on channel 1 and {@code status} on channel 3 (the v4 channel
     * protocol), as the API server relays the kubelet's answer; with null for both it stays silent.
     */
    private static MockResponse execAnswer(String stdout, String status) {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                if (stdout != null && !stdout.isEmpty()) {
                    ws.send(frame(1, stdout));
                }
                if (status != null) {
                    ws.send(frame(3, status));
                }
            }
        });
    }

    /** Like {@link #execAnswer} with stdout sent in frames of {@code frameBytes}. */
    private static MockResponse execAnswerInFrames(String stdout, String status, int frameBytes) {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                for (int from = 0; from < stdout.length(); from += frameBytes) {
                    ws.send(frame(1, stdout.substring(from, Math.min(stdout.length(), from + frameBytes))));
                }
                ws.send(frame(3, status));
            }
        });
    }

    private static byte[] frame(int channel, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 1];
        frame[0] = (byte) channel;
        System.arraycopy(body, 0, frame, 1, body.length);
        return frame;
    }

    private static String forbidden(String resource, String name) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + resource + " \\\"" + name + "\\\" is forbidden: User \\\"dev\\\" cannot get resource \\\"" + resource
                + "\\\" in API group \\\"\\\" in the namespace \\\"" + NS + "\\\"\",\"reason\":\"Forbidden\",\"code\":403}";
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
