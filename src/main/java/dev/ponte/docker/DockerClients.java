package dev.ponte.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * docker-java clients with the httpclient5 transport, for {@link DockerEngine}. On a class of their own so that
 * loading and verifying {@code DockerEngine} loads none of docker-java's configuration and transport classes.
 */
final class DockerClients {
    private DockerClients() {
    }

    private static DefaultDockerClientConfig config(String endpoint) {
        // TLS settings from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH apply to tcp endpoints only.
        var builder = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint);
        if (!endpoint.startsWith("tcp://")) {
            builder.withDockerTlsVerify(false);
        }
        return builder.build();
    }

    /** Requests: every one gets {@code responseTimeout} for the engine's answer (see {@link DeadlineHttpClient}). */
    static DockerClient client(String endpoint, Duration connectTimeout, Duration responseTimeout) {
        DefaultDockerClientConfig config = config(endpoint);
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint))
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(connectTimeout)
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, new DeadlineHttpClient(http, responseTimeout));
    }

    /** Streams still get the deadline for the engine's first answer (its headers), but no read timeout after it. */
    static DockerClient streamClient(String endpoint, Duration connectTimeout, Duration responseTimeout) {
        DefaultDockerClientConfig config = config(endpoint);
        return DockerClientImpl.getInstance(config, new DeadlineHttpClient(
                new ApacheDockerHttpClient.Builder().dockerHost(URI.create(endpoint)).sslConfig(config.getSSLConfig())
                        .maxConnections(4).connectionTimeout(connectTimeout).build(), responseTimeout));
    }
}
