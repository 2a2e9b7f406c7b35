package dev.ponte.core.connections;

import java.util.List;

/**
 * What an earlier run left of one connection, as the start-up reconcile found it: each part with where it is, the
 * operation that was interrupted (if the journal knows), and whether the cluster could be asked.
 *
 * @param interrupted the operation that was running when Ponte stopped ("Connect", "Run", …), or null
 * @param complete    Cargo runs on its network and the client is active (or could not be asked): Resume only re-attaches
 * @param clusterChecked false when the context's API server did not answer: its parts are listed from the journal only
 */
public record Leftovers(List<Part> parts, String interrupted, boolean complete, boolean clusterChecked, String origin) {
    public Leftovers {
        parts = List.copyOf(parts);
    }

    /** One thing that is there. */
    public record Part(Journal.Kind kind, String name, String where) {
        public String describe() {
            return new Journal.Entry(kind, name, null, where, where, Journal.Status.CREATED, null, null).describe();
        }

        /** The short form for a one-line summary: a file by its name only. */
        String brief() {
            return kind == Journal.Kind.FILE ? "file " + name : describe();
        }
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** "a GefyraClient, the network gefyra-network-x and 1 file" — one line for the banner. */
    public String summary() {
        return String.join(", ", parts.stream().map(Part::brief).toList());
    }
}
