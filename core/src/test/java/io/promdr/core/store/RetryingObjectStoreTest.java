package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.retry.Retrier;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.retry.TransientFailures;
import io.promdr.core.store.FaultInjectingObjectStore.Fault;
import io.promdr.core.store.FaultInjectingObjectStore.Op;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingObjectStoreTest {
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

    private final InMemoryObjectStore real = new InMemoryObjectStore();
    private final FaultInjectingObjectStore faulty = new FaultInjectingObjectStore(real);
    /** A fake clock that the fake sleeper advances: tests of minutes of backoff run in milliseconds. */
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();
    private final RetryingObjectStore store = new RetryingObjectStore(faulty, new Retrier(POLICY, TransientFailures::isTransient,
            d -> {
                waits.add(d);
                nanos.addAndGet(d.toNanos());
            }, nanos::get, new Random(42)));

    @Test
    void transientFailuresAreRetriedWithGrowingJitteredWaits() throws IOException {
        real.put("k", new byte[] {1});
        faulty.plan(Fault.fail(Op.STAT, "k", 1, () -> new SocketException("Connection reset")).times(5));

        assertThat(store.stat("k")).isPresent();

        faulty.assertAllFired();
        assertThat(waits).hasSize(5);
        for (int i = 0; i < waits.size(); i++) {
            assertThat(waits.get(i)).isBetween(Duration.ZERO, POLICY.ceiling(i + 1));
        }
        assertThat(POLICY.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(POLICY.ceiling(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(POLICY.ceiling(20)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void permanentFailuresFailAtOnce() throws IOException {
        faulty.plan(Fault.fail(Op.LIST, "", 1, () -> new PromdrException(ErrorCode.ACCESS_DENIED, "access denied", "hint")));

        assertThatThrownBy(() -> store.list("")).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThatThrownBy(() -> store.get("missing")).isInstanceOf(ObjectNotFoundException.class);

        faulty.assertAllFired();
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesAreBoundedByElapsedTimeNotByCount() {
        faulty.plan(Fault.fail(Op.DELETE, "k", 1, () -> new SocketException("Connection reset")).times(10_000));

        assertThatThrownBy(() -> store.delete("k")).isInstanceOf(SocketException.class);

        long total = waits.stream().mapToLong(Duration::toMillis).sum();
        assertThat(total).isEqualTo(POLICY.maxElapsed().toMillis());
        assertThat(waits.size()).isGreaterThan(10).isLessThan(10_000);
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(POLICY.max()));
    }

    @Test
    void aReadResetHalfWayResumesFromTheNextByte() throws IOException {
        byte[] content = TestBytes.slice(3, 100_000);
        real.put("blocks/b", content);
        faulty.plan(Fault.resetAfter("blocks/b", 1, 40_000));

        byte[] read;
        try (InputStream in = store.get("blocks/b")) {
            read = in.readAllBytes();
        }

        assertThat(read).isEqualTo(content);
        faulty.assertAllFired();
    }

    @Test
    void aTruncatedOrCorruptedReadIsNotHiddenByRetries() throws IOException {
        byte[] content = TestBytes.slice(5, 10_000);
        real.put("blocks/b", content);
        faulty.plan(Fault.truncate("blocks/b", 1, 100), Fault.corrupt("blocks/b", 2, 5));

        try (InputStream in = store.get("blocks/b")) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
        try (InputStream in = store.get("blocks/b")) {
            assertThat(in.readAllBytes()).isNotEqualTo(content);
        }
        faulty.assertAllFired();
    }

    @Test
    void smallPutsAreRetriedWhole() throws IOException {
        faulty.plan(Fault.fail(Op.COMMIT, "repository.json", 1, () -> new SocketException("Connection reset")));

        store.put("repository.json", new byte[] {1, 2, 3});

        assertThat(real.bytes("repository.json")).containsExactly(1, 2, 3);
        faulty.assertAllFired();
    }

    @Test
    void noPolicyNoWrapper() {
        assertThat(RetryingObjectStore.wrap(real, RetryPolicy.NONE)).isSameAs(real);
        assertThat(RetryingObjectStore.wrap(real, RetryPolicy.DEFAULT)).isInstanceOf(RetryingObjectStore.class);
    }
}
