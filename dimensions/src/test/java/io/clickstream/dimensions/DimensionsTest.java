package io.clickstream.dimensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DimensionsTest {

    private static final String CHROME_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Test
    void derivesEveryDimensionOfAPageView() {
        Dimensions d = Dimensions.of("shop-eu", "https://shop.example.com/p/1?utm_source=Google&utm_medium=cpc&utm_campaign=Spring",
                "https://www.google.com/search?q=x", CHROME_WINDOWS, true);
        assertThat(d).isEqualTo(new Dimensions("shop-eu", "google.com", "google", "cpc", "spring", "desktop", "Chrome", "Windows NT"));
    }

    @Test
    void missingInputsHaveTheirContractValues() {
        assertThat(Dimensions.of(null, null, null, null, false))
                .isEqualTo(new Dimensions("default", "(none)", "(none)", "(none)", "(none)", "(none)", "(none)", "(none)"));
        assertThat(Dimensions.of("  ", "https://shop.example.com/", null, "", true))
                .isEqualTo(new Dimensions("default", "direct", "(none)", "(none)", "(none)", "(none)", "(none)", "(none)"));
    }

    @Test
    void anEventWithoutPageIgnoresUrlsItCannotHave() {
        Dimensions d = Dimensions.of("s", "https://x.io/?utm_source=a", "https://google.com/", CHROME_WINDOWS, false);
        assertThat(d.referrer()).isEqualTo("(none)");
        assertThat(d.utmSource()).isEqualTo("(none)");
        assertThat(d.browser()).isEqualTo("Chrome");
    }

    @Test
    void dimensionsNameTheirDocumentFieldAndValue() {
        Dimensions d = new Dimensions("s", "r", "us", "um", "uc", "d", "b", "o");
        assertThat(Arrays.stream(Dimension.values()).map(Dimension::field))
                .containsExactly("site", "referrer", "utm_source", "utm_medium", "utm_campaign", "device", "browser", "os");
        assertThat(Arrays.stream(Dimension.values()).map(d::value)).containsExactly("s", "r", "us", "um", "uc", "d", "b", "o");
        assertThat(Dimension.byField("utm_medium")).isEqualTo(Dimension.UTM_MEDIUM);
        assertThatThrownBy(() -> Dimension.byField("country")).hasMessageContaining("use one of site, referrer");
    }
}
