package dev.ponte.ui.run;

import dev.ponte.core.run.BridgeState;
import dev.ponte.core.run.LocalContainer;
import java.util.List;

/**
 * One row of the local-containers list.
 *
 * @param bridges this machine's bridges that point at the container
 */
public record LocalContainerItem(LocalContainer container, List<BridgeState> bridges) {
    public LocalContainerItem {
        bridges = List.copyOf(bridges);
    }

    public String name() {
        return container.name();
    }

    /** A live bridge points at a container that is not running: the user's traffic goes nowhere. */
    public boolean problem() {
        return !container.running() && !bridges.isEmpty();
    }
}
