package io.clickstream.gateway.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(ClientAddressResolver.resolve("198.51.100.7", List.of("203.0.113.1"), 0)).isEqualTo("198.51.100.7");
    }

    @Test
    void oneTrustedProxyMeansTheRightmostEntryIsTheClient() {
        assertThat(ClientAddressResolver.resolve("10.0.0.2", List.of("203.0.113.9"), 1)).isEqualTo("203.0.113.9");
    }

    @Test
    void spoofedLeftmostEntriesAreNotTrusted() {
        // The client sent "X-Forwarded-For: 1.1.1.1"; our one proxy appended the address it saw.
        assertThat(ClientAddressResolver.resolve("10.0.0.2", List.of("1.1.1.1, 203.0.113.9"), 1)).isEqualTo("203.0.113.9");
        // Two proxies: the client is the second entry from the right, whatever the client wrote before.
        assertThat(ClientAddressResolver.resolve("10.0.0.3", List.of("6.6.6.6, 7.7.7.7, 203.0.113.9, 10.0.0.2"), 2))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void severalHeadersFormOneChain() {
        assertThat(ClientAddressResolver.resolve("10.0.0.3", List.of("6.6.6.6", "203.0.113.9, 10.0.0.2"), 2))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aShorterChainThanConfiguredEndsAtItsLeftmostEntry() {
        assertThat(ClientAddressResolver.resolve("10.0.0.2", List.of("203.0.113.9"), 3)).isEqualTo("203.0.113.9");
    }

    @Test
    void garbageFromTheClientSlotFallsBackToTheNearestValidAddress() {
        assertThat(ClientAddressResolver.resolve("10.0.0.2", List.of("not-an-ip"), 1)).isEqualTo("10.0.0.2");
    }

    @Test
    void noHeaderMeansThePeer() {
        assertThat(ClientAddressResolver.resolve("10.0.0.2", List.of(), 2)).isEqualTo("10.0.0.2");
        assertThat(ClientAddressResolver.resolve("10.0.0.2", null, 2)).isEqualTo("10.0.0.2");
    }
}
