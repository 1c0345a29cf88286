package io.promdr.core.snapshot;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.HashingInputStream;
import io.promdr.core.model.FileRecord;
import io.promdr.core.tsdb.BlockMeta;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A block directory on promdr's file system. */
final class LocalSnapshotBlock implements SnapshotBlock {
    private final Path dir;

    LocalSnapshotBlock(Path dir) {
        this.dir = dir;
    }

    @Override
    public String ulid() {
        return dir.getFileName().toString();
    }

    @Override
    public BlockMeta meta() throws IOException {
        return BlockMeta.read(dir);
    }

    @Override
    public Map<String, Long> fileSizes() throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                sizes.put(relative, Files.size(file));
            }
        }
        return sizes;
    }

    @Override
    public String sha256(String path) throws IOException {
        try (HashingInputStream in = new HashingInputStream(Files.newInputStream(dir.resolve(path), LinkOption.NOFOLLOW_LINKS))) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.hex();
        }
    }

    @Override
    public List<FileRecord> scan(BlockArchiver archiver) throws IOException {
        return archiver.scan(dir);
    }

    @Override
    public void pack(BlockArchiver archiver, List<FileRecord> expected, OutputStream out) throws IOException {
        archiver.pack(dir, ulid(), expected, out);
    }
}
