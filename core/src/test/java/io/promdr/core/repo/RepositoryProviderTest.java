package io.promdr.core.repo;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.store.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who closes the store a repository is opened on, whatever fails. */
class RepositoryProviderTest {
    private final AtomicInteger closes = new AtomicInteger();
    private final InMemoryObjectStore store = new InMemoryObjectStore() {
        @Override
        public void close() {
            closes.incrementAndGet();
        }
    };

    @Test
    void withRepositoryReturnsTheResultAndClosesTheStore() throws IOException {
        Repository.init(store, "test");
        RepositoryProvider provider = () -> Repository.open(store);

        String id = provider.withRepository(repository -> repository.descriptor().id());

        assertThat(id).isNotBlank();
        assertThat(closes).hasValue(1);
    }

    @Test
    void withRepositoryClosesTheStoreWhenTheWorkFails() throws IOException {
        Repository.init(store, "test");
        RepositoryProvider provider = () -> Repository.open(store);

        assertThatThrownBy(() -> provider.withRepository(repository -> {
            throw new IOException("work failed");
        })).hasMessage("work failed");
        assertThat(closes).hasValue(1);
    }

    @Test
    void openOrCloseStoreClosesTheStoreOnlyWhenTheRepositoryDoesNotOpen() throws IOException {
        assertThatThrownBy(() -> Repository.openOrCloseStore(store)).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REPOSITORY_NOT_INITIALISED));
        assertThat(closes).hasValue(1);

        Repository.init(store, "test");
        assertThat(Repository.openOrCloseStore(store).store()).isSameAs(store);
        assertThat(closes).hasValue(1);
    }
}
