package io.promdr.schedules.cron;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 2 * * *        | 0 0 2 * * ?",
            "30 3 * * 0       | 0 30 3 ? * 1",
            "0 5 * * 7        | 0 0 5 ? * 1",
            "0 5 * * 1-5      | 0 0 5 ? * 2-6",
            "0 5 * * 5-7      | 0 0 5 ? * 6-7,1",
            "0 5 * * MON-FRI  | 0 0 5 ? * MON-FRI",
            "*/15 * 1 * *     | 0 */15 * 1 * ?",
            "@daily           | 0 0 0 * * ?",
            "@weekly          | 0 0 0 ? * 1",
            "@hourly          | 0 0 * * * ?"})
    void unixToQuartz(String unix, String quartz) {
        assertThat(CronSyntax.unixToQuartz(unix, "k")).isEqualTo(quartz);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 2 * * ?        | 0 2 * * *",
            "0 30 3 ? * 1       | 30 3 * * 0",
            "0 0 5 ? * 2-6      | 0 5 * * 1-5",
            "0 0 5 ? * MON-FRI  | 0 5 * * MON-FRI",
            "0 0 5 1 JAN ? *    | 0 5 1 JAN *"})
    void quartzToUnix(String quartz, String unix) {
        assertThat(CronSyntax.quartzToUnix(quartz)).contains(unix);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"* * * * * ?", "0 0 5 L * ?", "0 0 5 ? * 6#3", "0 0 5 * * ? 2030", "0 0 5 15W * ?"})
    void quartzOnlyExpressionsHaveNoUnixForm(String quartz) {
        assertThat(CronSyntax.quartzToUnix(quartz)).isEmpty();
    }

    @Test
    void bothDayFieldsRestrictedIsRefusedRatherThanChanged() {
        assertThatThrownBy(() -> CronSyntax.unixToQuartz("0 2 1 * 1", "schedules.x.cron"))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEDULE_INVALID);
                    assertThat(e.getMessage()).startsWith("schedules.x.cron: ").contains("both day of month and day of week");
                });
    }
}
