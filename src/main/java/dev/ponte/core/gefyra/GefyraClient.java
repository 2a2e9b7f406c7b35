package dev.ponte.core.gefyra;

import java.util.Map;

/**
 * A GefyraClient custom resource as Ponte reads it. {@code providerConfig} holds the WireGuard
 * peer configuration (flat keys such as {@code Interface.PrivateKey}) — a secret: never log it.
 *
 * @param subnet the {@code providerParameter.subnet}, or null
 */
public record GefyraClient(String name, ClientState state, String subnet, Map<String, String> providerConfig,
                           String serviceAccountName) {
    public GefyraClient {
        providerConfig = providerConfig == null ? Map.of() : Map.copyOf(providerConfig);
    }

    @Override
    public String toString() {
        return "GefyraClient[" + name + ", " + state + ", subnet=" + subnet + ", providerConfig=" + providerConfig.keySet() + "]";
    }
}
