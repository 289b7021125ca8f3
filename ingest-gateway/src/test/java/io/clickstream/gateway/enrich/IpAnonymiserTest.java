package io.clickstream.gateway.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAnonymiserTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.77, 203.0.113.0",
            "10.1.2.3, 10.1.2.0",
            "255.255.255.255, 255.255.255.0",
            "0.0.0.0, 0.0.0.0",
            "'  198.51.100.9 ', 198.51.100.0",
            "198.51.100.9:5000, 198.51.100.0",
            "::ffff:192.0.2.128, 192.0.2.0",
            "2001:db8:85a3:8d3:1319:8a2e:370:7348, 2001:db8:85a3::",
            "[2001:db8:85a3::7348]:443, 2001:db8:85a3::",
            "fe80::1%eth0, fe80::",
            "::1, ::",
    })
    void zeroesTheHostPart(String input, String expected) {
        assertThat(IpAnonymiser.anonymise(input)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "256.1.1.1", "01.2.3.4", "1.2.3.4.5",
            "unknown", "2001:db8::zz", ":::", "1.2.3.4, 5.6.7.8"})
    void refusesAnythingButALiteral(String input) {
        assertThat(IpAnonymiser.anonymise(input)).isEmpty();
    }

    @Test
    void nullIsNoAddress() {
        assertThat(IpAnonymiser.anonymise(null)).isEmpty();
    }

    @Test
    void compressesTheLongestZeroRun() {
        assertThat(IpAnonymiser.compress("2001:db8:0:0:1:0:0:0")).isEqualTo("2001:db8:0:0:1::");
        assertThat(IpAnonymiser.compress("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
    }
}
