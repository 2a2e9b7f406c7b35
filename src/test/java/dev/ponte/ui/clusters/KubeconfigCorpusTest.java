package dev.ponte.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.kube.KubeconfigLoader;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.ui.common.UiSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kubeconfig files a user may open that Ponte cannot use — syntax, encodings, sizes, YAML tricks, exec plugins,
 * proxies, odd names — opened through the contexts list as the user does ("Open kubeconfig…"). Each case checks the
 * message in the problems list (it names the file and what is wrong, and quotes no secret), that the good contexts
 * still load, that the file stays in the list the user opened (nothing typed is lost), and that reading takes no
 * longer than a moment. The credential checks themselves are KubeconfigLoaderTest's.
 */
class KubeconfigCorpusTest {
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
    private static final String SECRET = "s3cr3t-t0ken-value";

    @TempDir
    Path tmp;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                text("tab indentation", "clusters:\n\t- name: c\n", "not valid YAML"),
                text("an unclosed quote", "users:\n- name: u\n  user: {token: \"" + SECRET + "}\n", "not valid YAML"),
                text("a duplicate key", "users: []\nusers: []\n", "Duplicate field 'users'"),
                text("a list at the top", "- a\n- b\n", "the top level is a list"),
                text("only a document marker", "---\n", null),
                text("a YAML alias bomb", bomb(), "is not a kubeconfig"),
                text("nesting 10 000 deep", "a: ".repeat(1) + "[".repeat(10_000) + "]".repeat(10_000) + "\n", "not valid YAML"),
                text("a context with no cluster", "contexts:\n- name: broken\n  context: {user: good-user}\n",
                        "context 'broken' does not name a cluster"),
                text("a current-context the first file overrides", "current-context: ghost\n", null),
                text("a cluster with no server", "clusters:\n- name: c\n  cluster: {}\ncontexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n",
                        "has no server"),
                text("a server that is no URL", "clusters:\n- name: c\n  cluster: {server: \"not a url\"}\ncontexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n",
                        "is not a URL"),
                text("a server with a password in it", "clusters:\n- name: c\n  cluster: {server: \"https://admin:" + SECRET
                        + "@c example\"}\ncontexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n", "https://admin:***@"),
                text("a server with another scheme", "clusters:\n- name: c\n  cluster: {server: \"tcp://c.example:6443\"}\ncontexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n",
                        "should start with https://"),
                text("a server with no host", "clusters:\n- name: c\n  cluster: {server: \"https://:6443\"}\ncontexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n",
                        "names no host"),
                text("a proxy-url that is no URL", "clusters:\n- name: c\n  cluster: {server: \"https://c.example\", proxy-url: \"::nope\"}\n"
                        + "contexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n", "proxy-url '::nope'"),
                text("a proxy-url with an unknown scheme", "clusters:\n- name: c\n  cluster: {server: \"https://c.example\", proxy-url: \"ftp://p:3128\"}\n"
                        + "contexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n", "should start with http://, https://, socks5://"),
                text("a proxy-url with a password", "clusters:\n- name: c\n  cluster: {server: \"https://c.example\", proxy-url: \"http://u:"
                        + SECRET + "@p:3128 x\"}\ncontexts:\n- name: broken\n  context: {cluster: c, user: good-user}\n", "http://u:***@"),
                text("an exec plugin without a command", "users:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1beta1}\n"
                        + "contexts:\n- name: broken\n  context: {cluster: good-cluster, user: u}\n", "exec names no command"),
                text("an exec plugin without an apiVersion", "users:\n- name: u\n  user:\n    exec: {command: aws}\n"
                        + "contexts:\n- name: broken\n  context: {cluster: good-cluster, user: u}\n", "exec has no apiVersion"),
                text("an exec plugin whose args are not a list", "users:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: \"eks get-token\"}\n"
                        + "contexts:\n- name: broken\n  context: {cluster: good-cluster, user: u}\n", "exec args should be a list"),
                text("an auth-provider (removed from kubectl)", "users:\n- name: u\n  user:\n    auth-provider: {name: gcp}\n"
                        + "contexts:\n- name: broken\n  context: {cluster: good-cluster, user: u}\n", "use the exec plugin instead"),
                bytes("UTF-16 with a byte-order mark", utf16(GOOD.replace("good", "wide")), "it is UTF-16 text"),
                bytes("Latin-1 bytes", ("users:\n- name: caf\u00e9\n  user: {token: t}\n").getBytes(StandardCharsets.ISO_8859_1),
                        "not UTF-8 text"),
                bytes("NUL bytes", "clusters: []\n\u0000\u0000\u0000".getBytes(StandardCharsets.UTF_8), "not valid YAML"),
                bytes("binary garbage", garbage(), "not UTF-8 text"),
                bytes("a 30 MB file", big(), "MB"));
    }

    private static Arguments text(String label, String yaml, String expected) {
        return Arguments.of(label, yaml.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Arguments bytes(String label, byte[] content, String expected) {
        return Arguments.of(label, content, expected);
    }

    private static String bomb() {
        StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            b.append("]\n");
            prev = c;
        }
        return b.toString();
    }

    private static byte[] utf16(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_16BE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFE;
        out[1] = (byte) 0xFF;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    private static byte[] garbage() {
        byte[] b = new byte[4096];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    private static byte[] big() {
        StringBuilder b = new StringBuilder(31 << 20).append("users:\n");
        int i = 0;
        while (b.length() < 30 << 20) {
            b.append("- name: u").append(i++).append("\n  user: {token: t").append(i).append("}\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ContextsViewModel contexts(UiSettings settings, Path good) {
        return new ContextsViewModel(new KubeconfigLoader(Map.of("KUBECONFIG", good.toString()), tmp.resolve("home")),
                new DirectTaskRunner(), settings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aFileThatCannotBeUsedIsNamedTheGoodContextsStayAndTheFileStaysOpened(String label, byte[] content, String expected)
            throws IOException {
        Path good = Files.writeString(tmp.resolve("good.yaml"), GOOD);
        Path opened = Files.write(Files.createDirectories(tmp.resolve("Downloads")).resolve("new cluster ✨.yaml"), content);
        UiSettings settings = new UiSettings();
        ContextsViewModel vm = contexts(settings, good);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> vm.addKubeconfigFile(opened), label + ": read in a moment");

        assertTrue(vm.contexts().stream().anyMatch(c -> c.name().equals("good")), label + ": the good context still loads");
        assertEquals(List.of(opened.toAbsolutePath().toString()), settings.extraKubeconfigs, label + ": the file stays opened");
        List<KubeconfigProblem> problems = vm.problems();
        if (expected == null) {
            assertEquals(List.of(), problems, label + ": nothing to report");
            return;
        }
        assertFalse(problems.isEmpty(), label + ": a problem is listed");
        KubeconfigProblem p = problems.stream().filter(x -> x.file().equals(opened)).findFirst()
                .orElseThrow(() -> new AssertionError(label + ": the problem names the file: " + problems));
        assertTrue(p.message().contains(expected), label + ": '" + p.message() + "' should say '" + expected + "'");
        assertFalse(p.message().contains(SECRET), label + ": a secret is quoted: " + p.message());
        assertTrue(p.message().length() < 600, label + ": " + p.message().length() + " characters");
    }
}
