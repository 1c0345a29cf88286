package io.promdr.core.tsdb.verify;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Buffered positional reads of one file: a window of the file is kept in a heap array that the
 * checks decode directly (no per-byte virtual calls). Memory is the window only (1 MiB, grown up to
 * {@link #MAX_CAPACITY} for a single larger entry), whatever the file size.
 */
final class FileWindow implements Closeable {
    static final int DEFAULT_CAPACITY = 1 << 20;
    /** No single entry (series, symbol, chunk) may be larger than this; TSDB writers stay far below it. */
    static final int MAX_CAPACITY = 64 << 20;

    private final FileChannel channel;
    private final long size;
    private byte[] buffer;
    private ByteBuffer view;
    /** File offset of buffer[0]. */
    private long start;
    /** Valid bytes in the buffer. */
    private int length;

    private FileWindow(FileChannel channel, long size, int capacity) {
        this.channel = channel;
        this.size = size;
        this.buffer = new byte[(int) Math.max(16, Math.min(capacity, size))];
        this.view = ByteBuffer.wrap(buffer);
    }

    static FileWindow open(Path file) throws IOException {
        return open(file, DEFAULT_CAPACITY);
    }

    static FileWindow open(Path file, int capacity) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new FileWindow(channel, channel.size(), capacity);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long size() {
        return size;
    }

    /** The array that {@link #window} offsets point into; valid until the next call of window. */
    byte[] buffer() {
        return buffer;
    }

    /** A big-endian view of {@link #buffer()} for fast 32/64-bit reads by absolute index. */
    ByteBuffer view() {
        return view;
    }

    /**
     * Makes the bytes {@code [pos, pos + len)} readable in {@link #buffer()} and returns the index of
     * {@code pos} in it.
     *
     * @throws CorruptDataException if the range lies outside the file or is larger than {@link #MAX_CAPACITY}
     */
    int window(long pos, long len) throws IOException {
        if (pos < 0 || len < 0 || pos > size || len > size - pos) {
            throw new CorruptDataException("bytes [" + pos + ", " + (pos + len) + ") lie past the end of the file ("
                    + size + " bytes)");
        }
        if (len > MAX_CAPACITY) {
            throw new CorruptDataException("an entry of " + len + " bytes at offset " + pos
                    + " is larger than the verifier's limit of " + MAX_CAPACITY + " bytes");
        }
        if (pos >= start && pos + len <= start + length) {
            return (int) (pos - start);
        }
        fill(pos, (int) len);
        return 0;
    }

    /** Like {@link #window} for up to {@code max} bytes, fewer near the end of the file; see {@link #available}. */
    int windowUpTo(long pos, int max) throws IOException {
        return window(pos, available(pos, max));
    }

    /** How many of {@code max} bytes from {@code pos} exist in the file. */
    int available(long pos, int max) {
        return (int) Math.max(0, Math.min(max, size - pos));
    }

    /** The CRC32C (Castagnoli) of the file range {@code [pos, pos + len)}, streamed through the window. */
    int crc(long pos, long len, CRC32C crc) throws IOException {
        crc.reset();
        long done = 0;
        while (done < len) {
            int part = (int) Math.min(len - done, buffer.length);
            int off = window(pos + done, part);
            crc.update(buffer, off, part);
            done += part;
        }
        return (int) crc.getValue();
    }

    private void fill(long pos, int len) throws IOException {
        if (len > buffer.length) {
            buffer = new byte[Math.max(len, Math.min(buffer.length * 2, MAX_CAPACITY))];
            view = ByteBuffer.wrap(buffer);
            length = 0;
        }
        // Keep the bytes we already have when reading on sequentially.
        int kept = 0;
        if (pos >= start && pos < start + length) {
            kept = (int) (start + length - pos);
            System.arraycopy(buffer, (int) (pos - start), buffer, 0, kept);
        }
        start = pos;
        length = kept;
        int want = (int) Math.min(buffer.length, size - pos);
        ByteBuffer target = ByteBuffer.wrap(buffer, kept, want - kept);
        while (length < len || (target.hasRemaining() && length < want)) {
            int n = channel.read(target, pos + length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        if (length < len) {
            throw new CorruptDataException("the file ended at " + (pos + length) + " while reading bytes up to "
                    + (pos + len) + " (it shrank while being read?)");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
