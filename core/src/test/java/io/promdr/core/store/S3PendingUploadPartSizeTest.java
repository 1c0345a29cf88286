package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3PendingUploadPartSizeTest {
    private static final int MIB = 1 << 20;
    private static final long LARGE_HEAP = 4L << 30;
    private static final long LAUNCHER_HEAP = 88L * MIB;

    @Test
    void theConfiguredSizeHoldsForTheFirstTwoThousandParts() {
        assertThat(S3PendingUpload.partSize(8 * MIB, 1, LARGE_HEAP)).isEqualTo(8 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 2_000, LARGE_HEAP)).isEqualTo(8 * MIB);
    }

    @Test
    void thenDoublesEveryTwoThousandPartsFourTimesAtMost() {
        assertThat(S3PendingUpload.partSize(8 * MIB, 2_001, LARGE_HEAP)).isEqualTo(16 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 4_001, LARGE_HEAP)).isEqualTo(32 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 8_001, LARGE_HEAP)).isEqualTo(128 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 10_000, LARGE_HEAP)).isEqualTo(128 * MIB);
    }

    @Test
    void tenThousandPartsOfTheDefaultSizeHoldAboutHalfATerabyteWithALargeHeap() {
        assertThat(capacity(LARGE_HEAP)).isEqualTo(62_000L * S3Settings.DEFAULT_PART_SIZE);
    }

    @Test
    void growsOnlyAsFarAsThreePartsFitInTheHeap() {
        // 3 x 16 MiB + headroom fits in 88 MiB, 3 x 32 MiB does not: parts stop at 16 MiB.
        assertThat(S3PendingUpload.partSize(8 * MIB, 2_001, LAUNCHER_HEAP)).isEqualTo(16 * MIB);
        assertThat(S3PendingUpload.partSize(8 * MIB, 10_000, LAUNCHER_HEAP)).isEqualTo(16 * MIB);
        assertThat(capacity(LAUNCHER_HEAP)).isEqualTo((2_000L + 2 * 8_000L) * S3Settings.DEFAULT_PART_SIZE);
    }

    @Test
    void neverBelowTheConfiguredSizeEvenInASmallHeap() {
        assertThat(S3PendingUpload.partSize(64 * MIB, 9_999, 32L * MIB)).isEqualTo(64 * MIB);
    }

    @Test
    void aPartNeverExceedsWhatOneJavaArrayHolds() {
        assertThat(S3PendingUpload.partSize(1 << 30, 10_000, Long.MAX_VALUE)).isLessThanOrEqualTo(Integer.MAX_VALUE - 8)
                .isPositive();
    }

    private static long capacity(long maxHeap) {
        long total = 0;
        for (int part = 1; part <= S3PendingUpload.MAX_PARTS; part++) {
            total += S3PendingUpload.partSize((int) S3Settings.DEFAULT_PART_SIZE, part, maxHeap);
        }
        return total;
    }
}
