package dev.ponte.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.ponte.core.port.ContainerEngine;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine calls issue 14 added (network driver options for upstream's {@code --mtu}, disconnect, a log tail for the
 * support bundle), kept apart from {@link DockerEngine}, which calls them through its error translation.
 */
final class EngineExtras {
    private static final long LOG_SECONDS = 20;

    private EngineExtras() {
    }

    private static final String DOCKER_MTU = "com.docker.network.driver.mtu";
    private static final String PODMAN_MTU = "mtu";

    static Map<String, String> networkOptions(DockerClient client, String name) {
        try {
            var n = client.inspectNetworkCmd().withNetworkId(name).exec();
            if (n.getOptions() == null) {
                return Map.of();
            }
            Map<String, String> options = new LinkedHashMap<>(n.getOptions());
            // Podman's compatible API takes Docker's MTU option but reports it under its own name ("mtu").
            if (options.containsKey(PODMAN_MTU) && !options.containsKey(DOCKER_MTU)) {
                options.put(DOCKER_MTU, options.get(PODMAN_MTU));
            }
            return Map.copyOf(options);
        } catch (NotFoundException e) {
            return Map.of();
        }
    }

    static ContainerEngine.Network createNetwork(DockerClient client, String name, String subnet, Map<String, String> labels,
                                                 Map<String, String> options) {
        var cmd = client.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                .withLabels(Map.copyOf(labels)).withOptions(new LinkedHashMap<>(options));
        if (subnet != null) {
            cmd.withIpam(new com.github.dockerjava.api.model.Network.Ipam()
                    .withConfig(new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet(subnet)));
        }
        String id = cmd.exec().getId();
        return EngineModels.network(client.inspectNetworkCmd().withNetworkId(id).exec());
    }

    static void disconnect(DockerClient client, String network, String container) {
        try {
            client.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(container).withForce(true).exec();
        } catch (NotFoundException e) {
            // gone: nothing to do
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            // Docker answers 500 "... is not connected to network ..." (Podman: 404) when it is not connected: nothing to do
            if (e.getMessage() == null || !e.getMessage().contains("is not connected")) {
                throw e;
            }
        }
    }

    /** The last {@code lines} lines of stdout and stderr, in the order the engine sends them. */
    static String logs(DockerClient client, String container, int lines) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (out) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        client.logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(lines).withFollowStream(false)
                .exec(callback);
        if (!callback.awaitCompletion(LOG_SECONDS, TimeUnit.SECONDS)) {
            try {
                callback.close();
            } catch (java.io.IOException e) {
                // closing a stream that is being read: nothing more to do
            }
        }
        synchronized (out) {
            return out.toString();
        }
    }
}
