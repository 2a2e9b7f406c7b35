package dev.ponte.kube.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.logs.LogLine;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.task.Backoff;
import dev.ponte.devtools.MockCluster;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.logs.LogContext;
import dev.ponte.ui.logs.LogViewModel;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Pod logs from fabric8's mock API server reach the log view-model: both pods of a workload (found by its
 * selector) merged by time with their pod names, the request carries timestamps/follow/container/tail, and
 * a stream that ends is resumed with {@code sinceTime} and marked with a gap line.
 */
@ExtendWith(ApplicationExtension.class)
class KubeLogsOnMockClusterTest {
    private static final String NS = "logs";
    private MockCluster cluster;
    private ScheduledExecutorService timer;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger api1Calls = new AtomicInteger();
    private LogViewModel vm;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        timer = Executors.newSingleThreadScheduledExecutor();
        for (String pod : List.of("api-1", "api-2")) {
            cluster.client().pods().inNamespace(NS).resource(new PodBuilder()
                    .withNewMetadata().withName(pod).withNamespace(NS).withLabels(Map.of("app", "api")).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("api:1").endContainer()
                    .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer().endSpec()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .endStatus().build()).create();
        }
        cluster.setRequestHook(request -> {
            String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
            if (!path.contains("/log?")) {
                return null;
            }
            requests.add(path);
            if (path.contains("/pods/api-1/log")) {
                return switch (api1Calls.incrementAndGet()) {
                    case 1 -> new MockResponse().setResponseCode(200).setBody("""
                            2025-05-01T10:00:01.000000000Z INFO api-1 started
                            2025-05-01T10:00:03.500000000Z \u001b[31mERROR\u001b[0m db timeout
                            """);
                    case 2 -> new MockResponse().setResponseCode(200).setBody("""
                            2025-05-01T10:00:03.500000000Z \u001b[31mERROR\u001b[0m db timeout
                            2025-05-01T10:00:09.000000000Z INFO api-1 back
                            """);
                    default -> new MockResponse().setResponseCode(200).setBody("");
                };
            }
            boolean first = requests.stream().filter(p -> p.contains("/pods/api-2/log")).count() == 1;
            return new MockResponse().setResponseCode(200).setBody(first ? """
                    2025-05-01T10:00:02.000000000Z {"level":"warn","msg":"api-2 slow"}
                    """ : "");
        });
        Scheduler scheduler = (delay, action) -> {
            var f = timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        LogContext context = new LogContext(new DirectTaskRunner(), scheduler, Platform::runLater, Clock.systemUTC(), 1000,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        Workload api = new Workload(WorkloadKind.DEPLOYMENT, NS, "api", 2, 2, List.of("api:1"), Instant.now(), Map.of("app", "api"));
        vm = new LogViewModel(new KubeLogs(cluster.client()).workload(api), context);
    }

    @AfterEach
    void stop() {
        Platform.runLater(vm::close);
        timer.shutdownNow();
        cluster.close();
    }

    @Test
    void aWorkloadsPodsStreamIntoTheViewMergedByTimeAndResumeAfterTheStreamEnds() {
        Platform.runLater(vm::start);
        Wait.until("the lines of both pods and the resumed stream", () -> vm.lines().stream()
                .anyMatch(l -> l.text().equals("INFO api-1 back")), () -> "; lines " + vm.lines().stream().map(LogLine::text).toList()
                + "; requests " + requests);
        List<String> texts = vm.lines().stream().map(LogLine::text).toList();
        assertEquals(List.of("INFO api-1 started", "{\"level\":\"warn\",\"msg\":\"api-2 slow\"}", "ERROR db timeout",
                "— stream reconnected after 0 s; lines in between may be missing —", "INFO api-1 back"), texts);
        assertEquals(List.of("api-1", "api-2", "api-1", "api-1", "api-1"), vm.lines().stream().map(LogLine::source).toList());
        assertTrue(vm.display().multiSourceProperty().get());
        assertEquals(List.of("app", "sidecar"), vm.options().containers());

        String first = requests.stream().filter(p -> p.contains("api-1")).findFirst().orElseThrow();
        assertTrue(first.startsWith("/api/v1/namespaces/logs/pods/api-1/log?"), first);
        for (String param : List.of("container=app", "timestamps=true", "tailLines=1000", "follow=true")) {
            assertTrue(first.contains(param), param + " in " + first);
        }
        String resumed = requests.stream().filter(p -> p.contains("api-1")).skip(1).findFirst().orElseThrow();
        assertTrue(resumed.contains("sinceTime=2025-05-01T10:00:03Z"), resumed);
        assertTrue(!resumed.contains("tailLines"), resumed);
    }
}
