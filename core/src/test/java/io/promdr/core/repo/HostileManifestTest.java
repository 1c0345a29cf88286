package io.promdr.core.repo;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.store.ForwardingObjectStore;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.store.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifests written by someone else than promdr: each is refused with its own code, before anything uses it. */
class HostileManifestTest {
    private static final String KEY = "backups/alpha/20261121T010000Z-00000002.json";
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void wrongTypesTruncationAndNestingBombsAreUnreadable() throws IOException {
        assertRefused("{\"formatVersion\":1,\"backupId\":\"20261121T010000Z-00000002\",\"blocks\":\"all\"}",
                ErrorCode.MANIFEST_UNREADABLE);
        assertRefused("{\"formatVersion\":1,\"backupId\":\"20261121T010000Z-000", ErrorCode.MANIFEST_UNREADABLE);
        assertRefused("[".repeat(100_000), ErrorCode.MANIFEST_UNREADABLE);
        assertRefused("", ErrorCode.MANIFEST_UNREADABLE);
        assertRefused("null", ErrorCode.MANIFEST_UNREADABLE);
        assertRefused("{\"formatVersion\":\"one\"}", ErrorCode.MANIFEST_UNREADABLE);
    }

    @Test
    void aNewerFormatVersionIsRefusedAsUnsupported() throws IOException {
        assertRefused("{\"formatVersion\":3,\"backupId\":\"20261121T010000Z-00000002\",\"future\":{}}",
                ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED);
    }

    @Test
    void anOversizedManifestIsRefusedEvenWhenTheStoreUnderstatesItsSize() throws IOException {
        Repository.init(store, "test");
        byte[] huge = new byte[(int) Repository.MAX_MANIFEST_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        store.put(KEY, huge);
        // A store (or a tampered bucket) that says the object is small: the read itself must stay bounded.
        ForwardingObjectStore lying = new ForwardingObjectStore(store) {
            @Override
            public Optional<ObjectInfo> stat(String key) throws IOException {
                return super.stat(key).map(info -> new ObjectInfo(info.key(), 100, Instant.now()));
            }
        };
        Repository repository = Repository.open(lying);

        assertThatThrownBy(() -> repository.readManifest(KEY))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE))
                .hasMessageContaining("byte limit");
        assertThatThrownBy(() -> Repository.open(store).readManifest(KEY))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE))
                .hasMessageContaining("byte limit");
    }

    private void assertRefused(String json, ErrorCode code) throws IOException {
        Repository repository = Repository.init(new InMemoryObjectStore(), "test");
        repository.store().put(KEY, json.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> repository.readManifest(KEY)).as(json.length() > 80 ? json.substring(0, 80) : json)
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(KEY).doesNotContain("\n");
                });
    }
}
