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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asks the engine on a {@code unix://} socket for {@code GET /version} over the JDK's own socket channel, for the
 * engine look-up. The look-up pings every engine it finds once the window is up; through docker-java that loaded
 * docker-java, Apache HttpClient and their models (about 1,100 classes, 5–6 MB of class metadata) into every session,
 * also the ones that never run a container. docker-java is loaded when real engine work starts
 * ({@link DockerEngine#open}). Errors leave as {@link EngineErrors} words them for docker-java's failures, so the
 * picker's verdicts read the same. Other endpoints (tcp with TLS from the environment, named pipes) are not for this
 * class: {@link #handles}.
 */
final class VersionPing {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACTION = "ask for the engine's version";
    /** An engine's {@code /version} is about 1 KB; anything this big is not an engine. */
    private static final int MAX_RESPONSE = 1 << 20;

    private VersionPing() {
    }

    static boolean handles(String endpoint) {
        return endpoint.startsWith("unix://");
    }

    /**
     * @param connectTimeout how long connecting may take
     * @param responseTimeout how long the whole exchange may take (connect, request, the complete answer)
     * @throws dev.ponte.core.task.PonteException with the cause and the next step, as {@link DockerEngine#info()}
     */
    static ContainerEngine.Info ping(String endpoint, Duration connectTimeout, Duration responseTimeout) {
        try {
            byte[] response = exchange(Path.of(endpoint.substring("unix://".length())), connectTimeout, responseTimeout);
            return info(endpoint, response);
        } catch (IOException e) {
            throw EngineErrors.translate(new RuntimeException(e), endpoint, ACTION);
        } catch (DockerException e) {
            throw EngineErrors.translate(e, endpoint, ACTION);
        }
    }

    private static byte[] exchange(Path socket, Duration connectTimeout, Duration responseTimeout) throws IOException {
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
            ByteBuffer request = ByteBuffer.wrap(("GET /version HTTP/1.1\r\nHost: docker\r\nAccept: application/json\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (request.hasRemaining()) {
                if (channel.write(request) == 0) {
                    await(selector, key, SelectionKey.OP_WRITE, answerBy, "send the request");
                }
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream(2048);
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (!complete(received.toByteArray())) {
                int n = channel.read(buffer.clear());
                if (n < 0) {
                    break; // the engine closed the connection: the answer is all there is
                } else if (n == 0) {
                    await(selector, key, SelectionKey.OP_READ, answerBy, "read the answer");
                } else if (received.size() + n > MAX_RESPONSE) {
                    throw new IOException("the answer to GET /version is larger than " + MAX_RESPONSE + " bytes");
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
        } catch (IOException incomplete) {
            return false;
        }
    }

    static ContainerEngine.Info info(String endpoint, byte[] data) throws IOException {
        int end = headerEnd(data);
        if (end < 0) {
            throw new IOException(data.length == 0 ? "the engine closed the connection without an answer"
                    : "the engine's answer ended before its headers did");
        }
        String head = new String(data, 0, end, StandardCharsets.ISO_8859_1);
        String[] statusLine = head.lines().findFirst().orElse("").split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP answer: " + head.lines().findFirst().orElse("").strip());
        }
        int status = Integer.parseInt(statusLine[1]);
        byte[] body = body(head.toLowerCase(Locale.ROOT), data, end + 4);
        String text = new String(body, StandardCharsets.UTF_8);
        if (status / 100 != 2) {
            throw new DockerException("Status " + status + ": " + text, status);
        }
        JsonNode v;
        try {
            v = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("the answer to GET /version is not JSON (" + body.length + " bytes)");
        }
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

    private static byte[] body(String headers, byte[] data, int from) throws IOException {
        String length = header(headers, "content-length");
        if ("chunked".equals(header(headers, "transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = from;
            while (true) {
                int lineEnd = indexOf(data, at);
                if (lineEnd < 0) {
                    throw new IOException("the engine's chunked answer ended early");
                }
                String size = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = size.indexOf(';');
                int n;
                try {
                    n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("a bad chunk size in the engine's answer");
                }
                if (n == 0) {
                    return out.toByteArray();
                }
                if (n < 0 || lineEnd + 2 + n > data.length) {
                    throw new IOException("the engine's chunked answer ended early");
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
                throw new IOException("a bad Content-Length in the engine's answer: " + length);
            }
            if (n > available) {
                throw new IOException("the engine's answer ended after " + available + " of " + n + " bytes");
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
