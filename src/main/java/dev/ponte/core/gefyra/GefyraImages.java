package dev.ponte.core.gefyra;

/**
 * The images of one Gefyra version; registry and each image can be overridden (air-gapped
 * registries, locally built test images). Defaults: {@code <registry>/<name>:<version>}.
 */
public record GefyraImages(String registry, String version, String operator, String stowaway, String carrier2,
                           String cargo) {

    public static GefyraImages defaults() {
        return of(Gefyra.DEFAULT_REGISTRY, Gefyra.VERSION, false);
    }

    /** @param windows pick {@code cargo-win} (Windows and WSL hosts) */
    public static GefyraImages of(String registry, String version, boolean windows) {
        String r = registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
        return new GefyraImages(r, version, r + "/operator:" + version, r + "/stowaway:" + version,
                r + "/carrier2:" + version, r + "/" + (windows ? "cargo-win" : "cargo") + ":" + version);
    }

    public GefyraImages withCargo(String image) {
        return new GefyraImages(registry, version, operator, stowaway, carrier2, image);
    }

    public GefyraImages withOperator(String image) {
        return new GefyraImages(registry, version, image, stowaway, carrier2, cargo);
    }
}
