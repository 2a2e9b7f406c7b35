package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.run.BridgeState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status bar's bridge part: a count, and the first bridge that cannot carry traffic with its reason. */
class BridgeSummaryTest {
    private static BridgeState state(String name, String flag) {
        return new BridgeState(new Bridge(name, "m", "me", "api-local", "10.18.0.2", List.of("8000:8080"),
                new MatchRules(List.of()), Map.of(), "ACTIVE", null, Instant.EPOCH),
                new BridgeMount("m", "shop", "deployment/api", "web", "ACTIVE", null, Instant.EPOCH, "me"), flag);
    }

    @Test
    void countsBridgesAndNamesTheFirstFlaggedOne() {
        assertEquals("", StatusBarViewModel.bridgeSummary(List.of()));
        assertEquals(" · 1 bridge", StatusBarViewModel.bridgeSummary(List.of(state("a", null))));
        assertEquals(" · ⚠ 1 of 2 bridges not carrying traffic: shop/api — its local container api-local is exited",
                StatusBarViewModel.bridgeSummary(List.of(state("a", null), state("b", "its local container api-local is exited"))));
    }
}
