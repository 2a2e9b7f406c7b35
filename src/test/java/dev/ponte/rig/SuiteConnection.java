package dev.ponte.rig;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Poll;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection a rig suite's checks run on, made in its {@code @BeforeAll}: it is what those checks need, not what
 * they test (RigEndToEndTest, CancelOnRigTest, TwoConnectionsRigTest and CrashMatrixTest test Connect itself and stay
 * strict). A failure there fails the whole class, which surefire does not run again the way it does a failed test; on
 * the loaded 2-core CI machine the rig's Connect failed once in a run ("Cargo's tunnel went away": a handshake, then no
 * answer from Stowaway for the step's 30 s). So a failed first attempt is logged with its problem and Connect runs once
 * more, as the user is told to; a second failure fails the suite.
 */
final class SuiteConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteConnection.class);

    private SuiteConnection() {
    }

    static void connect(ConnectionService connections, String context, Duration wait) throws Exception {
        for (int attempt = 1; ; attempt++) {
            connections.connect(context);
            ConnectionSnapshot c = Poll.until("Connect of " + context + " to end", () -> connections.snapshot().of(context)
                    .filter(s -> s.state() == ConnectionState.CONNECTED || s.state() == ConnectionState.FAILED)
                    .orElse(null), wait, Duration.ofMillis(100), new CancellationToken());
            if (c.state() == ConnectionState.CONNECTED) {
                return;
            }
            if (attempt == 2) {
                throw new AssertionError("Connect of " + context + " failed twice; the second time: " + c.headline() + " — "
                        + c.problem());
            }
            LOG.warn("rig: Connect of {} failed ({} — {}); connecting once more", context, c.headline(), c.problem());
            Poll.until("the failed Connect to end", () -> connections.snapshot().busy().isEmpty() ? Boolean.TRUE : null, wait,
                    Duration.ofMillis(100), new CancellationToken());
        }
    }
}
