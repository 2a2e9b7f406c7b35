package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ponte.app.AppContext;
import dev.ponte.testsupport.FxTestApp;
import dev.ponte.testsupport.Typing;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.clusters.ContextItemViewModel;
import dev.ponte.ui.common.UiSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** Each kind of bad input shows its message in the window, and the rest of the UI stays usable. */
@ExtendWith(ApplicationExtension.class)
class BadInputTest {
    @TempDir
    Path dir;
    private AppContext app;
    private HttpServer server;
    private java.io.Closeable closeAfter;

    @AfterEach
    void stop(FxRobot robot) {
        if (app != null) {
            robot.interact(app::close);
        }
        if (server != null) {
            server.stop(0);
        }
        if (closeAfter != null) {
            try {
                closeAfter.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private void show(FxRobot robot, Map<String, String> env) {
        Stage stage;
        try {
            stage = org.testfx.api.FxToolkit.registerPrimaryStage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no JavaFX stage", e);
        }
        robot.interact(() -> app = FxTestApp.show(stage, env, dir, new UiSettings()));
    }

    private static String kubeconfig(String... contexts) {
        // contexts: name=server[|exec-command]
        StringBuilder clusters = new StringBuilder("clusters:\n");
        StringBuilder users = new StringBuilder("users:\n");
        StringBuilder ctxs = new StringBuilder("contexts:\n");
        for (String c : contexts) {
            String name = c.substring(0, c.indexOf('='));
            String[] rest = c.substring(c.indexOf('=') + 1).split("\\|");
            clusters.append("- name: ").append(name).append("\n  cluster:\n    server: ").append(rest[0])
                    .append("\n    insecure-skip-tls-verify: true\n");
            users.append("- name: ").append(name).append("\n  user:\n");
            if (rest.length > 1) {
                users.append("    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ")
                        .append(rest[1]).append("\n      interactiveMode: Never\n");
            } else {
                users.append("    token: t0ps3cret\n");
            }
            ctxs.append("- name: ").append(name).append("\n  context:\n    cluster: ").append(name)
                    .append("\n    user: ").append(name).append("\n    namespace: shop\n");
        }
        return "apiVersion: v1\nkind: Config\ncurrent-context: " + contexts[0].substring(0, contexts[0].indexOf('='))
                + "\n" + clusters + users + ctxs;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** An API server that answers /version and refuses everything else with 403. */
    private String forbiddingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            boolean version = ex.getRequestURI().getPath().equals("/version");
            byte[] body = (version ? "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.4\"}"
                    : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
                    + "\"message\":\"namespaces is forbidden: User \\\"dev\\\" cannot list resource\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(version ? 200 : 403, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void noKubeconfigShowsOnboardingWithHowToGetACluster(FxRobot robot) {
        show(robot, FxTestApp.env(null));
        Wait.until("the onboarding state", () -> visible(robot, "#onboarding"));
        String body = text(robot, "#onboarding-body");
        for (String tool : new String[] {"k3d", "kind", "minikube", "Docker Desktop"}) {
            assertTrue(body.contains(tool), "mentions " + tool);
        }
        assertTrue(visible(robot, "#onboardingOpenButton"));
        // Only the pane on show is built: the workloads pane (and its ~160 nodes' first CSS pass) waits for workloads.
        assertTrue(robot.lookup("#workloadsView").tryQuery().isEmpty(), "the workloads pane is not built");
        assertTrue(robot.lookup("#clusterProblem").tryQuery().isEmpty(), "the cluster-problem pane is not built");
    }

    @Test
    void malformedFileIsNamedAndTheValidContextsStillLoad(FxRobot robot) throws IOException {
        Path good = write("good.yaml", kubeconfig("fine=http://127.0.0.1:" + closedPort()));
        Path bad = write("broken.yaml", "apiVersion: v1\nclusters: [\n  - name: x\n  cluster: {server: ");
        show(robot, FxTestApp.env(good + java.io.File.pathSeparator + bad));
        Wait.until("the problem list", () -> visible(robot, "#kubeconfigProblems"));
        String problems = robot.lookup("#kubeconfigProblems .problem-line").queryAllAs(Label.class).stream()
                .map(Label::getText).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(problems.contains("broken.yaml"), problems);
        assertTrue(problems.toLowerCase().contains("yaml"), problems);
        ListView<ContextItemViewModel> list = robot.lookup("#contextList").queryListView();
        assertEquals("fine", list.getItems().getFirst().name());
    }

    @Test
    void unreachableServerIsMarkedRetriedAndTheOtherContextStillWorks(FxRobot robot) throws IOException {
        String ok = forbiddingServer();
        Path cfg = write("config", kubeconfig("down=http://127.0.0.1:" + closedPort(), "other=" + ok));
        show(robot, FxTestApp.env(cfg.toString()));
        Wait.until("the unreachable message", () -> visible(robot, "#clusterProblem")
                && text(robot, "#clusterProblem-title").startsWith("Cannot reach"));
        assertTrue(text(robot, "#retryMessage").startsWith("Retrying in"), text(robot, "#retryMessage"));
        assertTrue(text(robot, "#clusterProblem-body").contains("refused"), text(robot, "#clusterProblem-body"));

        robot.clickOn("other");
        Wait.until("the other context reachable", () -> text(robot, "#statusContext").equals("other · Kubernetes v1.30.4"));
    }

    @Test
    void forbiddenNamespaceListFallsBackToTheKubeconfigNamespace(FxRobot robot) throws IOException {
        Path cfg = write("config", kubeconfig("locked=" + forbiddingServer()));
        show(robot, FxTestApp.env(cfg.toString()));
        Wait.until("the 403 notice", () -> visible(robot, "#namespaceNotice"));
        assertTrue(text(robot, "#namespaceNotice").contains("403 Forbidden"), text(robot, "#namespaceNotice"));
        assertTrue(text(robot, "#namespaceNotice").contains("'shop'"), text(robot, "#namespaceNotice"));
        assertTrue(visible(robot, "#namespaceInput"));
        ListView<String> ns = robot.lookup("#namespaceList").queryListView();
        assertEquals("shop", ns.getSelectionModel().getSelectedItem());
        // Listing workloads there is forbidden as well: said in the table, not only in the log.
        Wait.until("the workloads error", () -> visible(robot, "#workloadsError"));
        assertTrue(text(robot, "#workloadsError-title").startsWith("No permission"));

        Typing.into(robot, "#namespaceInput", "orders");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        Wait.until("the typed namespace", () -> "orders".equals(ns.getSelectionModel().getSelectedItem()));
    }

    @Test
    void missingExecPluginSaysWhichBinaryAndWhereToGetIt(FxRobot robot) throws IOException {
        Path cfg = write("config", kubeconfig("gke=https://127.0.0.1:" + closedPort() + "|gke-gcloud-auth-plugin"));
        Map<String, String> env = FxTestApp.env(cfg.toString());
        env.put("PATH", dir.toString()); // a PATH without the plugin, whatever this machine has installed
        show(robot, env);
        Wait.until("the plugin message", () -> visible(robot, "#clusterProblem")
                && text(robot, "#clusterProblem-title").startsWith("Credential plugin missing"));
        String body = text(robot, "#clusterProblem-body");
        assertTrue(body.contains("gke-gcloud-auth-plugin"), body);
        assertTrue(body.contains("gcloud components install"), body);
        assertEquals("", text(robot, "#retryMessage"), "not retried: the user has to act");
    }

    @Test
    void tlsFailureIsExplained(FxRobot robot) throws IOException {
        // A server that answers a TLS hello with plain text, as a wrong port or a broken proxy does.
        ServerSocket notTls = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!notTls.isClosed()) {
                try (java.net.Socket s = notTls.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        closeAfter = notTls;
        String plain = "https://127.0.0.1:" + notTls.getLocalPort();
        Path cfg = write("config", kubeconfig("tls=" + plain).replace("    insecure-skip-tls-verify: true\n", ""));
        show(robot, FxTestApp.env(cfg.toString()));
        Wait.until("the TLS message", () -> visible(robot, "#clusterProblem")
                && text(robot, "#clusterProblem-title").startsWith("Untrusted certificate"),
                () -> "; title " + text(robot, "#clusterProblem-title"));
    }
}
