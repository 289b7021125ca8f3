package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact reader's eight-bytes-at-a-time string check against the byte-by-byte rule. */
class StringScanTest {

    private static boolean plain(int b) {
        return b >= 0x20 && b <= 0x7e && b != '"' && b != '\\';
    }

    private static long word(int[] bytes) {
        long w = 0;
        for (int i = 7; i >= 0; i--) {
            w = (w << 8) | (bytes[i] & 0xff);
        }
        return w;
    }

    @Test
    void everyByteValueAtEveryPositionAmongPlainBytes() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            int[] bytes = new int[8];
            for (int position = 0; position < 8; position++) {
                for (int value = 0; value < 256; value++) {
                    for (int i = 0; i < 8; i++) {
                        int b;
                        do {
                            b = 0x20 + random.nextInt(0x5f);
                        } while (!plain(b));
                        bytes[i] = b;
                    }
                    bytes[position] = value;
                    assertThat(CompactEventReader.plainStringBytes(word(bytes)))
                            .as("byte 0x%02x at %d", value, position).isEqualTo(plain(value));
                }
            }
        }
    }

    @Test
    void randomWordsWithSeveralSpecialBytes() {
        Random random = new Random(5);
        int[] special = {0x00, 0x01, 0x1f, 0x20, 0x21, '"', '\\', 0x7e, 0x7f, 0x80, 0x81, 0xa2, 0xdc, 0xff, 0x5b, 0x5d};
        for (int n = 0; n < 500_000; n++) {
            int[] bytes = new int[8];
            boolean expected = true;
            for (int i = 0; i < 8; i++) {
                bytes[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : random.nextInt(256);
                expected &= plain(bytes[i]);
            }
            assertThat(CompactEventReader.plainStringBytes(word(bytes))).as("%016x", word(bytes)).isEqualTo(expected);
        }
    }
}
