package dev.ponte.core.gefyra;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Default names of mounts and bridges, built like upstream's client: client/gefyra/api/mount.py
 * ({@code <workload[:25]>-<ns[:20]>-<5 random>}) and client/gefyra/api/bridge.py
 * ({@code <clientId[:25]>-<mount target[:20], '/' → '-'>-<container[:20]>-<5 random>}); the random part is
 * {@code [a-z0-9]} (api/utils.py {@code random_string}). Upstream refuses a name longer than 63
 * characters, which its own bridge default can reach (25+20+20+8 = 73); Ponte shortens the target and
 * container parts instead, so a default name always fits.
 */
public final class GefyraNames {
    public static final int MAX_LENGTH = 63;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final RandomGenerator RANDOM = new SecureRandom();

    private GefyraNames() {
    }

    public static String mountName(String workload, String namespace) {
        return mountName(workload, namespace, RANDOM);
    }

    public static String mountName(String workload, String namespace, RandomGenerator random) {
        return cut(workload, 25) + "-" + cut(namespace, 20) + "-" + randomPart(random);
    }

    /** @param mountTarget the mount's {@code target}, e.g. {@code deployment/api} */
    public static String bridgeName(String clientId, String mountTarget, String container) {
        return bridgeName(clientId, mountTarget, container, RANDOM);
    }

    public static String bridgeName(String clientId, String mountTarget, String container, RandomGenerator random) {
        String client = cut(clientId, 25);
        String target = cut(mountTarget, 20).replace('/', '-');
        String box = cut(container, 20);
        String suffix = "-" + randomPart(random);
        int over = client.length() + 1 + target.length() + 1 + box.length() + suffix.length() - MAX_LENGTH;
        if (over > 0) {
            // Shorten the container first, then the target; keep at least 5 characters of each.
            int fromBox = Math.min(over, Math.max(0, box.length() - 5));
            box = box.substring(0, box.length() - fromBox);
            over -= fromBox;
            target = target.substring(0, target.length() - Math.min(over, Math.max(0, target.length() - 5)));
        }
        return client + "-" + target + "-" + box + suffix;
    }

    /** Five characters of {@code [a-z0-9]}. */
    static String randomPart(RandomGenerator random) {
        StringBuilder s = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
