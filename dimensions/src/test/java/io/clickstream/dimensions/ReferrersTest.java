package io.clickstream.dimensions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferrersTest {

    private static final String PAGE = "https://shop.example.com/products/42?utm_source=x";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "https://www.google.com/search?q=shoes            | google.com",
            "https://WWW.Google.COM/                          | google.com",
            "http://news.ycombinator.com:8080/item?id=1       | news.ycombinator.com",
            "https://user:secret@blog.example.org/post        | blog.example.org",
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fx.y | l.facebook.com",
            "https://duckduckgo.com                           | duckduckgo.com",
            "https://duckduckgo.com?q=a                       | duckduckgo.com",
            "https://bing.com.#frag                           | bing.com",
            "android-app://com.google.android.gm/             | com.google.android.gm",
            "https://www2.example.net/                        | www2.example.net",
            "https://www./                                    | www",
            "http://[2001:db8::1]:8443/path                   | [2001:db8::1]",
            "https://bücher.example/                          | bücher.example",
            "'  https://padded.example/ '                     | padded.example",
    })
    void hostIsLowerCasedWithoutWwwPortOrUserinfo(String referrer, String expected) {
        assertThat(Referrers.referrer(PAGE, referrer, true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> direct")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL",
            "''",
            "'   '",
            "not a url",
            "www.google.com/search",
            "//google.com/protocol-relative",
            "https://",
            "https:///path-only",
            "https://:443/",
            "https://exa mple.com/",
            "https://bad%host.com/",
            "1http://digit-first-scheme.com/",
    })
    void absentOrInvalidReferrerIsDirect(String referrer) {
        assertThat(Referrers.referrer(PAGE, referrer, true)).isEqualTo(Dimensions.DIRECT);
    }

    @Test
    void selfReferralIsDirectAfterNormalisation() {
        assertThat(Referrers.referrer("https://shop.example.com/cart", "https://shop.example.com/products/42", true))
                .isEqualTo(Dimensions.DIRECT);
        assertThat(Referrers.referrer("https://shop.example.com/cart", "http://WWW.Shop.Example.com:80/", true))
                .isEqualTo(Dimensions.DIRECT);
        assertThat(Referrers.referrer("https://www.shop.example.com/", "https://shop.example.com/", true))
                .isEqualTo(Dimensions.DIRECT);
    }

    @Test
    void aSubdomainIsNotASelfReferral() {
        assertThat(Referrers.referrer("https://shop.example.com/", "https://blog.example.com/", true))
                .isEqualTo("blog.example.com");
    }

    @Test
    void referrerWithoutPageUrlIsStillItsHost() {
        assertThat(Referrers.referrer(null, "https://www.bing.com/", true)).isEqualTo("bing.com");
        assertThat(Referrers.referrer("not a url", "https://www.bing.com/", true)).isEqualTo("bing.com");
    }

    @Test
    void eventWithoutPageHasNone() {
        assertThat(Referrers.referrer(null, null, false)).isEqualTo(Dimensions.NONE);
        assertThat(Referrers.referrer(PAGE, "https://google.com/", false)).isEqualTo(Dimensions.NONE);
    }

    @Test
    void hostLongerThanDnsAllowsIsInvalid() {
        String longHost = "a".repeat(254) + ".com";
        assertThat(Referrers.host("https://" + longHost + "/")).isNull();
        assertThat(Referrers.host("https://" + "a".repeat(253) + "/")).isEqualTo("a".repeat(253));
    }
}
