package io.promdr.cli.time;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeArgumentTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
            "2026-11-20T00:00:00Z,         2026-11-20T00:00:00Z",
            "2026-11-20t01:02:03z,         2026-11-20T01:02:03Z",
            "2026-11-20T01:30:00+01:00,    2026-11-20T00:30:00Z",
            "2026-11-20T00:00:00.250Z,     2026-11-20T00:00:00.250Z",
            "2026-11-20,                   2026-11-20T00:00:00Z",
            "1795507200,                   2026-11-24T08:00:00Z",
            "0,                            1970-01-01T00:00:00Z",
            "now,                          2026-11-25T12:00:00Z",
            "now-7d,                       2026-11-18T12:00:00Z",
            "-36h,                         2026-11-24T00:00:00Z",
            "now-1d12h,                    2026-11-24T00:00:00Z",
            "now-90m,                      2026-11-25T10:30:00Z",
            "now-30s,                      2026-11-25T11:59:30Z",
            "now-2w,                       2026-11-11T12:00:00Z",
            "now+1h,                       2026-11-25T13:00:00Z",
    })
    void parsesEveryForm(String text, String expected) {
        assertThat(TimeArgument.parse("--from", text, NOW)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "now-", "now-7", "-7x", "2026-13-01", "2026-11-20T25:00:00Z",
            "2026-11-20 00:00:00", "1795507200000", "7d"})
    void rejectsOtherInputAsUsageWithTheForms(String text) {
        assertThatThrownBy(() -> TimeArgument.parse("--until", text, NOW))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).startsWith("--until \"" + text + "\" is not a time");
                    assertThat(e.hint()).isEqualTo(TimeArgument.FORMS);
                });
    }
}
