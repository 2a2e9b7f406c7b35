package dev.ponte.core.port;

import java.util.List;

/** The container engines of this machine: which one Ponte uses, and the others it found. Blocking (pings engines). */
public interface Engines {
    /** Opens the engine in use; a {@link dev.ponte.core.task.PonteException} with advice when none answers. */
    ContainerEngine open();

    /** Opens the engine at {@code endpoint} (one the journal recorded), whether or not it is the one in use. */
    ContainerEngine open(String endpoint);

    /** The endpoint of the engine in use, or null when none answers. */
    String endpoint();

    /** Every engine found, which one is used and why. */
    List<EngineOption> options();

    /** Use this engine from now on (null: discover again); remembered in the settings. */
    void use(String endpoint);

    /**
     * One engine as the picker shows it.
     *
     * @param label   product, version, endpoint and status, e.g. "Docker 27.1 — unix:///var/run/docker.sock (in use)"
     * @param usable it answers and Ponte can talk to it
     * @param inUse  it is the one Ponte uses
     */
    record EngineOption(String endpoint, String label, boolean usable, boolean inUse) {
        @Override
        public String toString() {
            return label;
        }
    }
}
