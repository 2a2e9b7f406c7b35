package dev.ponte.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import dev.ponte.core.port.ContainerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The read-only calls an engine on a {@code unix://} socket gets before real engine work starts — {@code /version} for
 * the engine look-up, the container and network lists for the reconcile — over the JDK's own socket channel. The
 * look-up pings every engine it finds once the window is up and the reconcile lists what Ponte left in the engine;
 * through docker-java that loaded docker-java, Apache HttpClient, Guava and their models (about 700 classes, 3–4 MB
 * of class metadata) into every session, also the ones that never run a container. {@link DockerEngine} makes its
 * docker-java client only for the other calls. Errors leave as {@link EngineErrors} words docker-java's failures, so
 * the picker's verdicts and the reconcile's log read the same. Other endpoints (tcp, maybe with TLS from the
 * environment; named pipes) are not for this class: {@link #handles}.
 */
final class UnixSocketApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACTION = "ask for the engine's version";
    /** {@code /version} is about 1 KB, a container about 2 KB of a list: anything this big is not an engine's answer. */
    private static final int MAX_RESPONSE = 64 << 20;

    private UnixSocketApi() {
    }

    static boolean handles(String endpoint) {
        return endpoint.startsWith("unix://");
    }

    /**
     * {@code GET /version}.
     *
     * @param connectTimeout how long connecting may take
     * @param responseTimeout how long the whole exchange may take (connect, request, the complete answer)
     * @throws dev.ponte.core.task.PonteException with the cause and the next step, as {@link DockerEngine#info()}
     */
    static ContainerEngine.Info ping(String endpoint, Duration connectTimeout, Duration responseTimeout) {
        return get(endpoint, "/version", ACTION, connectTimeout, responseTimeout, body -> info(endpoint, body));
    }

    /** {@code GET /containers/json?all=1} with a label filter, as docker-java's list with {@code withShowAll(true)}. */
    static List<ContainerEngine.Container> containers(String endpoint, Map<String, String> labels, Duration connectTimeout,
                                                     Duration responseTimeout) {
        List<String> filter = new ArrayList<>();
        labels.forEach((k, v) -> filter.add(v == null ? k : k + "=" + v));
        String query = labels.isEmpty() ? "" : "&filters=" + URLEncoder.encode(
                JSON.createObjectNode().set("label", JSON.valueToTree(filter)).toString(), StandardCharsets.UTF_8);
        return get(endpoint, "/containers/json?all=1" + query, "list containers", connectTimeout, responseTimeout, body -> {
            List<ContainerEngine.Container> out = new ArrayList<>();
            for (JsonNode c : array(body)) {
                String id = text(c, "Id");
                JsonNode names = c.path("Names");
                String name = names.isArray() && !names.isEmpty() ? EngineModels.stripSlash(names.get(0).asText()) : id;
                Map<String, String> ips = new LinkedHashMap<>();
                c.path("NetworkSettings").path("Networks").properties().forEach(n -> {
                    String ip = text(n.getValue(), "IPAddress");
                    if (ip != null && !ip.isEmpty()) {
                        ips.put(n.getKey(), ip);
                    }
                });
                out.add(new ContainerEngine.Container(id, name, text(c, "Image"), text(c, "State"), labels(c), ips));
            }
            return out;
        });
    }

    /** {@code GET /networks}. */
    static List<ContainerEngine.Network> networks(String endpoint, Duration connectTimeout, Duration responseTimeout) {
        return get(endpoint, "/networks", "list networks", connectTimeout, responseTimeout, body -> {
            List<ContainerEngine.Network> out = new ArrayList<>();
            for (JsonNode n : array(body)) {
                List<String> subnets = new ArrayList<>();
                n.path("IPAM").path("Config").forEach(c -> {
                    String subnet = text(c, "Subnet");
                    if (subnet != null) {
                        subnets.add(subnet);
                    }
                });
                out.add(new ContainerEngine.Network(text(n, "Id"), text(n, "Name"), subnets, labels(n)));
            }
            return out;
        });
    }

    /** Something answered, but not as an engine does: not an I/O failure, so not "is not running". */
    static final class BadAnswer extends RuntimeException {
        BadAnswer(String message) {
            super(message);
        }
    }

    private interface Reader<T> {
        T read(byte[] body);
    }

    private static <T> T get(String endpoint, String target, String action, Duration connectTimeout,
                             Duration responseTimeout, Reader<T> reader) {
        try {
            byte[] response = exchange(Path.of(endpoint.substring("unix://".length())), target, connectTimeout,
                    responseTimeout);
            return reader.read(answer(response));
        } catch (IOException e) {
            throw EngineErrors.translate(new RuntimeException(e), endpoint, action);
        } catch (DockerException | BadAnswer e) {
            throw EngineErrors.translate(e, endpoint, action);
        }
    }

    private static JsonNode array(byte[] body) {
        JsonNode list = json(body);
        if (!list.isArray()) {
            throw new BadAnswer("the engine's answer is not a list");
        }
        return list;
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new BadAnswer("the engine's answer is not JSON (" + body.length + " bytes)");
        }
    }

    /** The {@code Labels} map without null keys or values, as {@link EngineModels#orEmpty}. */
    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("Labels").properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        return labels;
    }

    private static byte[] exchange(Path socket, String target, Duration connectTimeout, Duration responseTimeout)
            throws IOException {
        long start = System.nanoTime();
        long connectBy = start + connectTimeout.toNanos();
        long answerBy = start + responseTimeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                while (!channel.finishConnect()) {
                    await(selector, key, SelectionKey.OP_CONNECT, connectBy, "connect");
                }
            }
            ByteBuffer request = ByteBuffer.wrap(("GET " + target + " HTTP/1.1\r\nHost: docker\r\nAccept: application/json\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (request.hasRemaining()) {
                if (channel.write(request) == 0) {
                    await(selector, key, SelectionKey.OP_WRITE, answerBy, "send the request");
                }
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream(2048);
            // A long container list in few reads: each read checks the whole answer so far for its end.
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (!complete(received.toByteArray())) {
                int n = channel.read(buffer.clear());
                if (n < 0) {
                    break; // the engine closed the connection: the answer is all there is
                } else if (n == 0) {
                    await(selector, key, SelectionKey.OP_READ, answerBy, "read the answer");
                } else if (received.size() + n > MAX_RESPONSE) {
                    throw new BadAnswer("the answer to GET " + target + " is larger than " + MAX_RESPONSE + " bytes");
                } else {
                    received.write(buffer.array(), 0, n);
                }
            }
            return received.toByteArray();
        }
    }

    private static void await(Selector selector, SelectionKey key, int op, long byNanos, String what) throws IOException {
        long left = byNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("could not " + what + " in time");
        }
        key.interestOps(op);
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new ClosedByInterruptException();
        }
    }

    /** The headers and, by Content-Length or the last chunk, the whole body have arrived. */
    private static boolean complete(byte[] data) {
        int end = headerEnd(data);
        if (end < 0) {
            return false;
        }
        String headers = new String(data, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (header(headers, "content-length") == null && !"chunked".equals(header(headers, "transfer-encoding"))) {
            return false; // till the engine closes
        }
        try {
            body(headers, data, end + 4);
            return true;
        } catch (BadAnswer incomplete) {
            return false;
        }
    }

    /** The body of a 2xx answer; an engine's error status as docker-java reports it. */
    private static byte[] answer(byte[] data) {
        int end = headerEnd(data);
        if (end < 0) {
            throw new BadAnswer(data.length == 0 ? "the engine closed the connection without an answer"
                    : "the engine's answer ended before its headers did");
        }
        String head = new String(data, 0, end, StandardCharsets.ISO_8859_1);
        String[] statusLine = head.lines().findFirst().orElse("").split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new BadAnswer("not an HTTP answer: " + head.lines().findFirst().orElse("").strip());
        }
        int status = Integer.parseInt(statusLine[1]);
        byte[] body = body(head.toLowerCase(Locale.ROOT), data, end + 4);
        if (status / 100 != 2) {
            throw new DockerException("Status " + status + ": " + new String(body, StandardCharsets.UTF_8), status);
        }
        return body;
    }

    private static ContainerEngine.Info info(String endpoint, byte[] body) {
        JsonNode v = json(body);
        List<String> components = new ArrayList<>();
        v.path("Components").forEach(c -> {
            if (c.hasNonNull("Name")) {
                components.add(c.get("Name").asText());
            }
        });
        JsonNode platform = v.path("Platform").path("Name");
        String product = EngineModels.product(platform.isTextual() ? platform.asText() : null, components);
        return new ContainerEngine.Info(endpoint, product, text(v, "Version"), text(v, "ApiVersion"), text(v, "Os"),
                text(v, "Arch"));
    }

    private static String text(JsonNode v, String field) {
        return v.hasNonNull(field) ? v.get(field).asText() : null;
    }

    private static byte[] body(String headers, byte[] data, int from) {
        String length = header(headers, "content-length");
        if ("chunked".equals(header(headers, "transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = from;
            while (true) {
                int lineEnd = indexOf(data, at);
                if (lineEnd < 0) {
                    throw new BadAnswer("the engine's chunked answer ended early");
                }
                String size = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = size.indexOf(';');
                int n;
                try {
                    n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new BadAnswer("a bad chunk size in the engine's answer");
                }
                if (n == 0) {
                    return out.toByteArray();
                }
                if (n < 0 || lineEnd + 2 + n > data.length) {
                    throw new BadAnswer("the engine's chunked answer ended early");
                }
                out.write(data, lineEnd + 2, n);
                at = lineEnd + 2 + n + 2;
            }
        }
        int available = data.length - from;
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new BadAnswer("a bad Content-Length in the engine's answer: " + length);
            }
            if (n > available) {
                throw new BadAnswer("the engine's answer ended after " + available + " of " + n + " bytes");
            }
            available = (int) n;
        }
        byte[] body = new byte[available];
        System.arraycopy(data, from, body, 0, available);
        return body;
    }

    /** A header's value from lower-cased headers, or null. */
    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static int headerEnd(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The next CRLF at or after {@code from}, or -1. */
    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
