package dev.ponte.kube;

import dev.ponte.core.model.KubeContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link Fabric8KindsTest}: opens a session through {@link Fabric8ClusterConnector} on a
 * kubeconfig with extensions (nothing is contacted), reads the file again as fabric8 does at a token refresh, then
 * prints the class of each extension and whether fabric8's class-loader scan ran (its shared mapping exists).
 */
public final class KubeconfigScanProbe {
    private KubeconfigScanProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("ponte-scan-probe");
        Path kubeconfig = Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: https://127.0.0.1:1
                    extensions:
                    - name: plain
                      extension: {provider: minikube.sigs.k8s.io, version: v1.32.0}
                    - name: typed
                      extension: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
                users:
                - name: u
                  user: {token: t}
                contexts:
                - name: probe
                  context: {cluster: c, user: u}
                current-context: probe
                """);
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "PATH", "/usr/bin");
        var connector = new Fabric8ClusterConnector(new KubeconfigLoader(env, dir.resolve("home")), List::of, env,
                dir.resolve("private"));
        try (var session = connector.open(new KubeContext("probe", "c", "u", null, null, kubeconfig))) {
            for (var e : KubeConfigUtils.parseConfig(kubeconfig.toFile()).getClusters().getFirst().getCluster()
                    .getExtensions()) {
                System.out.println("extension " + e.getName() + " " + e.getExtension().getClass().getSimpleName());
            }
        }
        var field = KubernetesDeserializer.class.getDeclaredField("DEFAULT_MAPPING");
        field.setAccessible(true);
        System.out.println("scanned " + (field.get(null) != null));
    }
}
