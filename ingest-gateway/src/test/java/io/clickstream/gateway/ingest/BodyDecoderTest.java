package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {

    private static final RequestLimits LIMITS = new RequestLimits(10_000, 40_000, 5, 200);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static void assertProblem(ThrowableAssert.ThrowingCallable call, int status, String limit) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestProblem.class, p -> {
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.body().limit()).isEqualTo(limit);
        });
    }

    @Test
    void oneObjectIsASingleEvent() {
        DecodedBody body = BodyDecoder.decode(utf8(" {\"a\":1} \n"), "application/json", null, LIMITS);
        assertThat(body.batch()).isFalse();
        assertThat(body.events()).singleElement().satisfies(e -> {
            assertThat(e.raw()).isEqualTo("{\"a\":1}");
            assertThat(e.json().get("a").intValue()).isEqualTo(1);
        });
    }

    @Test
    void anArrayIsABatchAndKeepsEachElementsOriginalText() {
        DecodedBody body = BodyDecoder.decode(utf8("[{\"a\": 1},\n {\"b\":\"ü\"}, 7]"), "application/json; charset=utf-8", null, LIMITS);
        assertThat(body.batch()).isTrue();
        assertThat(body.events()).extracting(RawEvent::raw).containsExactly("{\"a\": 1}", "{\"b\":\"ü\"}", "7");
        assertThat(body.events()).extracting(RawEvent::index).containsExactly(0, 1, 2);
    }

    @Test
    void ndjsonIsABatchAndABrokenLineSpoilsOnlyItself() {
        DecodedBody body = BodyDecoder.decode(utf8("{\"a\":1}\r\n\n{broken\n{\"c\":3} {\"d\":4}\n{\"e\":5}"), "application/x-ndjson", null, LIMITS);
        assertThat(body.batch()).isTrue();
        assertThat(body.events()).hasSize(4);
        assertThat(body.events().get(0).json().get("a").intValue()).isEqualTo(1);
        assertThat(body.events().get(1).parseError().rule()).isEqualTo("json_syntax");
        assertThat(body.events().get(1).raw()).isEqualTo("{broken");
        assertThat(body.events().get(2).parseError().rule()).isEqualTo("json_syntax");
        assertThat(body.events().get(3).json().get("e").intValue()).isEqualTo(5);
    }

    @Test
    void textPlainFromSendBeaconIsJson() {
        DecodedBody body = BodyDecoder.decode(utf8("[{\"a\":1}]"), "text/plain;charset=UTF-8", null, LIMITS);
        assertThat(body.events()).hasSize(1);
    }

    @Test
    void noContentTypeIsJson() {
        assertThat(BodyDecoder.decode(utf8("{\"a\":1}"), null, null, LIMITS).events()).hasSize(1);
    }

    @Test
    void otherMediaTypesAre415() {
        assertProblem(() -> BodyDecoder.decode(utf8("<a/>"), "application/xml", null, LIMITS), 415, null);
        assertProblem(() -> BodyDecoder.decode(utf8("{}"), "application/json", "br", LIMITS), 415, null);
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(() -> BodyDecoder.decode(utf8("[{\"a\":1},"), "application/json", null, LIMITS), 400, null);
        assertProblem(() -> BodyDecoder.decode(utf8("{\"a\":1} {\"b\":2}"), "application/json", null, LIMITS), 400, null);
        assertProblem(() -> BodyDecoder.decode(utf8("\"just a string\""), "application/json", null, LIMITS), 400, null);
        assertProblem(() -> BodyDecoder.decode(utf8(""), "application/json", null, LIMITS), 400, null);
        assertProblem(() -> BodyDecoder.decode(utf8("[]"), "application/json", null, LIMITS), 400, null);
        assertProblem(() -> BodyDecoder.decode(utf8("\n \n"), "application/x-ndjson", null, LIMITS), 400, null);
        assertProblem(() -> BodyDecoder.decode(utf8("[" + "[".repeat(100) + "]".repeat(100) + "]"), "application/json", null,
                new RequestLimits(10_000, 40_000, 5, 10_000)), 400, null);
    }

    @Test
    void limitsAre413NamingTheLimit() {
        assertProblem(() -> BodyDecoder.decode(new byte[10_001], "application/json", null, LIMITS), 413, RequestLimits.MAX_BODY_BYTES);
        assertProblem(() -> BodyDecoder.decode(utf8("[{},{},{},{},{},{}]"), "application/json", null, LIMITS), 413, RequestLimits.MAX_EVENTS_PER_BATCH);
        assertProblem(() -> BodyDecoder.decode(utf8("{}\n{}\n{}\n{}\n{}\n{}\n"), "application/x-ndjson", null, LIMITS), 413, RequestLimits.MAX_EVENTS_PER_BATCH);
        String big = "{\"x\":\"" + "y".repeat(300) + "\"}";
        assertProblem(() -> BodyDecoder.decode(utf8("[" + big + "]"), "application/json", null, LIMITS), 413, RequestLimits.MAX_EVENT_BYTES);
        assertProblem(() -> BodyDecoder.decode(utf8(big), "application/json", null, LIMITS), 413, RequestLimits.MAX_EVENT_BYTES);
        assertProblem(() -> BodyDecoder.decode(utf8(big + "\n"), "application/x-ndjson", null, LIMITS), 413, RequestLimits.MAX_EVENT_BYTES);
        assertThat(BodyDecoder.decode(utf8("[{},{},{},{},{}]"), "application/json", null, LIMITS).events()).hasSize(5);
    }

    @Test
    void gzipIsInflated() throws IOException {
        DecodedBody body = BodyDecoder.decode(gzip(utf8("{\"a\":1}\n{\"b\":2}\n")), "application/x-ndjson", "gzip", LIMITS);
        assertThat(body.events()).hasSize(2);
    }

    @Test
    void aDecompressionBombIsStoppedAtTheCap() throws IOException {
        byte[] bomb = gzip(new byte[5_000_000]); // ~5 KB on the wire
        assertThat(bomb.length).isLessThan(LIMITS.maxBodyBytes());
        assertProblem(() -> BodyDecoder.decode(bomb, "application/json", "gzip", LIMITS), 413, RequestLimits.MAX_DECOMPRESSED_BYTES);
    }

    @Test
    void brokenGzipIs400() {
        assertProblem(() -> BodyDecoder.decode(utf8("not gzip at all"), "application/json", "gzip", LIMITS), 400, null);
    }
}
