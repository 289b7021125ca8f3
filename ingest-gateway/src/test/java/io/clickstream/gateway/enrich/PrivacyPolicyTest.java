package io.clickstream.gateway.enrich;

import static io.clickstream.gateway.config.PrivacyAction.ANONYMIZE;
import static io.clickstream.gateway.config.PrivacyAction.DROP;
import static io.clickstream.gateway.config.PrivacyAction.IGNORE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivacyPolicyTest {

    @Test
    void noSignalMeansNoAction() {
        assertThat(PrivacyPolicy.decide(null, null, DROP, DROP)).isEqualTo(IGNORE);
        assertThat(PrivacyPolicy.decide("0", "0", DROP, DROP)).isEqualTo(IGNORE);
    }

    @Test
    void eachSignalMapsToItsConfiguredAction() {
        assertThat(PrivacyPolicy.decide("1", null, ANONYMIZE, DROP)).isEqualTo(ANONYMIZE);
        assertThat(PrivacyPolicy.decide(null, "1", ANONYMIZE, DROP)).isEqualTo(DROP);
        assertThat(PrivacyPolicy.decide("1", null, IGNORE, DROP)).isEqualTo(IGNORE);
    }

    @Test
    void theStricterActionWins() {
        assertThat(PrivacyPolicy.decide("1", "1", DROP, ANONYMIZE)).isEqualTo(DROP);
        assertThat(PrivacyPolicy.decide("1", "1", IGNORE, ANONYMIZE)).isEqualTo(ANONYMIZE);
    }
}
