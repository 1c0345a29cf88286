package io.promdr.core.store;

import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.testing.FaultProxy;
import io.promdr.core.testing.FaultProxy.Action;
import io.promdr.core.testing.FaultProxy.Rule;
import io.promdr.core.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 store, as the CLI opens it (retrying), behind a proxy that throttles (503 SlowDown),
 * fails (500) and resets connections: what retries ride out, and where they stop.
 */
class S3FaultsIT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(30));

    private FaultProxy proxy;
    private ObjectStore store;

    @BeforeEach
    void open() throws IOException {
        proxy = FaultProxy.start(S3.endpoint());
        store = open(FAST);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        proxy.close();
    }

    @Test
    void throttlingBeyondTheSdkAttemptsIsRiddenOut() throws IOException {
        proxy.plan(Rule.of("PUT", "/small", 1, 5, Action.SLOW_DOWN_503));

        store.put("small", new byte[] {1, 2, 3});

        assertThat(read("small")).containsExactly(1, 2, 3);
        proxy.assertAllFired();
    }

    @Test
    void resetsAndServerErrorsOnReadsAndListsAreRetried() throws IOException {
        store.put("k", new byte[] {4, 5});
        proxy.plan(Rule.of("GET", "/k", 1, 4, Action.RESET_BEFORE_ANSWER),
                Rule.of("GET", "list-type=2", 1, 4, Action.INTERNAL_ERROR_500),
                Rule.of("HEAD", "/k", 1, 4, Action.SLOW_DOWN_503));

        assertThat(read("k")).containsExactly(4, 5);
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("k");
        assertThat(store.stat("k")).isPresent();
        proxy.assertAllFired();
    }

    @Test
    void aDownloadResetPartWayResumesWithARangeRequest() throws IOException {
        byte[] big = TestBytes.slice(0, 3 << 20);
        store.put("big", big);
        proxy.plan(new Rule("GET", "/big", 1, 1, Action.RESET_MID_ANSWER, 1 << 20));

        assertThat(Arrays.equals(read("big"), big)).as("the bytes read are the bytes stored").isTrue();

        proxy.assertAllFired();
        assertThat(proxy.requests()).anyMatch(head -> head.startsWith("GET ") && head.contains("/big")
                && head.toLowerCase().contains("range: bytes="));
    }

    @Test
    void multipartPartsAreRetriedByTheSdk() throws IOException {
        byte[] data = TestBytes.slice(7, (5 << 20) + 1000);
        proxy.plan(Rule.of("PUT", "partNumber=1", 1, 2, Action.SLOW_DOWN_503));

        try (PendingObject pending = store.create("multi")) {
            try (OutputStream out = pending.stream()) {
                out.write(data);
            }
            pending.commit();
        }

        assertThat(Arrays.equals(read("multi"), data)).isTrue();
        proxy.assertAllFired();
    }

    @Test
    void throttlingThatOutlastsMaxElapsedFailsWithTheS3Error() throws IOException {
        store.close();
        store = open(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1)));
        proxy.plan(Rule.of("HEAD", "/k", 1, 10_000, Action.SLOW_DOWN_503));
        long start = System.nanoTime();

        assertThatThrownBy(() -> store.stat("k")).isInstanceOf(IOException.class).hasMessageContaining("SlowDown");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    private ObjectStore open(RetryPolicy policy) {
        S3Settings direct = S3.settings();
        S3Settings viaProxy = new S3Settings(direct.region(), proxy.endpoint(), true, direct.accessKeyId(),
                direct.secretAccessKey(), direct.partSizeBytes());
        ObjectStore opened = ObjectStores.open(S3ProxyServer.repositoryUri(S3.bucket(), "faults"), viaProxy, policy);
        assertThat(opened).isInstanceOf(RetryingObjectStore.class);
        return opened;
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }
}
