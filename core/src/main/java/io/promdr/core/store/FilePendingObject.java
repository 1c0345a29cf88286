package io.promdr.core.store;

import io.promdr.core.fs.Durability;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A write to a {@link FileSystemObjectStore}: bytes go to a hidden temp file next to the target,
 * which {@link #commit()} fsyncs and atomically renames into place. Memory use is one small
 * write buffer, whatever the object size.
 */
final class FilePendingObject implements PendingObject {
    /** Bytes held in memory before they are written to the temp file. */
    static final int WRITE_BUFFER_BYTES = 64 * 1024;
    private static final int CREATE_ATTEMPTS = 3;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final String key;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private State state = State.OPEN;

    private FilePendingObject(String key, Path target, Path temp, FileChannel channel) {
        this.key = key;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        // Closing the caller's stream must not close the channel: commit still needs it.
        this.stream = new FilterOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel),
                WRITE_BUFFER_BYTES)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    static FilePendingObject open(String key, Path target) throws IOException {
        Path directory = target.getParent();
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(directory);
            Path temp = directory.resolve(FileSystemObjectStore.TEMP_PREFIX + UUID.randomUUID());
            try {
                FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new FilePendingObject(key, target, temp, channel);
            } catch (NoSuchFileException e) {
                // A concurrent delete removed the directory it had just emptied: create it again.
                if (attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized ObjectInfo commit() throws IOException {
        if (state != State.OPEN) {
            throw new IllegalStateException("already " + state.name().toLowerCase() + ": " + key);
        }
        try {
            stream.flush();
            channel.force(true);
            long size = channel.size();
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            state = State.COMMITTED;
            Durability.syncDirectory(target.getParent());
            return new ObjectInfo(key, size, Files.getLastModifiedTime(target).toInstant());
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public synchronized void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to save: the temp file is deleted next
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // invisible debris: list() never shows temp files
        }
    }

    /** The temp file being written, for tests that check bytes leave memory as they are written. */
    Path tempFile() {
        return temp;
    }
}
