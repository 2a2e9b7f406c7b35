package dev.ponte.core.run;

import dev.ponte.core.gefyra.Bridge;

/** Why a bridge cannot carry traffic right now, in words; the rows, the status bar and the tray show the same. */
public final class BridgeFlags {
    private BridgeFlags() {
    }

    /** @return the reason, or null when the bridge is fine */
    public static String flag(Bridge b, LocalContainer local, String tunnelDown) {
        if (tunnelDown != null) {
            return "the tunnel is down: " + tunnelDown;
        }
        if (b.failed()) {
            return "the operator reports an error" + (b.message() == null ? "" : ": " + b.message());
        }
        if (local == null) {
            return "its local container " + b.clientContainer() + " is gone";
        }
        if (!local.running()) {
            return "its local container " + b.clientContainer() + " is " + local.state();
        }
        if (local.ip() != null && b.destinationIp() != null && !local.ip().equals(b.destinationIp())) {
            return "it points at " + b.destinationIp() + " but " + local.name() + " is at " + local.ip();
        }
        return null;
    }
}
