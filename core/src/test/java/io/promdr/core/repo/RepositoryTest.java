package io.promdr.core.repo;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BackupId;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.BlockStats;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.SourceInfo;
import io.promdr.core.model.StoredObject;
import io.promdr.core.store.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryTest {
    private static final String HASH = "a".repeat(64);
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void initWritesTheDescriptorOnceAndOpenReadsIt() throws IOException {
        Repository created = Repository.init(store, "promdr test");

        Repository opened = Repository.open(store);

        assertThat(opened.descriptor()).isEqualTo(created.descriptor());
        assertThat(opened.descriptor().version()).isEqualTo(1);
        assertThatThrownBy(() -> Repository.init(store, "again"))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_ALREADY_INITIALISED));
    }

    @Test
    void openRefusesAnUninitialisedLocationWithAHint() {
        assertThatThrownBy(() -> Repository.open(store))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_NOT_INITIALISED);
                    assertThat(e.userMessage()).contains("mem://test").contains("promdr init");
                });
    }

    @Test
    void openRefusesANewerFormatVersion() throws IOException {
        store.put("repository.json", """
                {"format":"promdr","version":3,"id":"x","createdAt":"2026-11-25T00:00:00Z"}""".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Repository.open(store))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED);
                    assertThat(e.hint()).contains("upgrade");
                });
    }

    @Test
    void openRefusesSomethingThatIsNotAPromdrRepository() throws IOException {
        store.put("repository.json", "{\"format\":\"restic\",\"version\":1}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Repository.open(store))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED));
    }

    @Test
    void manifestsRoundTripAndResolveByLatestPrefixAndSource() throws IOException {
        Repository repository = Repository.init(store, "test");
        Manifest first = manifest("20261120T010000Z-00000001", "alpha");
        Manifest second = manifest("20261121T010000Z-00000002", "beta");
        Manifest third = manifest("20261122T010000Z-00000003", "alpha");
        for (Manifest m : List.of(third, first, second)) {
            repository.commitManifest(m);
        }

        assertThat(repository.listManifests(null)).containsExactly(first, second, third);
        assertThat(repository.listManifests("beta")).containsExactly(second);
        assertThat(repository.resolve("latest", null)).isEqualTo(third);
        assertThat(repository.resolve("latest", "beta")).isEqualTo(second);
        assertThat(repository.resolve("20261121", null)).isEqualTo(second);
        assertThat(store.stat("backups/alpha/20261120T010000Z-00000001.json")).isPresent();
    }

    @Test
    void latestIsTheLastStartedEvenWithinOneSecond() throws IOException {
        Repository repository = Repository.init(store, "test");
        Manifest earlier = withStart(manifest("20261120T010000Z-ffffffff", "alpha"), "2026-11-20T01:00:00.100Z");
        Manifest later = withStart(manifest("20261120T010000Z-00000001", "alpha"), "2026-11-20T01:00:00.900Z");
        repository.commitManifest(later);
        repository.commitManifest(earlier);

        assertThat(repository.resolve("latest", "alpha")).isEqualTo(later);
        assertThat(repository.listManifests("alpha")).containsExactly(earlier, later);
    }

    @Test
    void resolveExplainsMissingAndAmbiguousIds() throws IOException {
        Repository repository = Repository.init(store, "test");
        assertThatThrownBy(() -> repository.resolve("latest", null))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_NOT_FOUND));
        repository.commitManifest(manifest("20261120T010000Z-00000001", "alpha"));
        repository.commitManifest(manifest("20261120T020000Z-00000002", "alpha"));

        assertThatThrownBy(() -> repository.resolve("2026112", null))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
        assertThatThrownBy(() -> repository.resolve("2027", null))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_NOT_FOUND);
                    assertThat(e.hint()).contains("promdr list");
                });
    }

    @Test
    void anUnreadableManifestIsReportedWithoutHidingTheOthers() throws IOException {
        Repository repository = Repository.init(store, "test");
        Manifest good = manifest("20261120T010000Z-00000001", "alpha");
        repository.commitManifest(good);
        store.put("backups/alpha/20261121T010000Z-00000002.json", "{not json".getBytes(StandardCharsets.UTF_8));
        store.put("backups/alpha/20261122T010000Z-00000003.json",
                "{\"formatVersion\":9,\"backupId\":\"20261122T010000Z-00000003\"}".getBytes(StandardCharsets.UTF_8));
        store.put("backups/alpha/notes.txt", "ignored".getBytes(StandardCharsets.UTF_8));
        List<PromdrException> problems = new ArrayList<>();

        List<Manifest> listed = repository.listManifests("alpha", problems::add);

        assertThat(listed).containsExactly(good);
        assertThat(problems).extracting(PromdrException::code)
                .containsExactlyInAnyOrder(ErrorCode.MANIFEST_UNREADABLE, ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED);
        assertThatThrownBy(() -> repository.listManifests("alpha"))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE));
    }

    @Test
    void aManifestWhoseIdDiffersFromItsKeyIsRefused() throws IOException {
        Repository repository = Repository.init(store, "test");
        byte[] json = RepositoryJson.mapper().writeValueAsBytes(manifest("20261120T010000Z-00000001", "alpha"));
        store.put("backups/alpha/20261120T010000Z-0000000f.json", json);

        assertThatThrownBy(() -> repository.readManifest("backups/alpha/20261120T010000Z-0000000f.json"))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE));
    }

    @Test
    void aManifestWithHostileNamesIsRefusedBeforeAnythingUsesThem() throws IOException {
        Repository repository = Repository.init(store, "test");
        String id = "20261120T010000Z-00000001";
        String json = new String(RepositoryJson.mapper().writeValueAsBytes(manifest(id, "alpha")), StandardCharsets.UTF_8);
        for (String hostile : List.of(json.replace("\"path\" : \"index\"", "\"path\" : \"../../etc/passwd\""),
                json.replace("\"ulid\" : \"01M87EK388KVRAKZ6PRRPV9GFJ\"", "\"ulid\" : \"../outside\""),
                json.replace("\"key\" : \"blocks/", "\"key\" : \"backups/"),
                json.replace("\"path\" : \"index\"", "\"path\" : \".\""),
                json.replace("\"name\" : \"alpha\"", "\"name\" : \"beta\""))) {
            assertThat(hostile).isNotEqualTo(json);
            store.put("backups/alpha/" + id + ".json", hostile.getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> repository.resolve(id, "alpha"))
                    .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNREADABLE));
        }
    }

    @Test
    void hasObjectChecksPresenceAndSize() throws IOException {
        Repository repository = Repository.init(store, "test");
        String key = RepositoryLayout.blockObjectKey("01M87EK388KVRAKZ6PRRPV9GFJ", HASH);
        store.put(key, new byte[10]);

        assertThat(repository.hasObject(new StoredObject(key, 10, HASH))).isTrue();
        assertThat(repository.hasObject(new StoredObject(key, 11, HASH))).isFalse();
        assertThat(repository.hasObject(new StoredObject(key + "x", 10, HASH))).isFalse();
    }

    @Test
    void layoutBuildsTheDocumentedKeysAndRefusesBadParts() {
        BackupId id = new BackupId("20261125T173824Z-3fa9c2d1");
        assertThat(RepositoryLayout.manifestKey("default", id)).isEqualTo("backups/default/20261125T173824Z-3fa9c2d1.json");
        assertThat(RepositoryLayout.blockObjectKey("01M87EK388KVRAKZ6PRRPV9GFJ", HASH))
                .isEqualTo("blocks/01M87EK388KVRAKZ6PRRPV9GFJ/" + HASH + ".tar.zst");
        assertThat(RepositoryLayout.backupIdOf("backups/default/20261125T173824Z-3fa9c2d1.json")).contains(id);
        assertThat(RepositoryLayout.backupIdOf("backups/default/.tmp-1")).isEmpty();
        assertThatThrownBy(() -> RepositoryLayout.manifestKey("../etc", id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RepositoryLayout.blockObjectKey("../x", HASH)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BackupId.newId(Instant.parse("2026-11-25T17:38:24Z")).value()).startsWith("20261125T173824Z-");
    }

    private static Manifest withStart(Manifest m, String startedAt) {
        return new Manifest(m.formatVersion(), m.backupId(), m.source(), Instant.parse(startedAt), m.completedAt(),
                m.snapshotName(), m.toolVersion(), m.blocks());
    }

    static Manifest manifest(String id, String source) {
        String ulid = "01M87EK388KVRAKZ6PRRPV9GFJ";
        BlockRecord block = new BlockRecord(ulid, 1000, 2000, new BlockStats(48000, 100, 400, 0), 1, HASH,
                new StoredObject(RepositoryLayout.blockObjectKey(ulid, HASH), 1234, HASH),
                List.of(new FileRecord("index", 10, HASH), new FileRecord("meta.json", 5, HASH)));
        return new Manifest(1, id, new SourceInfo(source, "http://127.0.0.1:9090", "2.42.0", "host"),
                Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-20T01:00:05Z"), "snap", "dev", List.of(block));
    }
}
