package dev.ponte.kube;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubectl reads a client key in PKCS#8 form ({@code -----BEGIN PRIVATE KEY-----}) whatever its algorithm; fabric8
 * reads it with the algorithm its config names, RSA unless told otherwise, and fails on an EC key with "Invalid DER:
 * object is not integer". This finds the key's algorithm so the config can name it.
 */
final class ClientKeyAlgorithm {
    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]+)-----END PRIVATE KEY-----");
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private ClientKeyAlgorithm() {
    }

    /** Sets the client key's algorithm in {@code config} when its key is PKCS#8 and not RSA. */
    static void apply(Config config) {
        of(config).ifPresent(config::setClientKeyAlgo);
    }

    static Optional<String> of(Config config) {
        String pem = null;
        try {
            if (config.getClientKeyData() != null && !config.getClientKeyData().isBlank()) {
                pem = new String(Base64.getMimeDecoder().decode(config.getClientKeyData()), StandardCharsets.US_ASCII);
            } else if (config.getClientKeyFile() != null) {
                pem = Files.readString(Path.of(config.getClientKeyFile()), StandardCharsets.US_ASCII);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the kubeconfig checks name an unreadable key; fabric8 says the rest
        }
        return pem == null ? Optional.empty() : ofPem(pem);
    }

    static Optional<String> ofPem(String pem) {
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            return Optional.empty(); // PKCS#1 ("RSA PRIVATE KEY") and SEC1 ("EC PRIVATE KEY") name their algorithm
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String algorithm : ALGORITHMS) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return "RSA".equals(algorithm) ? Optional.empty() : Optional.of(algorithm);
            } catch (Exception e) {
                // not this one
            }
        }
        return Optional.empty();
    }
}
