package dev.ponte.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            1, 1
            2, 2
            3, 4
            5, 16
            6, 30
            60, 30
            """)
    void delayDoublesUpToTheCap(int attempt, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Backoff.DEFAULT.delay(attempt));
    }
}
