package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A PKCS#8 client key's algorithm is found so fabric8 reads it as kubectl does (fabric8 assumes RSA). */
class ClientKeyAlgorithmTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"RSA,", "EC,EC", "Ed25519,Ed25519"})
    void theAlgorithmOfAPkcs8KeyIsNamedUnlessItIsRsa(String algorithm, String expected) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertEquals(Optional.ofNullable(expected), ClientKeyAlgorithm.ofPem(pem));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", "not a key at all",
            "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----"})
    void keysThatNameTheirAlgorithmOrCannotBeReadAreLeftAsTheyAre(String pem) {
        assertEquals(Optional.empty(), ClientKeyAlgorithm.ofPem(pem));
    }
}
