package io.promdr.cli.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizesTest {
    @Test
    void parsesBytesAndUnits() {
        assertThat(ByteSizes.parse("16777216")).hasValue(16L << 20);
        assertThat(ByteSizes.parse("16MiB")).hasValue(16L << 20);
        assertThat(ByteSizes.parse("16 mib")).hasValue(16L << 20);
        assertThat(ByteSizes.parse("1GiB")).hasValue(1L << 30);
        assertThat(ByteSizes.parse("64KiB")).hasValue(64L << 10);
        assertThat(ByteSizes.parse("5MB")).hasValue(5_000_000L);
        assertThat(ByteSizes.parse("12B")).hasValue(12L);
    }

    @Test
    void rejectsOtherText() {
        assertThat(ByteSizes.parse("lots")).isEmpty();
        assertThat(ByteSizes.parse("-5MiB")).isEmpty();
        assertThat(ByteSizes.parse("1.5GiB")).isEmpty();
        assertThat(ByteSizes.parse("")).isEmpty();
        assertThat(ByteSizes.parse("999999999999999GiB")).isEmpty(); // more bytes than a long holds
    }
}
