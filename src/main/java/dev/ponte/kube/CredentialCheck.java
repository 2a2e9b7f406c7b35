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
        return check("cluster '" + cluster.name() + "'", cluster, CLUSTER_FIELDS);
    }

    static List<String> user(Entry user) {
        return check("user '" + user.name() + "'", user, USER_FIELDS);
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
