package io.promdr.core.retention;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every golden file of core/src/test/resources/retention (format: {@link GoldenCase}). */
class RetentionGoldenTest {

    @TestFactory
    Stream<DynamicTest> everyGoldenFile() throws IOException, URISyntaxException {
        Path dir = Path.of(RetentionGoldenTest.class.getResource("/retention").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).as("golden files in %s", dir).hasSizeGreaterThanOrEqualTo(10);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException {
        GoldenCase golden = GoldenCase.read(file);

        RetentionPlan plan = RetentionEngine.plan(golden.items(), golden.policy(), golden.zone(), golden.now());

        assertThat(String.join("\n", golden.actualLines(plan)))
                .as(golden.name())
                .isEqualTo(String.join("\n", golden.expectedLines()));
        // The engine is a function of the set of backups, not of their order in the input.
        List<RetentionItem> shuffled = new java.util.ArrayList<>(golden.items());
        Collections.reverse(shuffled);
        assertThat(RetentionEngine.plan(shuffled, golden.policy(), golden.zone(), golden.now())).isEqualTo(plan);
    }
}
