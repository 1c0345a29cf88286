package io.promdr.cli.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {
    @Test
    void dropsParametersAndUserInfo() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/promdr")).isEqualTo("jdbc:postgresql://db:5432/promdr");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/promdr?user=u&password=s3cret")).isEqualTo("jdbc:postgresql://db/promdr?...");
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:s3cret@db/promdr")).isEqualTo("jdbc:postgresql://db/promdr");
        assertThat(JdbcUrls.redact("jdbc:h2:file:/x/y;PASSWORD=s3cret")).isEqualTo("jdbc:h2:file:/x/y?...");
        assertThat(JdbcUrls.redact(null)).isNull();
    }
}
