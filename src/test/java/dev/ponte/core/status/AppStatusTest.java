package dev.ponte.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.status.AppStatus.Overall;
import dev.ponte.core.connections.ConnectionState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppStatusTest {
    private static AppStatus of(String states) {
        String[] s = states.isBlank() ? new String[0] : states.split(" ");
        List<ConnectionStatus> c = Arrays.stream(s).map(x -> ConnectionStatus.of("c-" + x, dev.ponte.core.connections.ConnectionState.valueOf(x.equals("NONE") ? "NOT_CONNECTED" : x), "")).toList();
        return new AppStatus(c, List.of());
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(textBlock = """
            '',                          NONE
            NONE,                        NONE
            CONNECTING,                  NONE
            DISCONNECTING,               NONE
            CONNECTED,                   CONNECTED
            CONNECTED DEGRADED,          DEGRADED
            DEGRADED CONNECTED DOWN,     DOWN
            NONE FAILED,                 DOWN
            CONNECTED CONNECTING,        CONNECTED
            """)
    void theIconShowsTheWorstConnection(String states, Overall expected) {
        assertEquals(expected, of(states).overall());
    }

    @Test
    void aFlaggedBridgeMakesAHealthyConnectionDegraded() {
        var b = new BridgeStatus("b", "default/deployment/api", "api-local", BridgeStatus.State.FLAGGED,
                "local container api-local stopped", Instant.EPOCH);
        AppStatus s = new AppStatus(of("CONNECTED").connections(), List.of(b));
        assertEquals(Overall.DEGRADED, s.overall());
        assertEquals(Overall.DOWN, new AppStatus(of("DOWN").connections(), List.of(b)).overall());
    }

    @Test
    void anythingUpCountsTunnelsAndBridges() {
        assertFalse(of("NONE FAILED CONNECTING").anythingUp());
        assertTrue(of("DOWN").anythingUp());
        var b = new BridgeStatus("b", "default/deployment/api", "api-local", BridgeStatus.State.ACTIVE, "", Instant.EPOCH);
        assertTrue(new AppStatus(List.of(), List.of(b)).anythingUp());
    }
}
