package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TestCertificates;
import io.promdr.core.tls.TlsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 store against S3Proxy serving https with a certificate of a test CA. */
class S3TlsIT {
    @TempDir
    static Path shared;

    static TestCertificates certs;
    static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(shared.resolve("tls"));
        s3 = new S3ProxyServer(certs.server()).start();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.stop();
        }
    }

    @Test
    void theCaFileIsTrustedForPutAndGet() throws IOException {
        assertThat(s3.endpoint().getScheme()).isEqualTo("https");
        String bucket = s3.newBucket();
        try (ObjectStore store = ObjectStores.open(S3ProxyServer.repositoryUri(bucket, "p"),
                s3.settings().withTls(new TlsOptions(certs.caFile(), false, S3Settings.TLS_KEY)))) {
            store.put("a/object", new byte[] {1, 2, 3});
            try (InputStream in = store.get("a/object")) {
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void withoutTheCaTheRepositoryTlsFailureNamesTheKey() {
        String bucket = s3.newBucket();
        for (TlsOptions tls : new TlsOptions[] {TlsOptions.defaults(S3Settings.TLS_KEY),
                new TlsOptions(certs.otherCaFile(), false, S3Settings.TLS_KEY)}) {
            assertThatThrownBy(() -> {
                try (ObjectStore store = ObjectStores.open(S3ProxyServer.repositoryUri(bucket, "p"), s3.settings().withTls(tls))) {
                    store.put("a/object", new byte[] {1});
                }
            }).isInstanceOfSatisfying(PromdrException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_TLS_FAILED);
                assertThat(e.getMessage()).startsWith("TLS connection to S3 endpoint ")
                        .endsWith("failed: the server's certificate is not signed by a trusted CA");
                assertThat(e.hint()).startsWith("set repository.s3.caFile to the PEM file of the CA");
            });
        }
    }

    @Test
    void insecureSkipVerifyTrustsAnyCertificate() throws IOException {
        String bucket = s3.newBucket();
        try (ObjectStore store = ObjectStores.open(S3ProxyServer.repositoryUri(bucket, "p"),
                s3.settings().withTls(new TlsOptions(null, true, S3Settings.TLS_KEY)))) {
            store.put("x", new byte[] {7});
            assertThat(store.stat("x")).isPresent();
        }
    }
}
