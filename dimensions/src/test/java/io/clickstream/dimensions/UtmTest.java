package io.clickstream.dimensions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UtmTest {

    @Test
    void readsTheThreeParameters() {
        assertThat(Utm.of("https://shop.example.com/p?utm_source=newsletter&utm_medium=email&utm_campaign=black-friday"))
                .isEqualTo(new Utm("newsletter", "email", "black-friday"));
    }

    @Test
    void absentParametersAreNone() {
        assertThat(Utm.of(null)).isEqualTo(Utm.NONE);
        assertThat(Utm.of("https://shop.example.com/")).isEqualTo(Utm.NONE);
        assertThat(Utm.of("https://shop.example.com/?q=shoes&page=2")).isEqualTo(Utm.NONE);
        assertThat(Utm.of("https://shop.example.com/p?utm_source=google"))
                .isEqualTo(new Utm("google", "(none)", "(none)"));
        assertThat(Utm.NONE).isEqualTo(new Utm("(none)", "(none)", "(none)"));
    }

    @Test
    void valuesAreDecodedTrimmedAndLowerCased() {
        assertThat(Utm.of("https://x.io/?utm_source=Google%20Ads&utm_medium=+CPC+&utm_campaign=Summer%2FSale%C3%A9"))
                .isEqualTo(new Utm("google ads", "cpc", "summer/saleé"));
    }

    @Test
    void namesMatchIgnoringCase() {
        assertThat(Utm.of("https://x.io/?UTM_SOURCE=Twitter&Utm_Medium=Social"))
                .isEqualTo(new Utm("twitter", "social", "(none)"));
    }

    @Test
    void firstOccurrenceWins() {
        assertThat(Utm.of("https://x.io/?utm_source=first&utm_source=second")).extracting(Utm::source).isEqualTo("first");
    }

    @Test
    void theFragmentIsNotPartOfTheQuery() {
        assertThat(Utm.of("https://x.io/?utm_source=a#utm_medium=b")).isEqualTo(new Utm("a", "(none)", "(none)"));
        assertThat(Utm.of("https://x.io/#section?utm_source=a")).isEqualTo(Utm.NONE);
    }

    @Test
    void emptyOrBlankValuesAreNone() {
        assertThat(Utm.of("https://x.io/?utm_source=&utm_medium=%20%20&utm_campaign")).isEqualTo(Utm.NONE);
    }

    @Test
    void similarNamesAreNotUtm() {
        assertThat(Utm.of("https://x.io/?utm_sources=a&xutm_source=b&utm_source_platform=c&utm_=d")).isEqualTo(Utm.NONE);
    }

    @Test
    void invalidPercentEncodingIsKeptAsWritten() {
        assertThat(Utm.of("https://x.io/?utm_source=100%25&utm_medium=50%&utm_campaign=%zz")).isEqualTo(new Utm("100%", "50%", "%zz"));
    }

    @Test
    void valuesAreCutTo128Characters() {
        String longValue = "A".repeat(300);
        assertThat(Utm.of("https://x.io/?utm_campaign=" + longValue).campaign()).isEqualTo("a".repeat(128));
        String emoji = "\uD83D\uDE00";
        String value = Utm.of("https://x.io/?utm_campaign=" + "a".repeat(127) + emoji).campaign();
        assertThat(value).isEqualTo("a".repeat(127));
    }

    @Test
    void ampersandsAndEqualsInsideValuesAreDecodedNotSplit() {
        assertThat(Utm.of("https://x.io/?utm_campaign=a%26b%3Dc&utm_source=x=y"))
                .isEqualTo(new Utm("x=y", "(none)", "a&b=c"));
    }
}
