package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityDetectorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-05-01 10:00:00 ERROR Connection refused          | ERROR
            [WARN] disk almost full                                 | WARN
            INFO  Started in 3.2 s                                  | INFO
            DEBUG cache miss                                        | DEBUG
            TRACE enter handler                                     | TRACE
            FATAL out of memory                                     | ERROR
            time=2025-05-01 level=warning msg="slow"                | WARN
            ts=1 lvl=error caller=main.go                           | ERROR
            E0501 12:00:00.123456       1 controller.go:10] failed  | ERROR
            W0501 12:00:00.123456       1 reflector.go:10] stale    | WARN
            I0501 12:00:00.123456       1 main.go:10] started       | INFO
            no error occurred while reading                         | NONE
            GET /healthz 200                                        | NONE
            INFORMATION about ERRORS                                | NONE
            """)
    void fromText(String text, Severity expected) {
        assertEquals(expected, SeverityDetector.detect(text, JsonText.looksLikeJson(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"level":"error","msg":"boom"}                  | ERROR
            {"ts":1,"level": "WARN","msg":"x"}              | WARN
            {"severity":"INFO","message":"ok"}              | INFO
            {"level":50,"msg":"pino error"}                 | ERROR
            {"level":20,"msg":"pino debug"}                 | DEBUG
            {"lvl":"dbg","msg":"short"}                     | DEBUG
            {"msg":"no level here but ERROR in text"}       | ERROR
            {"msg":"nothing"}                               | NONE
            """)
    void fromJsonField(String json, Severity expected) {
        assertEquals(expected, SeverityDetector.detect(json, true));
    }
}
