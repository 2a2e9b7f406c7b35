package dev.ponte.core.diagnostics;

/** The keys of the checklist's lines, in the order they are shown. */
public final class Checks {
    public static final String ENGINE = "engine";
    public static final String API = "api";
    public static final String PERMISSIONS = "permissions";
    public static final String OPERATOR = "operator";
    public static final String STOWAWAY = "stowaway";
    public static final String DNS = "dns";
    public static final String MTU = "mtu";
    public static final String PROXY = "proxy";
    public static final String NODES = "nodes";
    /** Prefix of one bridge's line: {@code bridge:<GefyraBridge name>}. */
    public static final String BRIDGE = "bridge:";

    private Checks() {
    }

    public static String bridge(String name) {
        return BRIDGE + name;
    }
}
