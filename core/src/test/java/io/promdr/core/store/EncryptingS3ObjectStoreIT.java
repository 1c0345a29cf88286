package io.promdr.core.store;

import io.promdr.core.crypto.EncryptingObjectStore;
import io.promdr.core.crypto.TestKeys;
import io.promdr.core.model.RepositoryEncryption;
import io.promdr.core.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encrypting decorator over the real S3 API (S3Proxy): multipart uploads of encrypted
 * streams, ranged GETs mapped to segments, plaintext sizes from HEAD and LIST.
 */
class EncryptingS3ObjectStoreIT extends ObjectStoreContract {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private String bucket;
    private S3ObjectStore s3;
    private ObjectStore store;
    private S3Client raw;

    @BeforeEach
    void openStore() {
        bucket = S3.newBucket();
        s3 = (S3ObjectStore) ObjectStores.open(S3ProxyServer.repositoryUri(bucket, "enc"), S3.settings());
        store = new EncryptingObjectStore(s3, TestKeys.key(), RepositoryEncryption.DEFAULT_SEGMENT_SIZE, key -> true);
        raw = S3ClientFactory.create(S3.settings());
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
        raw.close();
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected int checkpointBytes() {
        return s3.partSizeBytes();
    }

    @Override
    protected void assertNoDebris() {
        assertThat(raw.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }
}
