package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdr.core.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The contract against a real S3 API (S3Proxy on 127.0.0.1), with a key prefix and 5 MiB parts. */
class S3ObjectStoreIT extends ObjectStoreContract {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();
    private static final String PREFIX = "team/prometheus";

    private String bucket;
    private S3ObjectStore store;
    /** Talks to the bucket directly, to see what the store hides (uploads in progress, raw keys). */
    private S3Client raw;

    @BeforeEach
    void openStore() {
        bucket = S3.newBucket();
        store = (S3ObjectStore) ObjectStores.open(S3ProxyServer.repositoryUri(bucket, PREFIX), S3.settings());
        raw = S3ClientFactory.create(S3.settings());
    }

    @AfterEach
    void closeStore() {
        store.close();
        raw.close();
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected int checkpointBytes() {
        return store.partSizeBytes();
    }

    @Override
    protected void assertBytesLeftMemory(PendingObject pending, long written) throws IOException {
        S3PendingUpload upload = (S3PendingUpload) pending;
        int partSize = store.partSizeBytes();
        // One part being filled, at most DEFAULT_PARTS_IN_FLIGHT more being sent; every earlier part
        // is handed over, and once sent it is on the server.
        assertThat(upload.bufferCapacity()).isLessThanOrEqualTo(partSize);
        assertThat(upload.extraPartBuffers()).isLessThanOrEqualTo(S3ObjectStore.DEFAULT_PARTS_IN_FLIGHT);
        long expectedParts = (written - 1) / partSize;
        assertThat(upload.uploadedParts()).isEqualTo((int) expectedParts);
        if (expectedParts > 0) {
            upload.awaitPartsSent();
            int onServer = raw.listParts(b -> b.bucket(bucket).key(PREFIX + "/" + upload.key())
                    .uploadId(upload.uploadId())).parts().size();
            assertThat(onServer).isEqualTo((int) expectedParts);
        }
    }

    @Override
    protected void assertNoDebris() {
        assertThat(raw.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void objectsLiveUnderTheKeyPrefix() throws IOException {
        store.put("repository.json", new byte[] {1});

        // (The test server lists its directories as "folder/" markers; the store skips those.)
        assertThat(raw.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .filteredOn(key -> !key.endsWith("/"))
                .containsExactly(PREFIX + "/repository.json");
        assertThat(store.location()).isEqualTo("s3://" + bucket + "/" + PREFIX);
    }

    @Test
    void anObjectOfAtMostOnePartIsASinglePut() throws IOException {
        try (PendingObject pending = store.create("one-part")) {
            writeLarge(pending, store.partSizeBytes());
            assertThat(((S3PendingUpload) pending).uploadId()).isNull();
            pending.commit();
        }
        assertThat(store.stat("one-part").orElseThrow().size()).isEqualTo(store.partSizeBytes());
        assertNoDebris();
    }

    @Test
    void listSkipsFolderMarkersAndObjectsOutsideThePrefix() throws IOException {
        raw.putObject(b -> b.bucket(bucket).key(PREFIX + "/folder/"), RequestBody.empty());
        raw.putObject(b -> b.bucket(bucket).key("team/other/x"), RequestBody.fromString("x"));
        store.put("folder/object", new byte[] {1});

        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("folder/object");
    }

    @Test
    void aStoreAtTheBucketRootUsesKeysAsIs() throws Exception {
        try (ObjectStore root = ObjectStores.open(S3ProxyServer.repositoryUri(bucket, ""), S3.settings())) {
            root.put("top/level", new byte[] {5});

            assertThat(root.location()).isEqualTo("s3://" + bucket);
            assertThat(raw.headObject(b -> b.bucket(bucket).key("top/level")).contentLength()).isEqualTo(1);
            assertThat(root.list("")).extracting(ObjectInfo::key).containsExactly("top/level");
        }
    }

    @Test
    void listFollowsPagination() throws IOException {
        store.listPageSize(4);
        for (int i = 10; i >= 0; i--) { // three pages, written out of order
            store.put("many/" + String.format("%02d", i), new byte[i]);
        }
        store.put("other", new byte[1]);

        List<ObjectInfo> listed = store.list("many/");
        assertThat(listed).extracting(ObjectInfo::key).containsExactly("many/00", "many/01", "many/02", "many/03",
                "many/04", "many/05", "many/06", "many/07", "many/08", "many/09", "many/10");
        assertThat(listed).extracting(ObjectInfo::size).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void closingAReadEarlyDoesNotDrainTheObject() throws IOException {
        try (PendingObject pending = store.create("big")) {
            writeLarge(pending, 12L * MIB);
            pending.commit();
        }
        try (InputStream in = store.get("big")) {
            assertThat(in.readNBytes(10)).isEqualTo(TestBytes.slice(0, 10));
        }
        // The store still works after an aborted response.
        assertThat(read("big")).hasSize(12 * MIB);
    }
}
