package io.promdr.cli.launch;

import io.promdr.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's training run reaches the code it is meant to warm up: each command gets as far as
 * planned (a command that failed earlier, on a typo in its config say, would leave the Spring Batch
 * context or the S3 client out of the class-data archive without anyone noticing).
 */
class ClassDataTrainingTest {
    @TempDir
    Path work;

    @Test
    void everyTrainingCommandEndsTheWayItIsMeantTo() throws Exception {
        List<Integer> exitCodes = ClassDataTraining.run(work);

        assertThat(exitCodes).containsExactly(
                0, 0, 0,                                         // --help, backup --help, restore --help
                ErrorCode.USAGE.exitCode(),                      // list without a repository
                0, 0,                                            // init and list of a file repository
                ErrorCode.BACKUP_NOT_FOUND.exitCode(),           // verify latest of an empty repository
                0,                                               // history: the Spring Batch context on H2
                ErrorCode.REPOSITORY_UNREACHABLE.exitCode());    // list on S3: client built, connection refused
        assertThat(work.resolve("state")).isDirectory();
    }
}
