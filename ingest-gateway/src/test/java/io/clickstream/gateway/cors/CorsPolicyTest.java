package io.clickstream.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.gateway.cors.CorsDecision.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    private static final String GATEWAY = "events.example:8080";

    private final CorsPolicy keyed = CorsPolicy.of(Set.of("wk_shop", "wk_blog", "wk_server"),
            Map.of("wk_shop", List.of("https://shop.example", "https://*.shop.example", "http://localhost:3000"),
                    "wk_blog", List.of("https://blog.example:8443")),
            List.of("loopback"));
    private final CorsPolicy keyless = CorsPolicy.of(Set.of(), Map.of(), List.of("loopback"));

    @Test
    void withoutAnOriginOrFromTheGatewaysOwnPagesItIsNotCrossOrigin() {
        assertThat(keyed.decide(null, "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.NOT_CROSS_ORIGIN);
        assertThat(keyed.decide("http://events.example:8080", null, GATEWAY).verdict()).isEqualTo(Verdict.NOT_CROSS_ORIGIN);
        assertThat(keyed.decide("https://events.example", null, "events.example").verdict()).isEqualTo(Verdict.NOT_CROSS_ORIGIN);
        assertThat(keyed.decide("https://events.example", null, "events.example:443").verdict()).isEqualTo(Verdict.NOT_CROSS_ORIGIN);
        assertThat(keyed.decide("http://events.example:8081", null, GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void aKeysOwnOriginsAreAllowedAndEchoedAsSent() {
        CorsDecision decision = keyed.decide("https://shop.example", "wk_shop", GATEWAY);
        assertThat(decision.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(decision.origin()).isEqualTo("https://shop.example");
        assertThat(keyed.decide("https://SHOP.example:443", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(keyed.decide("https://www.shop.example", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(keyed.decide("https://a.b.shop.example", " wk_shop ", GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(keyed.decide("http://localhost:3000", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(keyed.decide("https://blog.example:8443", "wk_blog", GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void anotherKeysOriginIsDeniedNamingTheOriginAndThePropertyToChange() {
        CorsDecision decision = keyed.decide("https://blog.example:8443", "wk_shop", GATEWAY);
        assertThat(decision.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(decision.configKey()).isEqualTo("clickstream.cors.origins.wk_shop");
        assertThat(decision.message()).contains("https://blog.example:8443", "clickstream.cors.origins.wk_shop");
    }

    @Test
    void wildcardSubdomainsNeedTheSameSchemeAndPortAndNotTheBareDomain() {
        assertThat(keyed.decide("http://www.shop.example", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(keyed.decide("https://www.shop.example:8443", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(keyed.decide("https://evilshop.example", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(keyed.decide("http://localhost:3001", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void aConfiguredKeyWithoutOriginsAcceptsNoBrowserOrigin() {
        CorsDecision decision = keyed.decide("https://shop.example", "wk_server", GATEWAY);
        assertThat(decision.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(decision.message()).contains("wk_server", "allows no browser origin");
        assertThat(decision.configKey()).isEqualTo("clickstream.cors.origins.wk_server");
    }

    @Test
    void aKeyUnknownBeforeTheBodyAllowsWhatAnyKeyAllows() {
        assertThat(keyed.decide("https://blog.example:8443", null, GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(keyed.decide("https://www.shop.example", "wk_nope", GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
        CorsDecision decision = keyed.decide("https://evil.example", null, GATEWAY);
        assertThat(decision.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(decision.configKey()).isEqualTo("clickstream.cors.origins.<write-key>");
    }

    @Test
    void withKeysLoopbackIsNotAllowedUnlessListed() {
        assertThat(keyed.decide("http://127.0.0.1:5173", null, GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void withoutKeysTheDefaultOriginsApplyAndLoopbackIsTheDefault() {
        for (String origin : List.of("http://localhost:5173", "http://127.0.0.1:8081", "https://127.4.5.6", "http://[::1]:9000",
                "http://app.localhost:3000")) {
            assertThat(keyless.decide(origin, null, GATEWAY).verdict()).as(origin).isEqualTo(Verdict.ALLOWED);
        }
        CorsDecision decision = keyless.decide("https://shop.example", "anything", GATEWAY);
        assertThat(decision.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(decision.configKey()).isEqualTo("clickstream.cors.default-origins");
        assertThat(keyless.decide("http://127.0.0.1.evil.example", null, GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(keyless.decide("http://localhost.evil.example", null, GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void anyOriginIsAnExplicitChoiceAndStillEchoed() {
        CorsPolicy open = CorsPolicy.of(Set.of(), Map.of(), List.of("*"));
        assertThat(open.decide("https://anywhere.example", null, GATEWAY)).isEqualTo(CorsDecision.allowed("https://anywhere.example"));
        assertThat(open.decide("null", null, GATEWAY).verdict()).isEqualTo(Verdict.ALLOWED);
        CorsPolicy none = CorsPolicy.of(Set.of(), Map.of(), List.of("none"));
        assertThat(none.decide("http://localhost:3000", null, GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void anOpaqueOrMalformedOriginIsDeniedUnlessAnyOriginIsAllowed() {
        for (String origin : List.of("null", "file://", "chrome-extension://abc", "not an origin", "https://shop.example/path")) {
            CorsDecision decision = keyed.decide(origin, "wk_shop", GATEWAY);
            assertThat(decision.verdict()).as(origin).isEqualTo(Verdict.DENIED);
            assertThat(decision.message()).as(origin).contains("not an http(s) origin");
        }
    }

    @Test
    void aConfiguredEntryThatIsNotAnOriginFailsNamingTheProperty() {
        assertThatThrownBy(() -> CorsPolicy.of(Set.of("k"), Map.of("k", List.of("shop.example")), List.of("loopback")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clickstream.cors.origins.k").hasMessageContaining("'shop.example'");
        assertThatThrownBy(() -> CorsPolicy.of(Set.of(), Map.of(), List.of("https://shop.example/app")))
                .hasMessageContaining("clickstream.cors.default-origins");
        assertThatThrownBy(() -> CorsPolicy.of(Set.of(), Map.of(), List.of("https://*.*.example")))
                .hasMessageContaining("is not an allowed-origin entry");
    }

    @Test
    void originsOfAKeyThatIsNotConfiguredAreReportedAndUnused() {
        CorsPolicy policy = CorsPolicy.of(Set.of("wk_shop"), Map.of("wk_typo", List.of("https://shop.example")), List.of());
        assertThat(policy.warnings()).singleElement().asString().contains("clickstream.cors.origins.wk_typo", "not configured");
        assertThat(policy.decide("https://shop.example", "wk_shop", GATEWAY).verdict()).isEqualTo(Verdict.DENIED);
    }

    @Test
    void preflightsMayAskForTheBeaconMethodsAndHeadersOnly() {
        assertThat(CorsPolicy.preflightProblem("POST", "content-type, X-Write-Key")).isEmpty();
        assertThat(CorsPolicy.preflightProblem("get", null)).isEmpty();
        assertThat(CorsPolicy.preflightProblem("POST", "Content-Encoding,Authorization")).isEmpty();
        assertThat(CorsPolicy.preflightProblem("DELETE", null)).get().asString().contains("DELETE", "GET, POST");
        assertThat(CorsPolicy.preflightProblem("POST", "content-type, x-debug")).get().asString().contains("'x-debug'");
    }
}
