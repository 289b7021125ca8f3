package io.clickstream.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WriteKeysTest {

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUserNameOfBasicIsTheKeyWithOrWithoutAPassword() {
        assertThat(WriteKeys.basicUser(basic("wk_shop:"))).isEqualTo("wk_shop");
        assertThat(WriteKeys.basicUser(basic("wk_shop:secret"))).isEqualTo("wk_shop");
        assertThat(WriteKeys.basicUser(basic("wk_shop"))).isEqualTo("wk_shop");
        assertThat(WriteKeys.basicUser("basic " + Base64.getEncoder().encodeToString("wk_shop:".getBytes(StandardCharsets.UTF_8))))
                .as("the scheme is case-insensitive").isEqualTo("wk_shop");
    }

    @Test
    void anEmptyUserAnotherSchemeOrBrokenBase64NameNoKey() {
        assertThat(WriteKeys.basicUser(basic(":secret"))).isNull();
        assertThat(WriteKeys.basicUser(basic(""))).isNull();
        assertThat(WriteKeys.basicUser("Bearer abc")).isNull();
        assertThat(WriteKeys.basicUser("Basic !!not base64!!")).isNull();
        assertThat(WriteKeys.basicUser(null)).isNull();
    }
}
