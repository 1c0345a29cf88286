package io.promdr.core.archive;

import com.github.luben.zstd.Zstd;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds tar (and tar.zst) archives entry by entry, including entries no honest archiver writes. */
final class HostileArchive {
    private final ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes);

    HostileArchive() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    HostileArchive dir(String name) {
        return put(new TarArchiveEntry(name, TarConstants.LF_DIR, true), null);
    }

    HostileArchive file(String name, String content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(data.length);
        return put(entry, data);
    }

    HostileArchive link(String name, byte type, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        return put(entry, null);
    }

    HostileArchive special(String name, byte type) {
        return put(new TarArchiveEntry(name, type, true), null);
    }

    /** The finished, uncompressed tar. */
    byte[] tar() {
        try {
            tar.finish();
            return tarBytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The finished archive compressed as one zstd frame, as the archiver writes it. */
    byte[] tarZst() {
        return zstd(tar());
    }

    static byte[] zstd(byte[] data) {
        return Zstd.compress(data, 3);
    }

    static byte[] cut(byte[] data, int length) {
        return Arrays.copyOf(data, length);
    }

    /** Rewrites the size field of the tar header at {@code offset} (and its checksum): a header that lies. */
    static byte[] withDeclaredSize(byte[] tar, int offset, long size) {
        byte[] copy = tar.clone();
        byte[] field = String.format("%011o\0", size).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, copy, offset + 124, 12);
        Arrays.fill(copy, offset + 148, offset + 156, (byte) ' ');
        long sum = 0;
        for (int i = offset; i < offset + 512; i++) {
            sum += copy[i] & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, copy, offset + 148, 8);
        return copy;
    }

    private HostileArchive put(TarArchiveEntry entry, byte[] data) {
        // Whole seconds, so no PAX header precedes the entry and header offsets stay predictable.
        entry.setModTime(1_700_000_000_000L);
        try {
            tar.putArchiveEntry(entry);
            if (data != null) {
                tar.write(data);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
