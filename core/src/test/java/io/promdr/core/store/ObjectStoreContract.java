package io.promdr.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link ObjectStore} contract, run against every implementation. A subclass provides a
 * fresh, empty store per test and may check implementation details through the hooks.
 */
abstract class ObjectStoreContract {
    static final int MIB = 1 << 20;
    /** Size of the streamed object: several S3 parts of 5 MiB, far more than any write buffer. */
    static final int LARGE_SIZE = 40 * MIB;
    /** Size of each write() call into a pending object: small, as an archiver writes. */
    static final int WRITE_SIZE = TestBytes.CHUNK_SIZE;

    /** The store under test: empty at the start of each test. */
    protected abstract ObjectStore store();

    /** How often {@link #assertBytesLeftMemory} is called during the large write (S3: the part size). */
    protected int checkpointBytes() {
        return 5 * MIB;
    }

    /**
     * Called while a large object is being written, after {@code written} bytes: a store that
     * claims bounded memory checks here that those bytes already left the process's memory.
     */
    protected void assertBytesLeftMemory(PendingObject pending, long written) throws IOException {
    }

    /** Called after aborts: checks nothing invisible stayed behind (temp files, open uploads). */
    protected void assertNoDebris() throws IOException {
    }

    @Test
    void putThenGetReturnsTheSameBytes() throws IOException {
        byte[] content = "{\"hello\":\"world\"}".getBytes(UTF_8);

        ObjectInfo info = store().put("backups/2024/manifest.json", content);

        assertThat(info.key()).isEqualTo("backups/2024/manifest.json");
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(read("backups/2024/manifest.json")).isEqualTo(content);
        ObjectInfo stat = store().stat("backups/2024/manifest.json").orElseThrow();
        assertThat(stat.size()).isEqualTo(content.length);
        assertThat(stat.lastModified()).isNotNull();
    }

    @Test
    void emptyObjectIsAnObject() throws IOException {
        store().put("empty", new byte[0]);

        assertThat(read("empty")).isEmpty();
        assertThat(store().stat("empty").orElseThrow().size()).isZero();
        assertThat(store().list("")).extracting(ObjectInfo::key).containsExactly("empty");
    }

    @Test
    void largeObjectStreamsInSmallWritesAndReadsBackIdentical() throws IOException {
        byte[] expectedDigest;
        try (PendingObject pending = store().create("blocks/large.tar.zst")) {
            expectedDigest = writeLarge(pending, LARGE_SIZE);
            ObjectInfo info = pending.commit();
            assertThat(info.size()).isEqualTo(LARGE_SIZE);
        }

        assertThat(store().stat("blocks/large.tar.zst").orElseThrow().size()).isEqualTo(LARGE_SIZE);
        try (InputStream in = store().get("blocks/large.tar.zst")) {
            assertThat(TestBytes.sha256(in)).isEqualTo(expectedDigest);
        }
        // A range across a part boundary, read from the stored object.
        long offset = checkpointBytes() - 100L;
        try (InputStream in = store().getRange("blocks/large.tar.zst", offset, 300)) {
            assertThat(in.readAllBytes()).isEqualTo(TestBytes.slice(offset, 300));
        }
    }

    @Test
    void getRangeReturnsTheRangeCutAtTheEnd() throws IOException {
        store().put("digits", "0123456789".getBytes(UTF_8));

        assertThat(readRange("digits", 2, 3)).isEqualTo("234");
        assertThat(readRange("digits", 0, 10)).isEqualTo("0123456789");
        assertThat(readRange("digits", 8, 10)).isEqualTo("89");
        assertThat(readRange("digits", 9, Long.MAX_VALUE)).isEqualTo("9");
        assertThat(readRange("digits", 7, 1L << 40)).isEqualTo("789");
        assertThat(readRange("digits", 10, 5)).isEmpty();
        assertThat(readRange("digits", 50, 5)).isEmpty();
        assertThat(readRange("digits", 4, 0)).isEmpty();
    }

    @Test
    void missingKeyRaisesObjectNotFoundOnReadsAndIsEmptyOnStat() throws IOException {
        store().put("present", new byte[] {1});

        assertThat(store().stat("absent")).isEmpty();
        assertThatThrownBy(() -> store().get("absent")).isInstanceOf(ObjectNotFoundException.class)
                .satisfies(e -> assertThat(((ObjectNotFoundException) e).key()).isEqualTo("absent"));
        assertThatThrownBy(() -> store().getRange("absent", 0, 10)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().getRange("absent", 0, 0)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().get("present/child")).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void deleteRemovesAndDeletingMissingKeyIsNoError() throws IOException {
        store().put("dir/a", new byte[] {1});
        store().put("dir/b", new byte[] {2});

        store().delete("dir/a");
        store().delete("dir/a");
        store().delete("never/existed");

        assertThat(store().stat("dir/a")).isEmpty();
        assertThatThrownBy(() -> store().get("dir/a")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store().list("")).extracting(ObjectInfo::key).containsExactly("dir/b");
        store().delete("dir/b");
        assertThat(store().list("")).isEmpty();
        store().put("dir/c", new byte[] {3});
        assertThat(read("dir/c")).containsExactly(3);
    }

    @Test
    void listIsRecursiveSortedAndFilteredByPrefix() throws IOException {
        for (String key : List.of("b/2", "a/sub/3", "a10", "c", "a/1", "a/sub/deeper/4")) {
            store().put(key, key.getBytes(UTF_8));
        }

        List<ObjectInfo> all = store().list("");
        assertThat(all).extracting(ObjectInfo::key).containsExactly("a/1", "a/sub/3", "a/sub/deeper/4", "a10", "b/2", "c");
        assertThat(all).allSatisfy(info -> assertThat(info.size()).isEqualTo(info.key().length()));
        assertThat(store().list("a/")).extracting(ObjectInfo::key).containsExactly("a/1", "a/sub/3", "a/sub/deeper/4");
        assertThat(store().list("a")).extracting(ObjectInfo::key)
                .containsExactly("a/1", "a/sub/3", "a/sub/deeper/4", "a10");
        assertThat(store().list("a/sub/d")).extracting(ObjectInfo::key).containsExactly("a/sub/deeper/4");
        assertThat(store().list("zzz")).isEmpty();
        assertThat(store().list("zzz/")).isEmpty();
    }

    @Test
    void pendingAndAbortedObjectsAreInvisible() throws IOException {
        PendingObject pending = store().create("p/pending");
        PendingObject aborted = store().create("p/aborted");
        // More than one S3 part, so a multipart upload is really in progress.
        writeLarge(pending, checkpointBytes() + MIB);
        writeLarge(aborted, checkpointBytes() + MIB);

        assertInvisible("p/pending");
        assertInvisible("p/aborted");
        aborted.abort();
        aborted.abort(); // aborting twice is harmless
        assertInvisible("p/aborted");

        pending.commit();
        assertThat(store().list("p/")).extracting(ObjectInfo::key).containsExactly("p/pending");
        pending.abort(); // after commit: does nothing
        assertThat(store().stat("p/pending")).isPresent();
        assertNoDebris();
    }

    @Test
    void closingWithoutCommitLeavesNothing() throws IOException {
        try (PendingObject pending = store().create("x/unfinished")) {
            pending.stream().write(new byte[1000]);
        }
        try (PendingObject pending = store().create("x/big-unfinished")) {
            writeLarge(pending, checkpointBytes() + MIB);
        }

        assertInvisible("x/unfinished");
        assertInvisible("x/big-unfinished");
        assertNoDebris();
    }

    @Test
    void closingTheStreamDoesNotCommit() throws IOException {
        try (PendingObject pending = store().create("s/closed-stream")) {
            try (OutputStream out = pending.stream()) {
                out.write("data".getBytes(UTF_8));
            }
            assertInvisible("s/closed-stream");
            pending.commit();
        }
        assertThat(read("s/closed-stream")).isEqualTo("data".getBytes(UTF_8));
    }

    @Test
    void commitTwiceIsRefusedAndKeepsTheObject() throws IOException {
        PendingObject pending = store().create("once");
        pending.stream().write(7);
        pending.commit();

        assertThatThrownBy(pending::commit).isInstanceOf(IllegalStateException.class);
        assertThat(read("once")).containsExactly(7);
    }

    @Test
    void overwriteReplacesAtomically() throws IOException {
        byte[] first = "first version".getBytes(UTF_8);
        store().put("k/object", first);

        byte[] expectedDigest;
        try (PendingObject replacement = store().create("k/object")) {
            expectedDigest = writeLarge(replacement, 2 * checkpointBytes() + 123);
            // While the replacement is written, readers still see the whole old object.
            assertThat(read("k/object")).isEqualTo(first);
            assertThat(store().stat("k/object").orElseThrow().size()).isEqualTo(first.length);
            replacement.commit();
        }

        assertThat(store().stat("k/object").orElseThrow().size()).isEqualTo(2L * checkpointBytes() + 123);
        try (InputStream in = store().get("k/object")) {
            assertThat(TestBytes.sha256(in)).isEqualTo(expectedDigest);
        }
        assertThat(store().list("k/")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a//b", "a/../b", "../x", "a/", "./a", "a/.", "a\\b", ".."})
    void invalidKeysAreRejected(String key) {
        assertThatThrownBy(() -> store().create(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().put(key, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().get(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().getRange(key, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().stat(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "../", "a/../", "a//"})
    void invalidListPrefixesAreRejected(String prefix) {
        assertThatThrownBy(() -> store().list(prefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void locationNamesTheStore() {
        assertThat(store().location()).isNotBlank().doesNotContain("secret");
    }

    // --- helpers ---

    private void assertInvisible(String key) throws IOException {
        assertThat(store().stat(key)).isEmpty();
        assertThat(store().list("")).extracting(ObjectInfo::key).doesNotContain(key);
        assertThatThrownBy(() -> store().get(key)).isInstanceOf(ObjectNotFoundException.class);
    }

    /** Writes {@code size} deterministic bytes in small writes, calling the memory hook at each checkpoint; returns their SHA-256. */
    byte[] writeLarge(PendingObject pending, long size) throws IOException {
        MessageDigest digest = TestBytes.sha256();
        byte[] chunk = new byte[WRITE_SIZE];
        long written = 0;
        long nextCheckpoint = checkpointBytes();
        while (written < size) {
            int n = (int) Math.min(WRITE_SIZE, size - written);
            TestBytes.fillChunk(chunk, written / WRITE_SIZE);
            pending.stream().write(chunk, 0, n);
            digest.update(chunk, 0, n);
            written += n;
            if (written >= nextCheckpoint) {
                assertBytesLeftMemory(pending, written);
                nextCheckpoint += checkpointBytes();
            }
        }
        return digest.digest();
    }

    byte[] read(String key) throws IOException {
        try (InputStream in = store().get(key)) {
            return in.readAllBytes();
        }
    }

    private String readRange(String key, long offset, long length) throws IOException {
        try (InputStream in = store().getRange(key, offset, length)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
