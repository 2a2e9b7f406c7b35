package dev.ponte.docker;

/**
 * A place where a Docker-API engine may listen.
 *
 * @param endpoint {@code unix:///path}, {@code npipe:////./pipe/name}, {@code tcp://host:port} or {@code ssh://...}
 * @param source   where Ponte found it, in words ("DOCKER_HOST environment variable", "Colima", ...)
 * @param exists   the socket file is there (unix sockets); always true for endpoints that can only be
 *                 checked by asking (tcp, named pipes on Windows)
 */
public record EngineCandidate(String endpoint, String source, boolean exists) {

    /** docker-java speaks unix, npipe and tcp (with TLS from DOCKER_CERT_PATH); not ssh. */
    public boolean supported() {
        return endpoint.startsWith("unix://") || endpoint.startsWith("npipe://") || endpoint.startsWith("tcp://")
                || endpoint.startsWith("http://") || endpoint.startsWith("https://");
    }

    /** The socket's path for {@code unix://} endpoints (what Cargo must mount), else null. */
    public String socketPath() {
        return endpoint.startsWith("unix://") ? endpoint.substring("unix://".length()) : null;
    }
}
