package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectStoresTest {
    /** Never contacted: building a client does not connect. A region is given so no provider chain is consulted. */
    private static final S3Settings LOCAL = new S3Settings("eu-west-1", URI.create("http://127.0.0.1:9"), true,
            "key", "secret", S3ObjectStore.MIN_PART_SIZE);

    @TempDir
    Path dir;

    @Test
    void fileUriOpensAFileSystemStore() throws Exception {
        try (ObjectStore store = ObjectStores.open(dir.toUri().toString(), LOCAL)) {
            assertThat(store).isInstanceOf(FileSystemObjectStore.class);
            assertThat(((FileSystemObjectStore) store).root()).isEqualTo(dir.toAbsolutePath());
            assertThat(store.location()).isEqualTo("file://" + dir.toAbsolutePath());
        }
    }

    @Test
    void fileUriWithEncodedOrRawSpacesNamesTheSameDirectory() {
        Path spaced = dir.resolve("my repo");
        FileSystemObjectStore encoded = (FileSystemObjectStore) ObjectStores.open(spaced.toUri().toString(), LOCAL);
        FileSystemObjectStore rawText = (FileSystemObjectStore) ObjectStores.open("file://" + spaced, LOCAL);

        assertThat(encoded.root()).isEqualTo(spaced);
        assertThat(rawText.root()).isEqualTo(spaced);
    }

    @Test
    void plainPathsOpenAFileSystemStore() {
        FileSystemObjectStore absolute = (FileSystemObjectStore) ObjectStores.open(dir.toString(), LOCAL);
        FileSystemObjectStore relative = (FileSystemObjectStore) ObjectStores.open("backups/./prom", null);

        assertThat(absolute.root()).isEqualTo(dir);
        assertThat(relative.root()).isEqualTo(Path.of("backups", "prom").toAbsolutePath());
    }

    @Test
    void s3UriOpensAnS3StoreWithBucketAndPrefix() {
        try (S3ObjectStore store = (S3ObjectStore) ObjectStores.open("s3://my-bucket/some/prefix/", LOCAL)) {
            assertThat(store.location()).isEqualTo("s3://my-bucket/some/prefix");
            assertThat(store.bucket()).isEqualTo("my-bucket");
            assertThat(store.partSizeBytes()).isEqualTo(S3ObjectStore.MIN_PART_SIZE);
        }
        try (S3ObjectStore store = (S3ObjectStore) ObjectStores.open("s3://my.bucket", LOCAL)) {
            assertThat(store.location()).isEqualTo("s3://my.bucket");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gs://bucket/x", "http://host/x", "s3:bucket", "file://host/dir", "file:relative/dir",
            "s3://", "s3://Bad_Bucket", "s3://ab", "s3://bucket/a//b", "s3://bucket/../up", " "})
    void unsupportedOrMalformedUrisAreUsageErrors(String uri) {
        assertThatThrownBy(() -> ObjectStores.open(uri, LOCAL)).isInstanceOf(PromdrException.class)
                .satisfies(e -> {
                    PromdrException error = (PromdrException) e;
                    assertThat(error.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(error.hint()).contains("file:///path").contains("s3://bucket/prefix");
                });
    }

    @Test
    void nullUriIsAUsageError() {
        assertThatThrownBy(() -> ObjectStores.open(null, LOCAL)).isInstanceOf(PromdrException.class)
                .hasMessageContaining("no repository URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://AKIAEXAMPLE:topsecret@bucket/x", "s3://AKIAEXAMPLE:top/secret@bucket/x",
            "s3://AKIAEXAMPLE:top@secret@bucket/x"})
    void credentialsInAUriNeverReachTheMessage(String uri) {
        assertThatThrownBy(() -> ObjectStores.open(uri, LOCAL))
                .isInstanceOf(PromdrException.class)
                .satisfies(e -> assertThat(((PromdrException) e).userMessage())
                        .doesNotContain("topsecret").doesNotContain("top/secret").doesNotContain("top@secret")
                        .doesNotContain("AKIAEXAMPLE"));
    }

    @Test
    void partSizeBelowTheS3MinimumIsAConfigError() {
        S3Settings tiny = new S3Settings("eu-west-1", URI.create("http://127.0.0.1:9"), true, "k", "s", 1024);

        assertThatThrownBy(() -> ObjectStores.open("s3://bucket", tiny)).isInstanceOf(PromdrException.class)
                .satisfies(e -> assertThat(((PromdrException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void halfGivenCredentialsAreAConfigErrorThatDoesNotShowTheKey() {
        S3Settings half = new S3Settings("eu-west-1", URI.create("http://127.0.0.1:9"), true, "AKIAHALF", null,
                S3ObjectStore.MIN_PART_SIZE);

        assertThatThrownBy(() -> ObjectStores.open("s3://bucket", half)).isInstanceOf(PromdrException.class)
                .satisfies(e -> {
                    assertThat(((PromdrException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(((PromdrException) e).userMessage()).doesNotContain("AKIAHALF");
                });
    }

    @Test
    void aCustomEndpointWithoutRegionGetsOne() {
        S3Settings noRegion = new S3Settings(null, URI.create("http://127.0.0.1:9"), true, "k", "s", 0);

        assertThat(S3ClientFactory.region(noRegion)).isNotNull();
        assertThat(S3ClientFactory.region(LOCAL).id()).isEqualTo("eu-west-1");
        try (S3ObjectStore store = (S3ObjectStore) ObjectStores.open("s3://bucket", noRegion)) {
            assertThat(store.partSizeBytes()).isEqualTo(S3Settings.DEFAULT_PART_SIZE);
        }
    }
}
