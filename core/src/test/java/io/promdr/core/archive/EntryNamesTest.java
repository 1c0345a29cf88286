package io.promdr.core.archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntryNamesTest {
    private static final String ULID = FakeBlock.ULID;

    @Test
    void acceptsEntriesUnderTheBlockDirectory() {
        assertThat(EntryNames.problem(ULID + "/", ULID)).isNull();
        assertThat(EntryNames.problem(ULID, ULID)).isNull();
        assertThat(EntryNames.problem(ULID + "/chunks/000001", ULID)).isNull();
    }

    @Test
    void namesEachProblem() {
        assertThat(EntryNames.problem("/etc/passwd", ULID)).isEqualTo("absolute path");
        assertThat(EntryNames.problem(ULID + "/../x", ULID)).isEqualTo("parent directory reference");
        assertThat(EntryNames.problem("../" + ULID + "/x", ULID)).isEqualTo("parent directory reference");
        assertThat(EntryNames.problem(ULID + "//x", ULID)).contains("empty");
        assertThat(EntryNames.problem("./" + ULID + "/x", ULID)).contains("'.'");
        assertThat(EntryNames.problem("01BX5ZZKBKACTAV9WEVGEMMVRZ/index", ULID)).startsWith("outside the block directory");
        assertThat(EntryNames.problem(ULID + "/a\nb", ULID)).contains("control character");
        assertThat(EntryNames.problem(ULID + "/" + "x".repeat(256), ULID)).contains("255 bytes");
        assertThat(EntryNames.problem(ULID + "/" + "é".repeat(128), ULID)).contains("255 bytes");
        assertThat(EntryNames.problem(ULID + ("/" + "x".repeat(200)).repeat(21), ULID)).contains("4096 bytes");
        assertThat(EntryNames.problem("", ULID)).isEqualTo("empty name");
    }

    @Test
    void printableNamesAreOneShortLine() {
        assertThat(EntryNames.printable("a\nb\u0000c")).isEqualTo("a?b?c");
        assertThat(EntryNames.printable("x".repeat(500))).hasSize(203);
    }
}
