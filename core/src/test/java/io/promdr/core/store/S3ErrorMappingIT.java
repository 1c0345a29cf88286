package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.S3ProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** S3 failures users can hit become PromdrExceptions with the right code, a hint, and no secret. */
class S3ErrorMappingIT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @Test
    void missingBucketIsBucketNotFoundOnEveryOperation() throws Exception {
        try (ObjectStore store = ObjectStores.open("s3://no-such-bucket/repo", S3.settings())) {
            assertCode(() -> store.list(""), ErrorCode.BUCKET_NOT_FOUND);
            assertCode(() -> store.stat("repository.json"), ErrorCode.BUCKET_NOT_FOUND);
            assertCode(() -> store.get("repository.json"), ErrorCode.BUCKET_NOT_FOUND);
            assertCode(() -> store.put("repository.json", new byte[] {1}), ErrorCode.BUCKET_NOT_FOUND);
            assertThatThrownBy(() -> store.list("")).isInstanceOf(PromdrException.class)
                    .hasMessageContaining("s3://no-such-bucket/repo")
                    .satisfies(e -> assertThat(((PromdrException) e).hint()).contains("create the bucket"));
        }
    }

    @Test
    void wrongSecretIsAccessDeniedWithoutLeakingKeys() throws Exception {
        String wrongSecret = "wrong-secret-do-not-print";
        S3Settings wrong = new S3Settings(S3ProxyServer.REGION, S3.endpoint(), true, S3.accessKey(), wrongSecret,
                S3ObjectStore.MIN_PART_SIZE);
        try (ObjectStore store = ObjectStores.open(S3ProxyServer.repositoryUri(S3.bucket(), "repo"), wrong)) {
            for (ThrowingCallable call : new ThrowingCallable[] {() -> store.list(""), () -> store.get("x"),
                    () -> store.stat("x"), () -> store.put("x", new byte[] {1})}) {
                assertCode(call, ErrorCode.ACCESS_DENIED);
                assertThatThrownBy(call).satisfies(e -> {
                    String shown = ((PromdrException) e).userMessage();
                    assertThat(shown).doesNotContain(wrongSecret).doesNotContain(S3.accessKey())
                            .contains("credentials");
                });
            }
        }
    }

    @Test
    void unknownAccessKeyIsAccessDenied() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.started()) { // the harness also works without JUnit
            S3Settings wrong = new S3Settings(S3ProxyServer.REGION, server.endpoint(), true, "unknown-key",
                    server.secretKey(), S3ObjectStore.MIN_PART_SIZE);
            try (ObjectStore store = ObjectStores.open("s3://" + server.bucket(), wrong)) {
                assertCode(() -> store.list(""), ErrorCode.ACCESS_DENIED);
            }
        }
    }

    @Test
    void closedPortIsRepositoryUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3Settings settings = new S3Settings(S3ProxyServer.REGION, URI.create("http://127.0.0.1:" + closedPort), true,
                S3.accessKey(), S3.secretKey(), S3ObjectStore.MIN_PART_SIZE);
        try (ObjectStore store = new S3ObjectStore(S3ClientFactory.create(settings, 1), "bucket", "repo",
                settings.partSizeBytes())) {
            assertCode(() -> store.list(""), ErrorCode.REPOSITORY_UNREACHABLE);
            assertThatThrownBy(() -> store.stat("x")).isInstanceOf(PromdrException.class)
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .satisfies(e -> assertThat(((PromdrException) e).hint()).contains("endpoint"));
        }
    }

    @Test
    void unknownServerErrorsStayIoExceptions() throws Exception {
        // A key longer than S3's 1024-byte limit is refused by the server with a 400 of no special meaning.
        try (ObjectStore store = ObjectStores.open("s3://" + S3.bucket(), S3.settings())) {
            assertThatThrownBy(() -> store.put("k".repeat(1100), new byte[] {1}))
                    .isInstanceOf(IOException.class).hasMessageContaining("s3://" + S3.bucket());
        }
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOf(PromdrException.class)
                .satisfies(e -> assertThat(((PromdrException) e).code()).isEqualTo(code));
    }
}
