package dev.ponte.core.gefyra;

/**
 * Labels on the Cargo container; they are Gefyra's connection registry (upstream
 * client/gefyra/local/__init__.py and configuration.py), so the gefyra CLI and Ponte see each
 * other's connections.
 */
public final class CargoLabels {
    public static final String CREATED_BY = "created_by.gefyra.dev";
    public static final String ROLE = "gefyra.dev/role";
    public static final String ROLE_CARGO = "cargo";
    public static final String KUBECONFIG = "active_kubeconfig.gefyra.dev";
    public static final String CONTEXT = "active_context.gefyra.dev";
    public static final String ENDPOINT = "cargo_endpoint.gefyra.dev";
    public static final String CONNECTION = "connection_name.gefyra.dev";
    public static final String CLIENT = "gefyraclient.gefyra.dev";
    public static final String VERSION = "version.gefyra.dev";
    /** Ponte's own marker on every local object it creates (upstream ignores it). */
    public static final String MANAGED_BY = Gefyra.MANAGED_BY_LABEL;
    public static final String PONTE = Gefyra.MANAGED_BY_PONTE;
    /** Ponte's marker on the throw-away networks of a subnet search (a reconcile removes strays). */
    public static final String PROBE = "ponte.dev/probe";

    private CargoLabels() {
    }
}
