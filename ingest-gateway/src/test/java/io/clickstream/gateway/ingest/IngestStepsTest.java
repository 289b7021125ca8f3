package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.dedup.RecentEventIds;
import io.clickstream.gateway.enrich.EventEnricher;
import io.clickstream.gateway.enrich.PrivacyAction;
import io.clickstream.gateway.ingest.Classified.Dropped;
import io.clickstream.gateway.ingest.Classified.Duplicate;
import io.clickstream.gateway.ingest.Classified.Rejected;
import io.clickstream.gateway.ingest.Classified.ToPublish;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.clickstream.gateway.publish.InFlightLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The four steps of {@link IngestService} on their own, without Kafka: classify, settle, answer. */
class IngestStepsTest {

    private static final Instant NOW = Instant.now();
    private static final RequestLimits LIMITS = new RequestLimits(1 << 20, 4 << 20, 500, 32768);

    private final RecentEventIds recentIds = new RecentEventIds(1000, Duration.ofMinutes(10));
    private final EventValidator validator = new EventValidator(ValidationLimits.defaults(), Clock.systemUTC());
    private final CompactEventReader compactReader = new CompactEventReader(ValidationLimits.defaults(), Clock.systemUTC());
    private final EventClassifier classifier = new EventClassifier(validator,
            new EventEnricher(Duration.ofSeconds(5), Duration.ofMinutes(1)), recentIds);
    private final Answers answers = new Answers(new ObjectMapper(), 2);

    private static String click(String id, String user) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"click\",\"ts\":\"" + NOW + "\",\"user_id\":\"" + user
                + "\",\"session_id\":\"s-1\",\"element\":\"#buy\"}";
    }

    private DecodedBody decode(String body) {
        return BodyDecoder.decode(body.getBytes(StandardCharsets.UTF_8), "application/json", null, LIMITS, compactReader);
    }

    private static RequestMeta meta(PrivacyAction privacy) {
        return new RequestMeta(NOW, "203.0.113.0", "shop", privacy);
    }

    @Test
    void classifyTellsEachEventsFateAndEnrichesWhatIsPublished() throws Exception {
        String a = UUID.randomUUID().toString();
        String seen = UUID.randomUUID().toString();
        recentIds.acknowledgedAll(new RecentEventIds.Key[] {RecentEventIds.key(seen)}, 1);
        Classification c = classifier.classify(decode("[" + click(a, "u-1") + "," + click(a, "u-1") + ","
                + click(seen, "u-2") + ",{\"type\":\"click\"}]"), meta(PrivacyAction.IGNORE));

        assertThat(c.events()).hasSize(4);
        ToPublish p = (ToPublish) c.events().get(0);
        assertThat(p.slot()).isZero();
        assertThat(p.topic()).isEqualTo("clicks");
        assertThat(p.key()).isEqualTo("u-1");
        JsonNode value = EventJson.readTree(new String(p.value(), StandardCharsets.UTF_8));
        assertThat(value.get("site").textValue()).isEqualTo("shop");
        assertThat(value.get("ip").textValue()).isEqualTo("203.0.113.0");
        assertThat(value.get("received_at").textValue()).isEqualTo(NOW.toString());
        assertThat(c.events().get(1)).isEqualTo(new Duplicate(a, EventType.CLICK, 0));
        assertThat(c.events().get(2)).isEqualTo(new Duplicate(seen, EventType.CLICK, -1));
        Rejected r = (Rejected) c.events().get(3);
        assertThat(r.type()).isEqualTo("click");
        assertThat(r.violations()).extracting(v -> v.path()).contains("$.event_id");
        assertThat(EventJson.readTree(new String(r.deadLetter(), StandardCharsets.UTF_8)).get("raw").textValue())
                .isEqualTo("{\"type\":\"click\"}");
        assertThat(c.toPublish()).containsExactly(p);
        assertThat(c.rejected()).containsExactly(r);
    }

    @Test
    void classifyDropsUnderThePrivacyActionDrop() {
        String id = UUID.randomUUID().toString();
        Classification c = classifier.classify(decode(click(id, "u-1")), meta(PrivacyAction.DROP));
        assertThat(c.events()).containsExactly(new Dropped(id));
        assertThat(c.toPublish()).isEmpty();
    }

    @Test
    void settleReleasesPermitsRemembersAndCountsOnlyAcknowledgedEvents() {
        String acked = UUID.randomUUID().toString();
        String lost = UUID.randomUUID().toString();
        Classification c = classifier.classify(decode("[" + click(acked, "u") + "," + click(lost, "u") + "]"),
                meta(PrivacyAction.IGNORE));
        InFlightLimiter inFlight = new InFlightLimiter(10);
        assertThat(inFlight.tryAcquire(2)).isTrue();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Settlement settlement = new Settlement(inFlight, recentIds, new GatewayMetrics(registry, inFlight::inFlight));
        PublishTracker tracker = new PublishTracker(2, t -> settlement.settle(c.toPublish(), t, System.nanoTime()));

        tracker.done(0, true);
        tracker.done(1, false);

        assertThat(inFlight.inFlight()).isZero();
        assertThat(recentIds.wasAcknowledged(RecentEventIds.key(acked))).isTrue();
        assertThat(recentIds.wasAcknowledged(RecentEventIds.key(lost))).isFalse();
        assertThat(registry.get("clickstream.gateway.events.accepted").tag("type", "click").functionCounter().count())
                .isEqualTo(1.0);
    }

    @Test
    void answerIs200OnlyWhenEveryRecordIsAcknowledged() throws Exception {
        String a = UUID.randomUUID().toString();
        DecodedBody body = decode("[" + click(a, "u") + "," + click(a, "u") + "]");
        Classification c = classifier.classify(body, meta(PrivacyAction.IGNORE));
        PublishTracker acked = new PublishTracker(1);
        acked.done(0, true);

        HttpAnswer ok = answers.answer(new IngestService.Outcome(body, c, acked, null));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode json = EventJson.readTree(new String(ok.json(), StandardCharsets.UTF_8));
        assertThat(json.get("accepted").intValue()).isEqualTo(1);
        assertThat(json.get("duplicates").intValue()).isEqualTo(1);

        HttpAnswer timedOut = answers.answer(new IngestService.Outcome(body, c, new PublishTracker(1), "not acknowledged in time"));
        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.retryAfterSeconds()).isEqualTo(2);
        JsonNode error = EventJson.readTree(new String(timedOut.json(), StandardCharsets.UTF_8));
        // the copy shares its first copy's fate
        assertThat(error.get("results").findValuesAsText("status")).containsExactly("unknown", "unknown");
    }

    @Test
    void aSingleRejectedEventIsA400() {
        DecodedBody body = decode("{\"type\":\"click\"}");
        Classification c = classifier.classify(body, meta(PrivacyAction.IGNORE));
        HttpAnswer answer = answers.answer(new IngestService.Outcome(body, c, new PublishTracker(1), null));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(List.of(new String(answer.json(), StandardCharsets.UTF_8))).allMatch(s -> s.contains("\"rejected\""));
    }
}
