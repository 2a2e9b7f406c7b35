package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubeconfigLoaderTest {
    private static final String GOOD = """
            current-context: good
            clusters:
            - name: good-cluster
              cluster: {server: "https://good.example:6443"}
            contexts:
            - name: good
              context: {cluster: good-cluster, user: good-user}
            users:
            - name: good-user
              user: {token: good-token}
            """;

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    private KubeconfigLoader loaderFor(Path... kubeconfig) {
        String joined = Arrays.stream(kubeconfig).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return new KubeconfigLoader(Map.of("KUBECONFIG", joined), home());
    }

    /** A CA certificate (public, a test fixture). */
    private static String cert() throws IOException {
        try (var in = KubeconfigLoaderTest.class.getResourceAsStream("/fixtures/kubeconfig/ca.crt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** A private key made for this test run only. */
    private static String key() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static List<String> names(KubeconfigSnapshot snapshot) {
        return snapshot.contexts().stream().map(KubeContext::name).toList();
    }

    @Test
    void mergesKubeconfigFilesInOrderWithTheFirstDefinitionWinning() throws IOException {
        Path a = write("a.yaml", """
                clusters:
                - name: shared
                  cluster: {server: "https://a.example:6443"}
                contexts:
                - name: dev
                  context: {cluster: shared, user: alice, namespace: team-a}
                users:
                - name: alice
                  user: {token: token-from-a}
                """);
        Path b = write("b.yaml", """
                current-context: prod
                clusters:
                - name: shared
                  cluster: {server: "https://b.example:6443"}
                - name: other
                  cluster: {server: "https://other.example"}
                contexts:
                - name: dev
                  context: {cluster: other, user: bob}
                - name: prod
                  context: {cluster: shared, user: bob}
                users:
                - name: alice
                  user: {token: token-from-b}
                - name: bob
                  user: {token: token-bob}
                """);
        Path c = write("c.yaml", """
                current-context: staging
                contexts:
                - name: staging
                  context: {cluster: other, user: alice}
                """);
        KubeconfigLoader loader = loaderFor(a, b, c);

        KubeconfigSnapshot snapshot = loader.load(List.of());

        assertAll(
                () -> assertEquals(List.of(a, b, c), snapshot.files()),
                () -> assertEquals(List.of(), snapshot.problems()),
                () -> assertEquals(List.of("dev", "prod", "staging"), names(snapshot)),
                () -> assertEquals("prod", snapshot.currentContext()),
                () -> assertEquals(new KubeContext("dev", "shared", "alice", "team-a", "https://a.example:6443", a),
                        snapshot.context("dev").orElseThrow()),
                () -> assertEquals(new KubeContext("prod", "shared", "bob", null, "https://a.example:6443", b),
                        snapshot.context("prod").orElseThrow()),
                () -> assertEquals("https://other.example", snapshot.context("staging").orElseThrow().server()),
                () -> assertEquals(c, snapshot.context("staging").orElseThrow().sourceFile()));
        JsonNode staging = new YAMLMapper().readTree(loader.resolve("staging", List.of()).kubeconfigYaml());
        assertEquals("token-from-a", staging.at("/users/0/user/token").asText(), "first file's user 'alice' wins");
    }

    @ParameterizedTest(name = "KUBECONFIG=''{0}''")
    @ValueSource(strings = {"", "   "})
    void usesTheDefaultKubeconfigWhenKubeconfigIsUnsetOrBlank(String kubeconfigVar) throws IOException {
        Path config = write("home/.kube/config", GOOD);
        Map<String, String> env = kubeconfigVar.isEmpty() ? Map.of() : Map.of("KUBECONFIG", kubeconfigVar);

        KubeconfigSnapshot snapshot = new KubeconfigLoader(env, home()).load(List.of());

        assertEquals(List.of(config), snapshot.files());
        assertEquals(List.of("good"), names(snapshot));
        assertEquals("good", snapshot.currentContext());
    }

    @Test
    void noKubeconfigFileAtAllGivesAnEmptySnapshot() {
        KubeconfigSnapshot snapshot = new KubeconfigLoader(Map.of(), home()).load(List.of());

        assertTrue(snapshot.isEmpty());
        assertNull(snapshot.currentContext());
        assertEquals(List.of(home().resolve(".kube/config")), snapshot.files());
    }

    @Test
    void missingFilesListedInKubeconfigAreSkippedSilently() throws IOException {
        Path good = write("good.yaml", GOOD);

        KubeconfigSnapshot snapshot = loaderFor(tmp.resolve("gone.yaml"), good).load(List.of());

        assertEquals(List.of(), snapshot.problems());
        assertEquals(List.of("good"), names(snapshot));
    }

    @Test
    void kubeconfigEntriesDropEmptiesAndDuplicatesAndExtraFilesComeLast() throws IOException {
        Path a = write("a.yaml", GOOD);
        Path b = write("b.yaml", "{}");
        Path extra = write("extra.yaml", "{}");
        String sep = File.pathSeparator;
        KubeconfigLoader loader = new KubeconfigLoader(
                Map.of("KUBECONFIG", a + sep + sep + b + sep + a + sep), home());

        assertEquals(List.of(a, b, extra), loader.files(List.of(extra, b, extra)));
        assertEquals(List.of(a, b, extra), loader.load(List.of(extra, b)).files());
    }

    @Test
    void anExtraFileThatDoesNotExistIsAProblem() throws IOException {
        Path good = write("good.yaml", GOOD);
        Path gone = tmp.resolve("opened-then-deleted.yaml");

        KubeconfigSnapshot snapshot = loaderFor(good).load(List.of(gone));

        assertEquals(List.of(new KubeconfigProblem(gone, "does not exist")), snapshot.problems());
        assertEquals(List.of("good"), names(snapshot));
    }

    @Test
    void contextsOfExtraFilesAreMergedAfterTheStandardOnes() throws IOException {
        Path good = write("good.yaml", GOOD);
        Path extra = write("extra.yaml", GOOD.replace("good", "extra"));

        KubeconfigSnapshot snapshot = loaderFor(good).load(List.of(extra));

        assertEquals(List.of("good", "extra"), names(snapshot));
        assertEquals("good", snapshot.currentContext());
        assertEquals(extra, snapshot.context("extra").orElseThrow().sourceFile());
    }

    @Test
    void badYamlInOneFileIsReportedWithItsLineWhileTheOthersStillLoad() throws IOException {
        Path good = write("good.yaml", GOOD);
        Path bad = write("bad.yaml", """
                users:
                - name: broken
                  user: {token: s3cr3t-value: oops}
                """);

        KubeconfigSnapshot snapshot = loaderFor(bad, good).load(List.of());

        assertEquals(List.of("good"), names(snapshot));
        assertEquals(1, snapshot.problems().size(), snapshot.problems()::toString);
        KubeconfigProblem problem = snapshot.problems().getFirst();
        assertEquals(bad, problem.file());
        assertTrue(problem.message().startsWith("not valid YAML (line 3): "), problem.message());
        assertFalse(problem.message().contains("s3cr3t"), "a problem must not quote the file: " + problem.message());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [a, b]                          | is not a kubeconfig: the top level is a list, not a map
            just some text                  | is not a kubeconfig: the top level is a piece of text, not a map
            {kind: Deployment, spec: {}}    | is not a kubeconfig: its kind is 'Deployment', not 'Config'
            {foo: bar}                      | is not a kubeconfig: it has no clusters, contexts or users
            {contexts: oops}                | 'contexts' should be a list, but it is a piece of text; its contexts are ignored
            {contexts: [{context: {cluster: c, user: u}}]} | a context has no name (entry 1 of 'contexts'); it is ignored
            {users: [{name: u}, {name: u}]} | defines user 'u' more than once; the first one is used
            """)
    void aFileThatIsNotAUsableKubeconfigIsAProblemNamingIt(String content, String message) throws IOException {
        Path odd = write("odd.yaml", content);
        Path good = write("good.yaml", GOOD);

        KubeconfigSnapshot snapshot = loaderFor(odd, good).load(List.of());

        assertEquals(List.of(new KubeconfigProblem(odd, message)), snapshot.problems());
        assertEquals(List.of("good"), names(snapshot));
    }

    @Test
    void anEmptyFileIsAnEmptyKubeconfig() throws IOException {
        Path empty = write("empty.yaml", "");

        assertTrue(loaderFor(empty).load(List.of()).isEmpty());
    }

    @Test
    void anUnreadableFileIsAProblemWhileTheOthersStillLoad() throws IOException {
        Path directory = Files.createDirectories(tmp.resolve("config.d"));
        Path good = write("good.yaml", GOOD);

        KubeconfigSnapshot snapshot = loaderFor(directory, good).load(List.of());

        assertEquals(List.of(new KubeconfigProblem(directory, "cannot be read: it is a directory, not a file")),
                snapshot.problems());
        assertEquals(List.of("good"), names(snapshot));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing user    | {cluster: good-cluster, user: nobody} | context 'broken' refers to user 'nobody', which no kubeconfig file defines
            missing cluster | {cluster: nowhere, user: good-user}   | context 'broken' refers to cluster 'nowhere', which no kubeconfig file defines
            no user         | {cluster: good-cluster}               | context 'broken' does not name a user
            no cluster      | {user: good-user}                     | context 'broken' does not name a cluster
            """)
    void aContextWithABrokenReferenceIsLeftOutAndReportedInItsFile(String what, String context, String message)
            throws IOException {
        Path good = write("good.yaml", GOOD);
        Path broken = write("broken.yaml", "contexts:\n- name: broken\n  context: " + context + "\n");
        KubeconfigLoader loader = loaderFor(good, broken);

        KubeconfigSnapshot snapshot = loader.load(List.of());

        assertEquals(List.of("good"), names(snapshot));
        assertEquals(List.of(new KubeconfigProblem(broken, message)), snapshot.problems());
        PonteException e = assertThrows(PonteException.class, () -> loader.resolve("broken", List.of()));
        assertEquals(Problem.Kind.KUBECONFIG, e.problem().kind());
        assertTrue(e.problem().detail().toLowerCase().contains(message), e.problem().detail());
    }

    @Test
    void aClusterWithoutServerLeavesOutItsContextsAndIsReportedInTheClusterFile() throws IOException {
        Path clusters = write("clusters.yaml", """
                clusters:
                - name: no-server
                  cluster: {insecure-skip-tls-verify: true}
                """);
        Path good = write("good.yaml", GOOD);
        Path contexts = write("contexts.yaml", """
                contexts:
                - name: one
                  context: {cluster: no-server, user: good-user}
                - name: two
                  context: {cluster: no-server, user: good-user}
                """);

        KubeconfigSnapshot snapshot = loaderFor(clusters, contexts, good).load(List.of());

        assertEquals(List.of("good"), names(snapshot));
        assertEquals(List.of(new KubeconfigProblem(clusters,
                        "cluster 'no-server' has no server URL; the contexts that use it are left out")),
                snapshot.problems());
    }

    /**
     * Credentials that cannot work are named before any connection (file, entry, field, what is wrong), the
     * context is left out, and resolving it is a kubeconfig problem, which is never retried.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CA data not base64         | cluster | certificate-authority-data: "not*base64"      | cluster 'c': certificate-authority-data is not valid base64: character '*' at position 4 is not allowed
            CA data not a certificate  | cluster | certificate-authority-data: aGVsbG8=          | cluster 'c': certificate-authority-data decodes to no PEM certificate (no -----BEGIN CERTIFICATE----- line)
            CA data broken PEM         | cluster | certificate-authority-data: BROKEN_CERT       | cluster 'c': certificate-authority-data decodes to a PEM certificate that cannot be parsed
            CA file missing            | cluster | certificate-authority: certs/missing.crt      | cluster 'c': certificate-authority TMP/certs/missing.crt does not exist
            CA file not a certificate  | cluster | certificate-authority: garbage.txt            | cluster 'c': certificate-authority TMP/garbage.txt holds no PEM certificate
            client cert data           | user    | client-certificate-data: "%%%"                | user 'u': client-certificate-data is not valid base64: character '%' at position 1 is not allowed
            client cert file missing   | user    | client-certificate: u.crt                     | user 'u': client-certificate TMP/u.crt does not exist
            client key data not a key  | user    | client-key-data: CERT                         | user 'u': client-key-data decodes to no PEM private key (no -----BEGIN ... PRIVATE KEY----- block)
            client key data broken     | user    | client-key-data: BROKEN_KEY                   | user 'u': client-key-data decodes to a PEM private key that cannot be parsed (its base64 is broken)
            client key data a number   | user    | client-key-data: 42                           | user 'u': client-key-data should be base64 text, but it is a number or flag
            client key file missing    | user    | client-key: keys/u.key                        | user 'u': client-key TMP/keys/u.key does not exist
            client key file a folder   | user    | client-key: keys                              | user 'u': client-key TMP/keys is a folder, not a file
            token file missing         | user    | tokenFile: token                              | user 'u': tokenFile TMP/token does not exist
            token file empty           | user    | tokenFile: empty-token                        | user 'u': tokenFile TMP/empty-token is empty
            CA data bad padding        | cluster | certificate-authority-data: "QUJD="           | cluster 'c': certificate-authority-data is not valid base64 (
            """)
    void credentialsThatCannotWorkAreNamedBeforeAnyConnection(String what, String section, String field, String message)
            throws Exception {
        Files.createDirectories(tmp.resolve("keys"));
        write("garbage.txt", "not a certificate");
        write("empty-token", "\n");
        String value = field.replace("BROKEN_CERT", b64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .replace("BROKEN_KEY", b64("-----BEGIN PRIVATE KEY-----\n!!not base64!!\n-----END PRIVATE KEY-----\n"))
                .replace("CERT", b64(cert()));
        String cluster = section.equals("cluster") ? value + ", " : "";
        String user = section.equals("user") ? value : "token: t";
        Path file = write("config", """
                clusters:
                - name: c
                  cluster: {%sserver: "https://c.example:6443"}
                contexts:
                - name: broken
                  context: {cluster: c, user: u}
                users:
                - name: u
                  user: {%s}
                """.formatted(cluster, user));
        KubeconfigLoader loader = loaderFor(file, write("good.yaml", GOOD));

        KubeconfigSnapshot snapshot = loader.load(List.of());

        String expected = message.replace("TMP", tmp.toString());
        assertEquals(1, snapshot.problems().size(), snapshot.problems().toString());
        KubeconfigProblem p = snapshot.problems().getFirst();
        assertEquals(file, p.file());
        assertTrue(p.message().startsWith(expected), p.message());
        assertTrue(p.message().endsWith("; the contexts that use it are left out"), p.message());
        assertEquals(List.of("good"), names(snapshot));
        PonteException e = assertThrows(PonteException.class, () -> loader.resolve("broken", List.of()));
        assertEquals(Problem.Kind.KUBECONFIG, e.problem().kind());
        assertFalse(e.problem().retryable());
        assertTrue(e.problem().detail().contains(expected.substring(expected.indexOf(':') + 2)), e.problem().detail());
    }

    @Test
    void goodCredentialsPassAndTheDataFormWinsOverAMissingFile() throws Exception {
        write("ca.crt", cert());
        write("u.key", key());
        Path file = write("config", """
                clusters:
                - name: c
                  cluster: {server: "https://c.example:6443", certificate-authority: ca.crt}
                contexts:
                - name: certs
                  context: {cluster: c, user: u}
                users:
                - name: u
                  user: {client-certificate-data: %s, client-certificate: gone.crt, client-key: u.key}
                """.formatted(b64(cert())));

        KubeconfigSnapshot snapshot = loaderFor(file).load(List.of());

        assertEquals(List.of(), snapshot.problems());
        assertEquals(List.of("certs"), names(snapshot));
    }

    @Test
    void aBrokenUserIsReportedOnceHoweverManyContextsUseIt() throws Exception {
        Path file = write("config", """
                clusters:
                - name: c
                  cluster: {server: "https://c.example:6443"}
                contexts:
                - {name: one, context: {cluster: c, user: u}}
                - {name: two, context: {cluster: c, user: u}}
                users:
                - name: u
                  user: {client-key: nowhere.key}
                """);

        KubeconfigSnapshot snapshot = loaderFor(file).load(List.of());

        assertEquals(List.of(new KubeconfigProblem(file, "user 'u': client-key " + tmp.resolve("nowhere.key")
                + " does not exist; the contexts that use it are left out")), snapshot.problems());
        assertEquals(List.of(), names(snapshot));
        assertFalse(snapshot.isEmpty(), "not the onboarding state: there is something to fix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n", "---\n"})
    void anEmptyKubeconfigFileIsTheOnboardingState(String content) throws IOException {
        Path file = write("config", content);

        KubeconfigSnapshot snapshot = loaderFor(file).load(List.of());

        assertTrue(snapshot.isEmpty(), snapshot.toString());
    }

    @Test
    void aCurrentContextThatNoFileDefinesIsReported() throws IOException {
        Path file = write("config", GOOD.replace("current-context: good", "current-context: deleted"));

        KubeconfigSnapshot snapshot = loaderFor(file).load(List.of());

        assertEquals("deleted", snapshot.currentContext());
        assertEquals(List.of(new KubeconfigProblem(file,
                "current-context is 'deleted', but no kubeconfig file defines a context with that name")), snapshot.problems());
    }

    @Test
    void resolveMakesRelativeFilePathsAbsoluteAgainstTheFileThatDefinedTheEntry() throws Exception {
        write("clusters/certs/ca.crt", cert());
        write("users/client.crt", cert());
        Path absoluteKey = write("keys/client.key", key());
        write("users/nested/token", "a-token");
        Path clusterFile = write("clusters/config", """
                clusters:
                - name: c
                  cluster: {server: "https://c.example", certificate-authority: certs/ca.crt}
                """);
        Path userFile = write("users/nested/config", """
                contexts:
                - name: certs
                  context: {cluster: c, user: cert-user, namespace: apps}
                - name: plugin
                  context: {cluster: c, user: exec-user}
                - name: bare-plugin
                  context: {cluster: c, user: aws-user}
                users:
                - name: cert-user
                  user: {client-certificate: ../client.crt, client-key: "%s", tokenFile: token}
                - name: exec-user
                  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, args: [get-token]}}
                - name: aws-user
                  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}}
                """.formatted(absoluteKey));
        KubeconfigLoader loader = loaderFor(clusterFile, userFile);
        YAMLMapper yaml = new YAMLMapper();

        KubeconfigLoader.ResolvedContext certs = loader.resolve("certs", List.of());
        JsonNode certsYaml = yaml.readTree(certs.kubeconfigYaml());
        KubeconfigLoader.ResolvedContext plugin = loader.resolve("plugin", List.of());
        JsonNode pluginYaml = yaml.readTree(plugin.kubeconfigYaml());

        assertAll(
                () -> assertEquals(userFile, certs.sourceFile()),
                () -> assertNull(certs.execCommand()),
                () -> assertEquals("certs", certsYaml.get("current-context").asText()),
                () -> assertEquals(1, certsYaml.get("contexts").size()),
                () -> assertEquals("apps", certsYaml.at("/contexts/0/context/namespace").asText()),
                () -> assertEquals(tmp.resolve("clusters/certs/ca.crt").toString(),
                        certsYaml.at("/clusters/0/cluster/certificate-authority").asText()),
                () -> assertEquals(tmp.resolve("users/client.crt").toString(),
                        certsYaml.at("/users/0/user/client-certificate").asText()),
                () -> assertEquals(absoluteKey.toString(), certsYaml.at("/users/0/user/client-key").asText()),
                () -> assertEquals(tmp.resolve("users/nested/token").toString(),
                        certsYaml.at("/users/0/user/tokenFile").asText()),
                () -> assertEquals(tmp.resolve("users/nested/bin/plugin").toString(), plugin.execCommand()),
                () -> assertEquals(plugin.execCommand(), pluginYaml.at("/users/0/user/exec/command").asText()),
                () -> assertEquals("get-token", pluginYaml.at("/users/0/user/exec/args/0").asText()),
                () -> assertEquals("aws", loader.resolve("bare-plugin", List.of()).execCommand()));
    }

    /**
     * The context comes from one file and its cluster and user from another, so only the resolved
     * YAML has everything. (Note: fabric8 7.9's {@code Config.fromKubeconfig(context, yaml, path)}
     * reads the file at {@code path} and ignores {@code yaml} when a path is given, so it must not be
     * used with the source file; the YAML itself, or a file holding it, works.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"from the YAML text", "from a file holding the YAML"})
    void resolvedKubeconfigIsAcceptedByFabric8EvenWhenTheContextSpansFiles(String how) throws IOException {
        write("creds/ca.crt", cert());
        Path contexts = write("contexts.yaml", """
                contexts:
                - name: dev
                  context: {cluster: c, user: u, namespace: team-a}
                """);
        Path credentials = write("creds/config", """
                clusters:
                - name: c
                  cluster: {server: "https://api.example:6443", certificate-authority: ca.crt}
                users:
                - name: u
                  user: {token: the-bearer-token}
                """);
        KubeconfigLoader.ResolvedContext resolved = loaderFor(contexts, credentials).resolve("dev", List.of());

        Config config = how.contains("file")
                ? Config.fromKubeconfig("dev", Files.writeString(tmp.resolve("resolved.yaml"), resolved.kubeconfigYaml()).toFile())
                : Config.fromKubeconfig(resolved.kubeconfigYaml());

        assertAll(
                () -> assertEquals(contexts, resolved.sourceFile()),
                () -> assertEquals("https://api.example:6443/", config.getMasterUrl()),
                () -> assertEquals("team-a", config.getNamespace()),
                // fabric8 7 keeps a kubeconfig's token as the "auto" token, not as a fixed oauthToken
                () -> assertEquals("the-bearer-token", config.getAutoOAuthToken()),
                () -> assertEquals(tmp.resolve("creds/ca.crt").toString(), config.getCaCertFile()),
                () -> assertEquals("dev", config.getCurrentContext().getName()),
                () -> assertFalse(resolved.toString().contains("the-bearer-token"), "toString must not show credentials"));
    }

    @Test
    void resolveOfAnUnknownContextIsAKubeconfigProblem() throws IOException {
        Path file = write("config", GOOD);

        PonteException e = assertThrows(PonteException.class, () -> loaderFor(file).resolve("nope", List.of()));

        assertEquals(Problem.Kind.KUBECONFIG, e.problem().kind());
        assertTrue(e.problem().detail().contains("'nope'"), e.problem().detail());
    }

    @Test
    void findMissingExecutableFindsACommandOnThePathOrReportsIt() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path plugin = executable(bin.resolve("kube-plugin"));
        Path notExecutable = Files.writeString(bin.resolve("not-executable"), "#!/bin/sh\n");
        Map<String, String> env = Map.of("PATH", tmp.resolve("empty") + File.pathSeparator + bin);

        assertAll(
                () -> assertEquals(Optional.empty(), KubeconfigLoader.findMissingExecutable("kube-plugin", env)),
                () -> assertEquals(Optional.of("no-such-plugin"), KubeconfigLoader.findMissingExecutable("no-such-plugin", env)),
                () -> assertEquals(Optional.of("kube-plugin"), KubeconfigLoader.findMissingExecutable("kube-plugin", Map.of())),
                () -> assertEquals(Optional.empty(), KubeconfigLoader.findMissingExecutable(plugin.toString(), Map.of())),
                () -> assertEquals(Optional.of(bin + "/gone"), KubeconfigLoader.findMissingExecutable(bin + "/gone", env)),
                () -> assertEquals(Optional.of(notExecutable.toString()),
                        KubeconfigLoader.findMissingExecutable(notExecutable.toString(), env)),
                () -> assertEquals(Optional.of("not-executable"), KubeconfigLoader.findMissingExecutable("not-executable", env)));
    }

    @ParameterizedTest(name = "{0} with PATHEXT={1} -> missing: {2}")
    @CsvSource({
            "gcloud,     .COM;.EXE,  false",
            "gcloud.exe, .COM;.EXE,  false",
            "gcloud,     .BAT,       true",
            "kubelogin,  .COM;.EXE,  true",
    })
    void onWindowsTheLookupTriesThePathextSuffixes(String command, String pathExt, boolean missing) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("win-bin"));
        executable(bin.resolve("gcloud.exe"));
        executable(bin.resolve("gcloud.EXE"));
        Map<String, String> env = Map.of("Path", bin.toString(), "PATHEXT", pathExt);

        assertEquals(missing, ExecutableLookup.findMissing(command, env, true).isPresent());
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
