package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3PendingUploadPartSizeTest {
    private static final int MIB = 1 << 20;

    @Test
    void theConfiguredSizeHoldsForTheFirstTwoThousandParts() {
        assertThat(S3PendingUpload.partSize(8 * MIB, 1)).isEqualTo(8 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 2_000)).isEqualTo(8 * MIB);
    }

    @Test
    void thenDoublesEveryTwoThousandPartsFourTimesAtMost() {
        assertThat(S3PendingUpload.partSize(8 * MIB, 2_001)).isEqualTo(16 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 4_001)).isEqualTo(32 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 8_001)).isEqualTo(128 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 10_000)).isEqualTo(128 * MIB);
    }

    @Test
    void tenThousandPartsOfTheDefaultSizeHoldAboutHalfATerabyte() {
        long total = 0;
        for (int part = 1; part <= S3PendingUpload.MAX_PARTS; part++) {
            total += S3PendingUpload.partSize((int) S3Settings.DEFAULT_PART_SIZE, part);
        }
        assertThat(total).isEqualTo(62_000L * S3Settings.DEFAULT_PART_SIZE);
    }

    @Test
    void aPartNeverExceedsWhatOneJavaArrayHolds() {
        assertThat(S3PendingUpload.partSize(1 << 30, 10_000)).isLessThanOrEqualTo(Integer.MAX_VALUE - 8).isPositive();
    }
}
