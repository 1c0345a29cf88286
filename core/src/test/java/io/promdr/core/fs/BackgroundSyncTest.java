package io.promdr.core.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundSyncTest {
    @TempDir
    Path dir;

    @Test
    void everyHandedOverFileIsClosedOnceAwaitReturns() throws IOException {
        FileChannel first = write("a", "alpha");
        FileChannel second = write("b", "beta");
        try (BackgroundSync sync = new BackgroundSync()) {
            sync.syncAndClose(first);
            sync.syncAndClose(second);
            sync.await();
        }
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isFalse();
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("alpha");
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("beta");
    }

    @Test
    void aFailedSyncIsRethrownByAwait() throws IOException {
        FileChannel closed = write("c", "gamma");
        closed.close();
        try (BackgroundSync sync = new BackgroundSync()) {
            sync.syncAndClose(closed);
            assertThatThrownBy(sync::await).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closeClosesWhatIsStillPending() throws IOException {
        FileChannel channel = write("d", "delta");
        BackgroundSync sync = new BackgroundSync();
        sync.syncAndClose(channel);
        sync.close();
        assertThat(channel.isOpen()).isFalse();
    }

    private FileChannel write(String name, String content) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(content.getBytes()));
        return channel;
    }
}
