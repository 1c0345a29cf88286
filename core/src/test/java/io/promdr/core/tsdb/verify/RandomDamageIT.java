package io.promdr.core.tsdb.verify;

import io.promdr.core.fs.FileTrees;
import io.promdr.core.testing.TreeCopy;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every byte of index, chunks and tombstones is covered by a CRC, a magic number, a length that must
 * fit, or padding that must be zero: so every single flipped byte and every truncation must be reported,
 * and none may make the verifier throw. Seeded, so a failure names a reproducible position.
 */
class RandomDamageIT {
    private static final long SEED = 20_261_124L;
    private static final int FLIPS = 300;
    private static final List<String> FILES = List.of("index", "chunks/000001", "tombstones");

    @TempDir
    Path tmp;

    @Test
    void everyFlippedByteAndTruncationIsReportedWithoutAnException() throws IOException {
        Path pristine = TsdbTestData.generate(tmp.resolve("gen"), 20, 2, 15).blockDirs().get(0);
        Random random = new Random(SEED);
        BlockVerifier verifier = new BlockVerifier();
        for (int i = 0; i < FLIPS; i++) {
            String file = FILES.get(random.nextInt(FILES.size()));
            long size = Files.size(pristine.resolve(file));
            Path block = fresh(pristine, i);
            boolean truncate = random.nextInt(10) == 0;
            long offset = (long) (random.nextDouble() * size);
            if (truncate) {
                BlockSurgery.truncate(block, file, offset);
            } else {
                BlockSurgery.flip(block, file, offset);
            }
            BlockVerification result = verifier.verify(block);
            assertThat(result.ok()).as("%s of %s at offset %d went unnoticed", truncate ? "truncation" : "flip", file,
                    offset).isFalse();
            assertThat(result.problems()).allSatisfy(p -> assertThat(p.check()).isIn(BlockVerifier.ALL_CHECKS));
            FileTrees.deleteQuietly(block.getParent());
        }
    }

    private Path fresh(Path pristine, int i) throws IOException {
        Path block = tmp.resolve("copy-" + i).resolve(pristine.getFileName().toString());
        Files.createDirectories(block.getParent());
        TreeCopy.copy(pristine, block);
        return block;
    }
}
