package io.promdr.core.repo;

import io.promdr.core.crypto.EncryptingObjectStore;
import io.promdr.core.crypto.KeySource;
import io.promdr.core.crypto.TestKeys;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.RepositoryDescriptor;
import io.promdr.core.model.RepositoryEncryption;
import io.promdr.core.store.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** repository.json decides, before any block moves, whether the configured key fits the repository. */
class EncryptedRepositoryTest {
    private static final String BLOCK = RepositoryLayout.blockObjectKey("01M87EK388KVRAKZ6PRRPV9GFJ", "b".repeat(64));
    private final InMemoryObjectStore raw = new InMemoryObjectStore();
    private final KeySource key = KeySource.of(TestKeys.key(), "test key");
    private final KeySource wrongKey = KeySource.of(TestKeys.wrongKey(), "wrong test key");

    @Test
    void initWithAKeyWritesAVersion2DescriptorWithAKeyCheckAndNoKey() throws IOException {
        Repository repository = Repository.init(raw, "promdr test", key);

        RepositoryDescriptor descriptor = repository.descriptor();
        assertThat(descriptor.version()).isEqualTo(2);
        assertThat(descriptor.requiredFeatures()).containsExactly("encryption");
        assertThat(descriptor.encryption().algorithm()).isEqualTo(RepositoryEncryption.ALGORITHM);
        assertThat(descriptor.encryption().segmentSize()).isEqualTo(65536);
        String json = new String(raw.bytes("repository.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"requiredFeatures\"", "\"keyCheck\"").doesNotContain(TestKeys.HEX)
                .doesNotContain(TestKeys.BASE64).doesNotContain("\"encrypted\"");
        assertThat(repository.store()).isInstanceOf(EncryptingObjectStore.class);
    }

    @Test
    void aPlaintextRepositoryKeepsVersion1AndItsJson() throws IOException {
        Repository.init(raw, "promdr test");

        String json = new String(raw.bytes("repository.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"version\" : 1").doesNotContain("encryption").doesNotContain("requiredFeatures");
    }

    @Test
    void blockArchivesAreStoredEncryptedAndEverythingElsePlain() throws IOException {
        Repository repository = Repository.init(raw, "promdr test", key);
        byte[] archive = "tar.zst bytes with up{job=\"node\"}".getBytes(StandardCharsets.UTF_8);

        repository.store().put(BLOCK, archive);
        repository.store().put("backups/default/x.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(raw.bytes(BLOCK), StandardCharsets.ISO_8859_1)).doesNotContain("job");
        assertThat(raw.bytes("backups/default/x.json")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        Repository reopened = Repository.open(raw, key);
        try (InputStream in = reopened.store().get(BLOCK)) {
            assertThat(in.readAllBytes()).isEqualTo(archive);
        }
        assertThat(reopened.store().stat(BLOCK).orElseThrow().size()).isEqualTo(archive.length);
        try (InputStream in = reopened.readOnly().store().get(BLOCK)) {
            assertThat(in.readAllBytes()).isEqualTo(archive);
        }
        assertThatThrownBy(() -> reopened.readOnly().store().put(BLOCK, archive)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEncryptedRepositoryWithoutKeyIsRefused() throws IOException {
        Repository.init(raw, "promdr test", key);

        assertCode(() -> Repository.open(raw), ErrorCode.ENCRYPTION_KEY_MISSING, "--encryption-key-file");
        assertCode(() -> Repository.open(raw, KeySource.environment("PROMDR_ENCRYPTION_KEY", java.util.Map.of())),
                ErrorCode.ENCRYPTION_KEY_MISSING, "PROMDR_ENCRYPTION_KEY");
    }

    @Test
    void aWrongKeyIsRefusedByTheKeyCheck() throws IOException {
        Repository.init(raw, "promdr test", key);

        assertCode(() -> Repository.open(raw, wrongKey), ErrorCode.ENCRYPTION_KEY_WRONG, "wrong test key");
    }

    @Test
    void aKeyForAPlaintextRepositoryIsRefused() throws IOException {
        Repository.init(raw, "promdr test");

        assertCode(() -> Repository.open(raw, key), ErrorCode.ENCRYPTION_NOT_ENABLED, "not encrypted");
    }

    @Test
    void unknownFeaturesAndAlgorithmsAreRefused() throws IOException {
        raw.put("repository.json", """
                {"format":"promdr","version":2,"id":"x","createdAt":"2026-11-25T00:00:00Z","requiredFeatures":["time-travel"]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertCode(() -> Repository.open(raw, key), ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED, "time-travel");

        raw.put("repository.json", """
                {"format":"promdr","version":2,"id":"x","createdAt":"2026-11-25T00:00:00Z","requiredFeatures":["encryption"],
                 "encryption":{"algorithm":"rot13","segmentSize":65536,"keyCheck":"00"}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertCode(() -> Repository.open(raw, key), ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED, "rot13");

        raw.put("repository.json", """
                {"format":"promdr","version":2,"id":"x","createdAt":"2026-11-25T00:00:00Z","requiredFeatures":["encryption"]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertCode(() -> Repository.open(raw, key), ErrorCode.MANIFEST_UNREADABLE, "no \"encryption\"");
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.userMessage()).contains(text).doesNotContain(TestKeys.HEX).doesNotContain(TestKeys.BASE64);
        });
    }
}
