package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.FaultWorld.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import dev.ponte.app.SettingsStore;
import dev.ponte.app.logs.LogFolder;
import dev.ponte.app.logs.OwnerOnlyFileAppender;
import dev.ponte.app.logs.RedactingEncoder;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.status.StatusFeed;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.StepEvent;
import dev.ponte.kube.KubeconfigLoader;
import dev.ponte.kube.gefyra.FaultWorld.Machine;
import dev.ponte.kube.logs.KubeLogs;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.ui.bridge.BridgeWizardViewModel;
import dev.ponte.ui.bridge.MatchItem;
import dev.ponte.ui.clusters.ContextsViewModel;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.run.RunDialogViewModel;
import dev.ponte.ui.tray.NotificationPolicy;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Known secrets through a whole session, then a search for them everywhere Ponte writes words: a kubeconfig token
 * and client key, the WireGuard private and preshared keys the operator hands out, a Secret value copied into a
 * container with env-from, and a password typed into the Run dialog. The session: a Connect that fails (and its Copy
 * diagnostics), Connect, Run with env from the workload and the typed password, Bridge (and the wizard's Copy
 * details), the workload's logs, the kubeconfig problems' Copy, Disconnect, settings saved. Searched: every log line
 * as Ponte's file appender writes it (DEBUG on for Ponte's own loggers), every problem, headline, step detail and
 * result the window shows, every copy, every notification, the settings and the journal. Also: every file Ponte
 * wrote (logs, settings, journal, ~/.gefyra, the private folder) is owner-only. Prints
 * {@code FIGURE secret scan: …, hits: 0}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SecretScanTest {
    private static final String HEX = HexFormat.of().formatHex(java.util.UUID.randomUUID().toString().getBytes()).substring(0, 24);
    private static final String TOKEN = "pontescan-token-" + HEX;
    private static final String SECRET_VALUE = "pontescan-secret-value-" + HEX;
    private static final String TYPED_PASSWORD = "pontescan-typed-password-" + HEX;

    @TempDir
    Path root;

    private final List<String> shown = new CopyOnWriteArrayList<>();

    @Test
    void noSecretReachesALogLineAMessageACopyANotificationTheSettingsOrTheJournal() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair pair = g.generateKeyPair();
        String clientKey = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        String clientKeyData = Base64.getEncoder().encodeToString(clientKey.getBytes(StandardCharsets.US_ASCII));
        String clientCert = Base64.getEncoder().encodeToString(pem("CERTIFICATE", certificate(pair)).getBytes(StandardCharsets.US_ASCII));
        Path logs = LogFolder.prepare(root.resolve("logs"));
        OwnerOnlyFileAppender appender = fileAppender(logs);
        Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ponte = (Logger) LoggerFactory.getLogger("dev.ponte");
        Level before = ponte.getLevel();
        ponte.setLevel(Level.DEBUG);
        rootLogger.addAppender(appender);
        ExecutorService pool = Executors.newCachedThreadPool();
        Map<String, String> secrets = new LinkedHashMap<>();
        try (FaultWorld world = new FaultWorld(root.resolve("world"), (url, context) -> kubeconfig(url, context, clientKeyData, clientCert));
             Machine m = world.machine("scan")) {
            workloadWithASecret(world);
            StatusBoard board = new StatusBoard();
            StatusFeed feed = new StatusFeed(board, Clock.systemUTC());
            NotificationPolicy notifications = new NotificationPolicy(() -> true);
            board.onEvent(e -> notifications.toNotification(e).ifPresent(n -> shown.add("notification: " + n.title() + " " + n.text())));
            m.service.subscribe(feed::connections);
            m.service.subscribe(all -> all.connections().forEach(this::record));
            LocalService local = new LocalService(m.runs, new ExecutorLauncher(pool), pool);
            m.service.subscribe(local::connectionsChanged);
            local.subscribe(feed::local);
            local.subscribe(states -> states.values().forEach(s -> {
                shown.add("local: " + s.message() + " " + s.stale() + " " + (s.problem() == null ? "" : s.problem().describe()));
            }));

            // 1. A Connect that fails, and what Copy diagnostics copies.
            world.armed = null;
            m.service.show(CONTEXT);
            armOnce(world, m, "Register this machine", FaultWorld.Fault.API_403);
            m.service.connect(CONTEXT);
            m.settle();
            world.armed = null;
            ConnectionSnapshot failed = m.snapshot();
            assertNotNull(failed.problem(), "the first Connect fails");
            shown.add("copy diagnostics: " + failed.diagnostics());

            // 2. Connect; the operator hands out the WireGuard keys.
            m.connect();
            assertTrue(m.snapshot().state().isUp(), m.snapshot().headline() + "\n" + m.snapshot().diagnostics());
            GefyraClient client = world.admin.client(m.snapshot().clientId()).orElseThrow();
            secrets.put("WireGuard private key", client.providerConfig().get("Interface.PrivateKey"));
            secrets.put("WireGuard preshared key", client.providerConfig().get("Peer.PresharedKey"));
            secrets.put("kubeconfig token", TOKEN);
            clientKey.lines().filter(l -> !l.startsWith("-----")).forEach(l -> secrets.put("client key (" + l.substring(0, 6) + "…)", l));
            secrets.put("client-key-data", clientKeyData.substring(0, 48));
            secrets.put("Secret value", SECRET_VALUE);
            secrets.put("typed password", TYPED_PASSWORD);

            // 3. Run, with the environment of the workload (a Secret) and a typed password.
            RunDialogViewModel run = new RunDialogViewModel(m.runs, new DirectTaskRunner(), Runnable::run, m.connection(), java.util.Set.of());
            run.image.set("acme/api:dev");
            run.name.set(FaultWorld.APP);
            run.namespace.set("shop");
            run.envFrom.set(new RunDialogViewModel.EnvSource("shop", WorkloadKind.DEPLOYMENT, "api", "web"));
            run.env().add(new RunDialogViewModel.EnvRow("API_PASSWORD", TYPED_PASSWORD));
            run.run();
            assertNotNull(run.resultProperty().get(), "Run: " + run.problemProperty().get());
            shown.add("run result: " + run.resultProperty().get());
            shown.add("run note: " + run.noteProperty().get());
            run.steps().forEach(s -> shown.add("run step: " + s));
            Map<String, String> env;
            synchronized (m.engine) {
                env = m.engine.runSpecs.get(FaultWorld.APP).env();
            }
            assertEquals(SECRET_VALUE, env.get("DB_PASSWORD"), "the Secret's value was copied (so it was in play): " + run.resultProperty().get() + " " + env.keySet());
            assertEquals(TYPED_PASSWORD, env.get("API_PASSWORD"));

            // 4. Bridge through the wizard, and what its Copy details copies.
            BridgeWizardViewModel wizard = new BridgeWizardViewModel(m.bridges(), new DirectTaskRunner(), Runnable::run,
                    p -> CompletableFuture.completedFuture(Optional.empty()), "shop", WorkloadKind.DEPLOYMENT, "api");
            wizard.load();
            wizard.next();
            wizard.next();
            wizard.next();
            MatchItem match = wizard.rules().sets().getFirst().matches().getFirst();
            match.name.set("x-user");
            match.value.set("alice");
            wizard.next();
            wizard.bridge();
            assertEquals(BridgeWizardViewModel.Outcome.ACTIVE, wizard.outcomeProperty().get(), String.valueOf(wizard.problemProperty().get()));
            shown.add("copy details: " + wizard.details());
            shown.add("copy curl: " + wizard.rules().curlProperty().get());
            shown.add("bridge result: " + wizard.resultProperty().get());

            // 5. The workload's logs (whatever the mock answers: Ponte's own lines about it are what is searched).
            readLogs(world);

            // 6. The kubeconfig problems' Copy, with a broken user that holds the token.
            Path broken = Files.writeString(root.resolve("broken.yaml"), "users:\n- name: leaky\n  user: {token: " + TOKEN
                    + ", client-certificate: /nowhere/leaky.crt}\ncontexts:\n- name: leaky\n  context: {cluster: mock, user: leaky}\n");
            UiSettings settings = new UiSettings();
            ContextsViewModel contexts = new ContextsViewModel(new KubeconfigLoader(Map.of("KUBECONFIG",
                    world.root.resolve("kube/config").toString()), root.resolve("home")), new DirectTaskRunner(), settings);
            contexts.addKubeconfigFile(broken);
            assertTrue(!contexts.problems().isEmpty(), "the broken file is reported");
            shown.add("copy problems: " + contexts.problemsText());

            // 7. Disconnect (bridges and mounts go with it), then save the settings as the app does on exit.
            m.disconnect(false);
            assertEquals(ConnectionState.NOT_CONNECTED, m.snapshot().state(), String.valueOf(m.snapshot().problem()));
            settings.lastContext = CONTEXT;
            settings.lastNamespace.put(CONTEXT, "shop");
            settings.engineEndpoint = FaultWorld.ENDPOINT;
            new SettingsStore(m.home.resolve("config/settings.json")).save(settings);
            local.close();

            // The search.
            appender.stop();
            Map<String, String> places = new LinkedHashMap<>();
            places.put("log file", read(logs.resolve("ponte.log")));
            places.put("settings.json", read(m.home.resolve("config/settings.json")));
            places.put("journal.json", read(m.home.resolve("state/journal.json")));
            places.put("what the window showed and copied", String.join("\n", shown));
            List<String> hits = new ArrayList<>();
            secrets.forEach((what, value) -> places.forEach((where, text) -> {
                if (value != null && text.contains(value)) {
                    hits.add(what + " in " + where + ": …" + around(text, value) + "…");
                }
            }));
            long logLines = places.get("log file").lines().count();
            String figure = "FIGURE secret scan: " + secrets.size() + " secrets, " + logLines + " log lines, " + shown.size()
                    + " texts shown or copied, settings and journal; hits: " + hits.size();
            System.out.println(figure);
            LoggerFactory.getLogger(SecretScanTest.class).info(figure);
            assertTrue(logLines > 100, "the session logged (" + logLines + " lines)");
            assertEquals(List.of(), hits);

            // Every file Ponte wrote is owner-only.
            List<String> open = new ArrayList<>();
            for (Path dir : List.of(logs, m.home, world.root.resolve("private"))) {
                open.addAll(notOwnerOnly(dir));
            }
            assertEquals(List.of(), open, "files and folders others may read");
        } finally {
            rootLogger.detachAppender(appender);
            appender.stop();
            ponte.setLevel(before);
            pool.shutdownNow();
        }
    }

    private void record(ConnectionSnapshot s) {
        shown.add("connection: " + s.headline() + " | " + s.result() + " | " + (s.problem() == null ? "" : s.problem().describe())
                + " | " + s.diagnostics() + " | " + (s.leftovers() == null ? "" : s.leftovers().summary()));
        for (StepEvent e : s.steps()) {
            shown.add("step: " + e.name() + " " + e.state() + " " + e.detail());
        }
    }

    /** Arms {@code fault} once, when the connection's {@code step} starts (as the fault matrix does). */
    private static void armOnce(FaultWorld world, Machine m, String step, FaultWorld.Fault fault) {
        boolean[] done = {false};
        var sub = new dev.ponte.core.port.Subscription[1];
        sub[0] = m.service.subscribe(all -> all.of(CONTEXT).ifPresent(c -> c.steps().forEach(e -> {
            if (e.name().equals(step) && e.state() == StepEvent.State.RUNNING && !done[0]) {
                done[0] = true;
                world.armed = fault;
            } else if (e.name().equals(step) && e.state() != StepEvent.State.RUNNING && e.state() != StepEvent.State.PENDING) {
                world.armed = null;
            }
        })));
    }

    private void readLogs(FaultWorld world) throws Exception {
        try (var session = world.clusters.open(CONTEXT)) {
            LogSource source = KubeLogs.of(session).workload(new Workload(WorkloadKind.DEPLOYMENT, "shop", "api", 2, 2,
                    List.of("api:1"), Instant.now(), Map.of("app", "api")));
            shown.add("logs title: " + source.title());
            for (String part : source.parts()) {
                CountDownLatch ended = new CountDownLatch(1);
                source.open(part, new LogRequest(null, false, false, 100, null, null), new LogListener() {
                    @Override
                    public void onLines(List<String> lines) {
                    }

                    @Override
                    public void onEnd() {
                        ended.countDown();
                    }

                    @Override
                    public void onError(Throwable error) {
                        shown.add("log stream error: " + dev.ponte.core.task.ErrorAdvice.explain(error, "the pod's logs").describe());
                        ended.countDown();
                    }
                });
                assertTrue(ended.await(20, TimeUnit.SECONDS), "the log stream of " + part + " ended");
            }
        }
    }

    private static void workloadWithASecret(FaultWorld world) {
        var k = world.cluster.client();
        k.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName("db-creds").withNamespace("shop")
                .endMetadata().addToData("password", Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes(StandardCharsets.UTF_8))).build()).create();
        var d = k.apps().deployments().inNamespace("shop").withName("api").get();
        k.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder(d).editSpec().editTemplate().editSpec()
                .editMatchingContainer(c -> c.getName().equals("web"))
                .addToEnv(new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "db-creds", false)
                        .endValueFrom().build())
                .endContainer().endSpec().endTemplate().endSpec().build()).update();
    }

    private static String kubeconfig(String url, String context, String keyData, String certData) {
        return """
                apiVersion: v1
                kind: Config
                current-context: %2$s
                clusters:
                - name: mock
                  cluster: {server: "%1$s"}
                users:
                - name: dev
                  user:
                    token: %3$s
                    client-certificate-data: %5$s
                    client-key-data: %4$s
                contexts:
                - name: %2$s
                  context: {cluster: mock, user: dev, namespace: shop}
                """.formatted(url, context, TOKEN, keyData, certData);
    }

    private static OwnerOnlyFileAppender fileAppender(Path logs) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        OwnerOnlyFileAppender a = new OwnerOnlyFileAppender();
        a.setContext(ctx);
        a.setName("secret-scan");
        a.setFile(logs.resolve("ponte.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(a);
        rolling.setFileNamePattern(logs.resolve("ponte.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(ch.qos.logback.core.util.FileSize.valueOf("50MB"));
        trigger.start();
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        a.setRollingPolicy(rolling);
        a.setTriggeringPolicy(trigger);
        a.setEncoder(encoder);
        a.start();
        return a;
    }

    private static List<String> notOwnerOnly(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !Files.isSymbolicLink(p)).map(p -> {
                try {
                    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    boolean ok = Files.isDirectory(p) ? perms.equals("rwx------") : perms.equals("rw-------");
                    return ok ? null : p + " " + perms;
                } catch (IOException e) {
                    return p + " " + e;
                }
            }).filter(java.util.Objects::nonNull).toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String around(String text, String value) {
        int i = text.indexOf(value);
        return text.substring(Math.max(0, i - 60), Math.min(text.length(), i + value.length() + 20)).replace(value, "<SECRET>");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A client certificate for the key, made for this run (self-signed; the mock server does not check it). */
    private static byte[] certificate(java.security.KeyPair pair) throws Exception {
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=dev");
        var now = java.util.Date.from(Instant.now());
        var later = java.util.Date.from(Instant.now().plus(java.time.Duration.ofDays(1)));
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE, now, later,
                name, pair.getPublic());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        return builder.build(signer).getEncoded();
    }
}
