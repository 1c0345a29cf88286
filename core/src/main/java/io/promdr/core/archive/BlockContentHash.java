package io.promdr.core.archive;

import io.promdr.core.model.FileRecord;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The content hash of a block: SHA-256 of its file table, one line per file sorted by path,
 * {@code <sha256> <size> <path>\n}. Two blocks with the same files byte for byte have the same
 * hash whatever the archive bytes (compression level, tar details), so the object key
 * {@code blocks/<ULID>/<content-hash>.tar.zst} names content, not one particular encoding of it.
 * Reproduce by hand: {@code (cd BLOCK && find . -type f | sed 's|^./||' | sort | while read f; do
 * printf '%s %s %s\n' "$(sha256sum < $f | cut -d' ' -f1)" "$(stat -c %s $f)" "$f"; done) | sha256sum}.
 */
public final class BlockContentHash {
    private BlockContentHash() {
    }

    public static String of(List<FileRecord> files) {
        Sha256 sha256 = new Sha256();
        files.stream().sorted(Comparator.comparing(FileRecord::path)).forEach(f -> {
            byte[] line = (f.sha256() + " " + f.size() + " " + f.path() + "\n").getBytes(StandardCharsets.UTF_8);
            sha256.update(line, 0, line.length);
        });
        return sha256.hex();
    }
}
