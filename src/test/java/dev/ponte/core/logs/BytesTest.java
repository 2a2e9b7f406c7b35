package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time helpers give what a byte loop gives. */
class BytesTest {
    @Test
    void firstByteIsTheLowestMarkedByteWhateverIsMarkedAboveIt() {
        for (int k = 0; k < 8; k++) {
            long lowest = 0x80L << (8 * k);
            assertEquals(k, Bytes.firstByte(lowest));
            for (int above = k + 1; above < 8; above++) {
                assertEquals(k, Bytes.firstByte(lowest | 0x80L << (8 * above)));
            }
        }
        assertEquals(0, Bytes.firstByte(0x8080808080808080L));
    }

    @Test
    void wordReadsLittleEndian() {
        byte[] b = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x6867666564636261L, Bytes.word(b, 0));
        assertEquals(0x6a69686766656463L, Bytes.word(b, 2));
    }

    @Test
    void indexOfFindsTheFirstOccurrenceAtEveryOffset() {
        long eq = Bytes.repeated((byte) '=');
        for (int len = 0; len < 40; len++) {
            for (int at = -1; at < len; at++) {
                byte[] b = new byte[len + 3];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) ('a' + i % 26);
                }
                if (at >= 0) {
                    b[at] = '=';
                    if (at + 2 < len) {
                        b[at + 2] = '=';
                    }
                }
                b[len] = '='; // beyond the range: never found
                for (int from = 0; from <= len; from++) {
                    int expected = len;
                    for (int i = from; i < len; i++) {
                        if (b[i] == '=') {
                            expected = i;
                            break;
                        }
                    }
                    assertEquals(expected, Bytes.indexOf(b, from, len, (byte) '=', eq), "len " + len + " at " + at + " from " + from);
                }
            }
        }
        byte[] high = {(byte) 0xbd, (byte) 0x3d, 0x3c, 0x3e, 0, 0, 0, 0, 0};
        assertEquals(1, Bytes.indexOf(high, 0, high.length, (byte) '=', eq)); // 0xbd is not '='
    }
}
