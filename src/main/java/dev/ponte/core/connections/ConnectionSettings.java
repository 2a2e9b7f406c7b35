package dev.ponte.core.connections;

import dev.ponte.core.gefyra.GefyraImages;
import java.nio.file.Path;

/** The values connections are made with: images, where Cargo reaches Stowaway, where files go, who this machine is. */
public interface ConnectionSettings {
    /** Gefyra's images (registry and per-image overrides). */
    GefyraImages images();

    /** {@code host:port} where Cargo reaches Stowaway for this context. */
    String cargoEndpoint(String context);

    /** Upstream's {@code ~/.gefyra}: where the WireGuard config of each connection goes (owner-only). */
    Path gefyraDir();

    /** This machine and user, stable across starts (the GefyraClient names derive from it). */
    String machine();

    /** The MTU the user applied to this context's connection (upstream's {@code --mtu}); empty: the defaults. */
    default java.util.OptionalInt mtu(String context) {
        return java.util.OptionalInt.empty();
    }

    /** Remembers the MTU for the context's connections from now on (empty: back to the defaults). */
    default void mtu(String context, java.util.OptionalInt mtu) {
        throw new UnsupportedOperationException("these settings cannot remember an MTU");
    }
}
