package dev.ponte.kube.gefyra;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.lifecycle.ConnectionRequest;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.lifecycle.UpOperation;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Figures for the connection lifecycle (a benchmark, not a test): Ponte's own time in up and down
 * against the mock API server with the operator double answering at once, median of N, with the
 * time spent waiting on the operator subtracted; and the API requests each makes, by verb.
 * Run: {@code java -cp <test classpath> dev.ponte.kube.gefyra.LifecycleFigures [N]}.
 */
public final class LifecycleFigures {
    private LifecycleFigures() {
    }

    @SuppressWarnings("java:S106") // a benchmark prints its figures
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Long> up = new ArrayList<>();
        List<Long> upOwn = new ArrayList<>();
        List<Long> down = new ArrayList<>();
        List<Long> downOwn = new ArrayList<>();
        Map<String, Integer> upRequests = new TreeMap<>();
        Map<String, Integer> downRequests = new TreeMap<>();
        for (int i = 0; i <= n; i++) {
            Path dir = Files.createTempDirectory("ponte-figures");
            try (GefyraRig rig = new GefyraRig()) {
                rig.cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                        .andReturn(201, new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder()
                                .withNewStatus().withAllowed(true).endStatus().build()).always();
                FakeEngine engine = new FakeEngine();
                engine.execScript = cmd -> cmd.startsWith("wg")
                        ? new ContainerEngine.ExecResult(0, "k\t1764070000\n")
                        : new ContainerEngine.ExecResult(0, "Address: 10.43.0.1\n");
                GefyraImages images = GefyraImages.defaults();
                ConnectionRequest req = new ConnectionRequest("kind-dev", "/k", "kind-dev", "ponteabc123", images,
                        InstallOptions.defaults(images), "172.17.0.1:31820", dir, "/var/run/docker.sock", true,
                        Duration.ofSeconds(30));
                List<StepEvent> steps = new CopyOnWriteArrayList<>();
                rig.resetRequests();
                long t0 = System.nanoTime();
                Connection c = new UpOperation(req, rig.gefyra, engine, steps::add, Clock.systemUTC(),
                        new SubnetPicker(List::of)).run(Progress.NONE, new CancellationToken());
                long upMs = (System.nanoTime() - t0) / 1_000_000;
                long waits = waitMillis(steps, "Install Gefyra in the cluster", "Wait for the tunnel configuration");
                List<String> upReqs = rig.requests();
                steps.clear();
                rig.resetRequests();
                long t1 = System.nanoTime();
                new DownOperation(c, dir, false, rig.gefyra, engine, steps::add, Clock.systemUTC(), Duration.ofSeconds(30))
                        .run(Progress.NONE, new CancellationToken());
                long downMs = (System.nanoTime() - t1) / 1_000_000;
                long downWaits = waitMillis(steps, "Unregister this machine");
                if (i == 0) {
                    continue; // warm-up
                }
                up.add(upMs);
                upOwn.add(upMs - waits);
                down.add(downMs);
                downOwn.add(downMs - downWaits);
                if (i == 1) {
                    upReqs.forEach(r -> upRequests.merge(r.substring(0, r.indexOf(' ')), 1, Integer::sum));
                    rig.requests().forEach(r -> downRequests.merge(r.substring(0, r.indexOf(' ')), 1, Integer::sum));
                }
            }
        }
        System.out.printf("up (install + connect, fresh cluster), %d runs: total median %d ms; without the steps that wait"
                + " on the operator median %d ms%n", n, median(up), median(upOwn));
        System.out.printf("down (disconnect), %d runs: total median %d ms; without waiting for the client's deletion median"
                + " %d ms%n", n, median(down), median(downOwn));
        System.out.println("API requests of one up:   " + upRequests + " = " + upRequests.values().stream().mapToInt(x -> x).sum());
        System.out.println("API requests of one down: " + downRequests + " = " + downRequests.values().stream().mapToInt(x -> x).sum());
    }

    private static long waitMillis(List<StepEvent> steps, String... waitingSteps) {
        long sum = 0;
        for (String name : waitingSteps) {
            sum += steps.stream().filter(e -> e.name().equals(name) && e.state() == StepEvent.State.DONE)
                    .mapToLong(e -> e.elapsed().toMillis()).max().orElse(0);
        }
        return sum;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
