package io.clickstream.gateway.enrich;

import static io.clickstream.gateway.enrich.PrivacyAction.ANONYMISE;
import static io.clickstream.gateway.enrich.PrivacyAction.DROP;
import static io.clickstream.gateway.enrich.PrivacyAction.IGNORE;
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
        assertThat(PrivacyPolicy.decide("1", null, ANONYMISE, DROP)).isEqualTo(ANONYMISE);
        assertThat(PrivacyPolicy.decide(null, "1", ANONYMISE, DROP)).isEqualTo(DROP);
        assertThat(PrivacyPolicy.decide("1", null, IGNORE, DROP)).isEqualTo(IGNORE);
    }

    @Test
    void theStricterActionWins() {
        assertThat(PrivacyPolicy.decide("1", "1", DROP, ANONYMISE)).isEqualTo(DROP);
        assertThat(PrivacyPolicy.decide("1", "1", IGNORE, ANONYMISE)).isEqualTo(ANONYMISE);
    }
}
