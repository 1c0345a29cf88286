package io.promdr.core.tsdb;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockMetaTest {
    static final String ULID = "01M87EK388KVRAKZ6PRRPV9GFJ";

    @TempDir
    Path tmp;

    @Test
    void readsAPromtoolMetaFile() throws IOException {
        Path block = write(ULID, """
                {
                \t"ulid": "01M87EK388KVRAKZ6PRRPV9GFJ",
                \t"minTime": 1795507200000,
                \t"maxTime": 1795514385001,
                \t"stats": {
                \t\t"numSamples": 48000,
                \t\t"numSeries": 100,
                \t\t"numChunks": 400
                \t},
                \t"compaction": {
                \t\t"level": 1,
                \t\t"sources": [
                \t\t\t"01M87EK388KVRAKZ6PRRPV9GFJ"
                \t\t]
                \t},
                \t"version": 1
                }""");
        assertThat(BlockMeta.read(block)).isEqualTo(new BlockMeta(ULID, 1795507200000L, 1795514385001L,
                new BlockStats(48000, 100, 400, 0), 1, 1, java.util.List.of(ULID)));
    }

    @Test
    void readsTheCompactionSourcesAndRefusesOnesThatAreNotUlids() throws IOException {
        String sources = "\"01M87EK388KVRAKZ6PRRPV9GFJ\",\"01M87EK388KVRAKZ6PRRPV9GFK\"";
        Path block = write(ULID, "{\"ulid\":\"" + ULID + "\",\"minTime\":1,\"maxTime\":2,\"version\":1,"
                + "\"compaction\":{\"level\":2,\"sources\":[" + sources + "]}}");
        assertThat(BlockMeta.read(block).sources()).containsExactly("01M87EK388KVRAKZ6PRRPV9GFJ", "01M87EK388KVRAKZ6PRRPV9GFK");
        Path bad = write(ULID, "{\"ulid\":\"" + ULID + "\",\"minTime\":1,\"maxTime\":2,\"version\":1,"
                + "\"compaction\":{\"level\":2,\"sources\":[\"../x\"]}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockMeta.read(bad))
                .hasMessageContaining("compaction source that is not a ULID");
    }

    @Test
    void toleratesNewerAndMissingOptionalFields() throws IOException {
        Path block = write(ULID, "{\"ulid\":\"" + ULID + "\",\"minTime\":1,\"maxTime\":2,\"version\":1,"
                + "\"stats\":{\"numSamples\":5,\"numFloatSamples\":5,\"numTombstones\":2},\"future\":{\"x\":[1]}}");
        BlockMeta meta = BlockMeta.read(block);
        assertThat(meta.stats()).isEqualTo(new BlockStats(5, 0, 0, 2));
        assertThat(meta.compactionLevel()).isZero();
    }

    @Test
    void refusesWhatPrometheusWouldRefuse() throws IOException {
        assertInvalid(write(ULID, "{\"ulid\":\"" + ULID + "\",\"minTime\":1,\"maxTime\":2,\"version\":2}"), "unsupported version 2");
        assertInvalid(write(ULID, "{\"ulid\":\"01BX5ZZKBKACTAV9WEVGEMMVRZ\",\"minTime\":1,\"maxTime\":2,\"version\":1}"),
                "names block 01BX5ZZKBKACTAV9WEVGEMMVRZ but lies in directory " + ULID);
        assertInvalid(write(ULID, "{\"ulid\":\"" + ULID + "\",\"minTime\":1,\"maxTime\":2"), "not valid JSON");
        assertInvalid(write(ULID, "[]"), "not a JSON object");
        assertInvalid(write(ULID, "{\"ulid\":\"" + ULID + "\",\"maxTime\":2,\"version\":1}"), "no integer \"minTime\"");
        assertInvalid(write(ULID, "{\"ulid\":\"" + ULID + "\",\"minTime\":\"1\",\"maxTime\":2,\"version\":1}"), "minTime");
        assertInvalid(write(ULID, "{\"ulid\":\"" + ULID + "\",\"minTime\":3,\"maxTime\":2,\"version\":1}"), "before minTime");
        assertInvalid(write(ULID, "{\"minTime\":1,\"maxTime\":2,\"version\":1}"), "no \"ulid\"");
        assertInvalid(Files.createDirectories(tmp.resolve("empty").resolve(ULID)), "is missing");
    }

    private void assertInvalid(Path block, String problem) {
        assertThatThrownBy(() -> BlockMeta.read(block))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID);
                    assertThat(e.hint()).isNotBlank();
                })
                .hasMessageContaining(block.resolve("meta.json").toString()).hasMessageContaining(problem);
    }

    private Path write(String dirName, String json) throws IOException {
        Path block = Files.createDirectories(Files.createTempDirectory(tmp, "d").resolve(dirName));
        Files.writeString(block.resolve("meta.json"), json);
        return block;
    }
}
