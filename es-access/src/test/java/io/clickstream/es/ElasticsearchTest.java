package io.clickstream.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElasticsearchTest {

    @Test
    void anUnreachableAddressIsARetryableFailureThatNamesIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        try (Elasticsearch es = Elasticsearch.connect(url, Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> es.count("anything"))
                    .isInstanceOfSatisfying(EsException.class, e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains(url).contains("count of anything");
                    });
        }
    }

    @Test
    void theAddressLosesItsTrailingSlash() {
        try (Elasticsearch es = Elasticsearch.connect("http://127.0.0.1:9200//")) {
            assertThat(es.url()).isEqualTo("http://127.0.0.1:9200");
        }
    }
}
