package dev.ponte.kube;

import static dev.ponte.kube.KubeconfigFile.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponte.kube.KubeconfigFile.Entry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kubectl checks before it contacts a server: the certificates, keys and token files a cluster or user entry
 * names can be read and parsed. Each problem names the entry, the field and what is wrong ("user 'alice':
 * client-key /home/a/.kube/a.key does not exist"), never the content. A context with such a problem cannot work
 * however often it is retried, so it is left out of the list and reported instead of failing later as a
 * connection error.
 */
final class CredentialCheck {
    /** A cluster's CA; user certificates, keys and token files. The {@code -data} form wins when both are set, as in client-go. */
    private static final List<Field> CLUSTER_FIELDS = List.of(new Field("certificate-authority", Kind.CERTIFICATES));
    private static final List<Field> USER_FIELDS = List.of(new Field("client-certificate", Kind.CERTIFICATES),
            new Field("client-key", Kind.PRIVATE_KEY), new Field("tokenFile", Kind.TEXT));
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(?:[A-Za-z-]+:[^\\n]*\\n)*([^-]*)-----END \\1-----");
    /** Anything bigger is not a certificate, key or token file. */
    private static final long MAX_BYTES = 1024 * 1024;

    private enum Kind { CERTIFICATES, PRIVATE_KEY, TEXT }

    private record Field(String name, Kind kind) {
    }

    private CredentialCheck() {
    }

    static List<String> cluster(Entry cluster) {
        String entry = "cluster '" + cluster.name() + "'";
        List<String> problems = check(entry, cluster, CLUSTER_FIELDS);
        url(entry, "server", cluster.body().get("server"), List.of("https", "http")).ifPresent(problems::add);
        url(entry, "proxy-url", cluster.body().get("proxy-url"), List.of("http", "https", "socks5")).ifPresent(problems::add);
        return problems;
    }

    static List<String> user(Entry user) {
        String entry = "user '" + user.name() + "'";
        List<String> problems = check(entry, user, USER_FIELDS);
        exec(entry, user.body().get("exec")).ifPresent(problems::add);
        JsonNode provider = user.body().get("auth-provider");
        if (provider != null && !provider.isNull()) {
            String name = provider.isObject() ? text(provider.get("name")) : null;
            if (name == null || !name.equals("oidc")) {
                problems.add(entry + ": auth-provider '" + (name == null ? "" : name) + "' is no longer supported (kubectl 1.26"
                        + " removed the built-in gcp and azure providers); use the exec plugin instead (for GKE: "
                        + "gke-gcloud-auth-plugin, for AKS: kubelogin)");
            }
        }
        return problems;
    }

    /** A URL field as client-go parses it: a scheme it supports and a host; the value is quoted with any password masked. */
    private static java.util.Optional<String> url(String entry, String field, JsonNode node, List<String> schemes) {
        if (node == null || node.isNull()) {
            return java.util.Optional.empty();
        }
        String value = text(node);
        if (value == null || !node.isTextual()) {
            return java.util.Optional.of(entry + ": " + field + " should be a URL");
        }
        String shown = dev.ponte.core.task.Redactor.redact(value.length() > 120 ? value.substring(0, 120) + "…" : value);
        java.net.URI uri;
        try {
            uri = new java.net.URI(value.strip());
        } catch (java.net.URISyntaxException ex) {
            return java.util.Optional.of(entry + ": " + field + " '" + shown + "' is not a URL (" + ex.getReason() + ")");
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
            return java.util.Optional.of(entry + ": " + field + " '" + shown + "' should start with "
                    + String.join("://, ", schemes) + "://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return java.util.Optional.of(entry + ": " + field + " '" + shown + "' names no host");
        }
        return java.util.Optional.empty();
    }

    /** An exec credential plugin as client-go requires it: a command, an apiVersion, args as a list. */
    private static java.util.Optional<String> exec(String entry, JsonNode exec) {
        if (exec == null || exec.isNull()) {
            return java.util.Optional.empty();
        }
        if (!exec.isObject()) {
            return java.util.Optional.of(entry + ": exec should be a map with command and apiVersion");
        }
        if (text(exec.get("command")) == null || text(exec.get("command")).isBlank()) {
            return java.util.Optional.of(entry + ": exec names no command to run");
        }
        if (text(exec.get("apiVersion")) == null || text(exec.get("apiVersion")).isBlank()) {
            return java.util.Optional.of(entry + ": exec has no apiVersion (e.g. client.authentication.k8s.io/v1beta1)");
        }
        JsonNode args = exec.get("args");
        if (args != null && !args.isNull() && !args.isArray()) {
            return java.util.Optional.of(entry + ": exec args should be a list of words, one per argument");
        }
        return java.util.Optional.empty();
    }

    private static List<String> check(String entry, Entry e, List<Field> fields) {
        List<String> problems = new ArrayList<>();
        ObjectNode body = e.body();
        for (Field f : fields) {
            String why = null;
            JsonNode data = body.get(f.name() + "-data");
            if (f.kind() != Kind.TEXT && data != null && !data.isNull()) {
                why = checkData(f, data);
                if (why != null) {
                    why = f.name() + "-data " + why;
                }
            } else if (body.get(f.name()) != null && !body.get(f.name()).isNull()) {
                why = checkFile(f, body.get(f.name()), e.file());
            }
            if (why != null) {
                problems.add(entry + ": " + why);
            }
        }
        return problems;
    }

    private static String checkData(Field f, JsonNode node) {
        if (!node.isTextual()) {
            return "should be base64 text, but it is " + (node.isContainerNode() ? "a list or map" : "a number or flag");
        }
        // client-go reads it like Go's encoding/json: standard base64, line breaks ignored.
        String text = node.asText().replaceAll("[\\r\\n]", "");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
            if (!base64) {
                return "is not valid base64: character " + (c > ' ' && c < 127 ? "'" + c + "'" : String.format("U+%04X", (int) c))
                        + " at position " + (i + 1) + " is not allowed";
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException ex) {
            return "is not valid base64 (" + ex.getMessage() + ")";
        }
        if (bytes.length == 0) {
            return "is empty";
        }
        String why = checkContent(f.kind(), bytes);
        return why == null ? null : "decodes to " + why;
    }

    private static String checkFile(Field f, JsonNode node, Path definedIn) {
        String value = text(node);
        if (value == null || !node.isTextual()) {
            return f.name() + " should be a file path";
        }
        Path path;
        try {
            path = Path.of(value);
            if (!path.isAbsolute() && definedIn.getParent() != null) {
                path = definedIn.getParent().resolve(path).normalize(); // as kubectl: relative to the kubeconfig
            }
        } catch (InvalidPathException ex) {
            return f.name() + " '" + value + "' is not a valid file path";
        }
        String what = f.name() + " " + path;
        if (!Files.exists(path)) {
            return what + " does not exist";
        }
        if (Files.isDirectory(path)) {
            return what + " is a folder, not a file";
        }
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                return what + " is too large (more than 1 MB)";
            }
            bytes = Files.readAllBytes(path);
        } catch (AccessDeniedException ex) {
            return what + " cannot be read: permission denied";
        } catch (IOException ex) {
            return what + " cannot be read: " + ex.getMessage();
        }
        if (f.kind() == Kind.TEXT) {
            return new String(bytes, StandardCharsets.UTF_8).isBlank() ? what + " is empty" : null;
        }
        String why = checkContent(f.kind(), bytes);
        return why == null ? null : what + " holds " + why;
    }

    /** Null when the bytes hold what the field needs, else what they hold instead. */
    private static String checkContent(Kind kind, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (kind == Kind.CERTIFICATES) {
            if (!text.contains("-----BEGIN CERTIFICATE-----")) {
                return "no PEM certificate (no -----BEGIN CERTIFICATE----- line)";
            }
            try {
                if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).isEmpty()) {
                    return "no PEM certificate";
                }
            } catch (CertificateException ex) {
                return "a PEM certificate that cannot be parsed (" + firstLine(ex.getMessage()) + ")";
            }
            return null;
        }
        Matcher m = PEM_BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).endsWith("PRIVATE KEY")) {
                String body = m.group(2).replaceAll("\\s", "");
                try {
                    if (body.isEmpty() || Base64.getDecoder().decode(body).length == 0) {
                        return "a PEM private key block with nothing in it";
                    }
                    return null;
                } catch (IllegalArgumentException ex) {
                    return "a PEM private key that cannot be parsed (its base64 is broken)";
                }
            }
        }
        return text.contains("PRIVATE KEY-----")
                ? "a PEM private key that cannot be parsed (BEGIN and END lines do not match)"
                : "no PEM private key (no -----BEGIN ... PRIVATE KEY----- block)";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
