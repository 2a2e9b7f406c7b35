package dev.ponte.core.connections;

import java.util.ArrayList;
import java.util.List;

/** How to remove leftovers by hand, one command per thing, for the message that lists them. */
final class Manual {
    private Manual() {
    }

    /** From lines such as "container gefyra-cargo-x", "network gefyra-network-x", "GefyraClient p1", "file /h/.gefyra/x.conf". */
    static String commands(List<String> leftovers) {
        List<String> out = new ArrayList<>();
        for (String l : leftovers) {
            String[] w = l.split(" ", 2);
            if (w.length < 2) {
                continue;
            }
            String name = w[1].split(" ")[0];
            switch (w[0]) {
                case "container" -> out.add("docker rm -f " + name);
                case "network" -> out.add("docker network rm " + name);
                case "GefyraClient" -> out.add("kubectl -n gefyra delete gefyraclient " + name);
                case "GefyraBridge" -> out.add("kubectl -n gefyra delete gefyrabridge " + name);
                case "GefyraBridgeMount" -> out.add("kubectl -n gefyra delete gefyrabridgemount " + name);
                case "file" -> out.add("rm " + name);
                default -> { }
            }
        }
        return out.isEmpty() ? "see the list above." : String.join("; ", out) + ".";
    }
}
