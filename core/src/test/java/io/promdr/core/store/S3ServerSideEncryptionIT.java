package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.FaultProxy;
import io.promdr.core.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side encryption options reach S3 on every request that creates an object (PutObject and
 * CreateMultipartUpload), checked on the wire by a proxy in front of S3Proxy. S3Proxy answers
 * 501 NotImplemented to SSE headers (and the headers are signed, so the proxy cannot strip
 * them): the writes fail there, and what is checked is what promdr asked for.
 */
class S3ServerSideEncryptionIT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private FaultProxy proxy;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = FaultProxy.start(S3.endpoint());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void sseS3IsRequestedOnSmallAndMultipartWrites() throws IOException {
        try (ObjectStore store = open("AES256", null)) {
            attempt(() -> store.put("small", new byte[] {1}));
            attempt(() -> writeMultipart(store, "multi"));
        }

        assertThat(creating()).hasSize(2).allSatisfy(head -> assertThat(head).contains("x-amz-server-side-encryption: aes256")
                .doesNotContain("kms-key-id"));
    }

    @Test
    void sseKmsSendsTheKeyId() throws IOException {
        try (ObjectStore store = open("aws:kms", "arn:aws:kms:us-east-1:111122223333:key/test-key")) {
            attempt(() -> store.put("small", new byte[] {1}));
        }

        assertThat(creating()).isNotEmpty().allSatisfy(head -> assertThat(head)
                .contains("x-amz-server-side-encryption: aws:kms")
                .contains("x-amz-server-side-encryption-aws-kms-key-id: arn:aws:kms:us-east-1:111122223333:key/test-key"));
    }

    @Test
    void withoutTheOptionNothingIsRequested() throws IOException {
        try (ObjectStore store = open(null, null)) {
            store.put("small", new byte[] {1});
        }

        assertThat(creating()).hasSize(1).noneMatch(head -> head.contains("server-side-encryption"));
    }

    @Test
    void badOptionsAreAConfigurationError() {
        assertThatThrownBy(() -> open("rot13", null)).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID)).hasMessageContaining("rot13");
        assertThatThrownBy(() -> open("AES256", "key")).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID)).hasMessageContaining("aws:kms");
    }

    private interface Write {
        void run() throws IOException;
    }

    /** Runs a write that S3Proxy refuses because of its SSE headers (HTTP 501). */
    private static void attempt(Write write) {
        assertThatThrownBy(write::run).isInstanceOf(IOException.class).hasMessageContaining("501");
    }

    /** The request heads of PutObject and CreateMultipartUpload, lower-cased. */
    private List<String> creating() {
        return proxy.requests().stream().map(h -> h.toLowerCase(Locale.ROOT))
                .filter(h -> h.startsWith("put ") && !h.contains("partnumber=") || h.startsWith("post ") && h.contains("?uploads"))
                .toList();
    }

    private ObjectStore open(String sse, String kmsKeyId) {
        S3Settings direct = S3.settings();
        S3Settings settings = new S3Settings(direct.region(), proxy.endpoint(), true, direct.accessKeyId(),
                direct.secretAccessKey(), direct.partSizeBytes(), sse, kmsKeyId);
        return ObjectStores.open(S3ProxyServer.repositoryUri(S3.bucket(), "sse"), settings);
    }

    private static void writeMultipart(ObjectStore store, String key) throws IOException {
        try (PendingObject pending = store.create(key)) {
            try (OutputStream out = pending.stream()) {
                out.write(new byte[(5 << 20) + 10]);
            }
            pending.commit();
        }
    }
}
