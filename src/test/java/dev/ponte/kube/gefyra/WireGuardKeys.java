package dev.ponte.kube.gefyra;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.util.Base64;

/**
 * Test support for the operator double: a WireGuard key pair, base64 of the raw 32-byte Curve25519 private
 * key and of its public key, the format {@code wg genkey | wg pubkey} prints; usable by a real WireGuard peer.
 */
public record WireGuardKeys(String privateKey, String publicKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static WireGuardKeys generate() {
        try {
            var pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
            return new WireGuardKeys(Base64.getEncoder().encodeToString(scalar),
                    Base64.getEncoder().encodeToString(littleEndian32(u)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }

    /** A WireGuard preshared key: 32 random bytes, base64. */
    public static String presharedKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] littleEndian32(BigInteger u) {
        byte[] big = u.toByteArray(); // big-endian, maybe with a leading sign byte
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }
}
