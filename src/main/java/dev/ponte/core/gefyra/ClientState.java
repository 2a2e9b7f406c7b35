package dev.ponte.core.gefyra;

/** States of a GefyraClient (upstream operator/gefyra/clientstate.py). */
public enum ClientState {
    REQUESTED, CREATING, WAITING, ENABLING, ACTIVE, DISABLING, ERROR, TERMINATING;

    /** The value as it appears in the CR's {@code state}; unknown values map to null. */
    public static ClientState parse(String s) {
        if (s == null) {
            return REQUESTED;
        }
        try {
            return valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
