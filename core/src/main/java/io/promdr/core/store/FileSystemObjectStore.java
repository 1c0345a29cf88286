package io.promdr.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} in a local directory: key {@code a/b/c} is the file {@code <root>/a/b/c}.
 *
 * <p>Writes go to a hidden temp file ({@code .tmp-<random>}) in the target directory, which is
 * fsynced, atomically renamed into place, and whose directory is then fsynced: a crash leaves
 * either the old object, the new one, or invisible temp debris, never a partial object. Keys
 * whose last segment starts with {@value #TEMP_PREFIX} are therefore rejected.
 *
 * <p>A root that does not exist behaves as an empty store (it is created by the first write):
 * only {@code promdr init} should write to a new repository, so callers may check
 * {@link #rootExists()} first. A file system cannot hold both {@code a} and {@code a/b}; promdr's
 * layout never needs that, and such a write fails with an {@link IOException}.
 */
public class FileSystemObjectStore implements ObjectStore {
    /** Name prefix of in-progress writes; never listed. */
    static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public FileSystemObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Whether the root directory exists (a repository that was never initialised has none). */
    public boolean rootExists() {
        return Files.isDirectory(root);
    }

    @Override
    public String location() {
        return "file://" + root;
    }

    @Override
    public PendingObject create(String key) throws IOException {
        return FilePendingObject.open(key, pathOf(key));
    }

    @Override
    public InputStream get(String key) throws IOException {
        Path path = pathOf(key);
        try {
            requireRegularFile(key, path);
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(location(), key);
        }
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length + " for " + key);
        }
        Path path = pathOf(key);
        FileChannel channel;
        try {
            requireRegularFile(key, path);
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(location(), key);
        }
        try {
            long size = channel.size();
            long start = Math.min(offset, size);
            channel.position(start);
            return new LimitedInputStream(Channels.newInputStream(channel), Math.min(length, size - start));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        Path path = pathOf(key);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty(); // missing, a directory, or under a file ("a/b" when "a" is an object)
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted meanwhile
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        String checkedPrefix = ObjectKeys.requireValidPrefix(prefix);
        // Walk only the deepest directory the prefix fully names, then filter by the rest.
        int slash = checkedPrefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(checkedPrefix.substring(0, slash));
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ObjectInfo> result = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(start)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        || path.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    continue;
                }
                String key = keyOf(path);
                // Files that no key can name (e.g. a backslash in a name) were not written by promdr: not objects.
                if (key.startsWith(checkedPrefix) && ObjectKeys.isValid(key)) {
                    stat(key).ifPresent(result::add);
                }
            }
        } catch (NoSuchFileException e) {
            // A directory vanished mid-walk (concurrent delete): what is left is what was listed.
        }
        result.sort(Comparator.comparing(ObjectInfo::key));
        return result;
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = pathOf(key);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return; // missing, or a directory: there is no object under this key
        }
        if (Files.deleteIfExists(path)) {
            removeEmptyParents(path.getParent());
        }
    }

    /** Removes directories left empty by a delete, up to (not including) the root. */
    private void removeEmptyParents(Path directory) {
        for (Path dir = directory; dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return; // still in use (or already gone): stop climbing
            } catch (IOException e) {
                return; // cosmetic only: an empty directory holds no object
            }
        }
    }

    private void requireRegularFile(String key, Path path) {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ObjectNotFoundException(location(), key);
        }
    }

    /** Maps a key to its file, refusing anything that could escape the root. */
    Path pathOf(String key) {
        ObjectKeys.requireValid(key);
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.startsWith(TEMP_PREFIX)) {
            throw new IllegalArgumentException("invalid object key (reserved temp name): " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("invalid object key (outside the store root): " + key);
        }
        return path;
    }

    private String keyOf(Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
