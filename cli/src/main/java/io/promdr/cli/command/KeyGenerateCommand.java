package io.promdr.cli.command;

import io.promdr.core.crypto.EncryptionKey;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code promdr key generate}: a new random 256-bit key, as base64, into a file readable by its
 * owner only (created, never replaced without --force), or on stdout for a secret store.
 */
@Command(name = "generate",
        description = {"Generate a random 256-bit repository encryption key (base64).",
                "Written to --output (mode 0600, never replacing a file without --force), else printed on stdout."})
final class KeyGenerateCommand extends NestedSubcommand {

    @Option(names = "--output", paramLabel = "FILE", description = "Write the key to FILE (mode 0600) instead of stdout.")
    Path output;

    @Option(names = "--force", description = "Replace an existing --output file.")
    boolean force;

    @Override
    void run() throws IOException {
        EncryptionKey key = EncryptionKey.generate();
        if (output == null) {
            out().println(key.toBase64());
            out().flush();
            return;
        }
        write(output, (key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII));
        if (!root().quiet()) {
            out().println("wrote a new encryption key to " + output + ": keep a copy apart from the repository");
            out().flush();
        }
    }

    private void write(Path file, byte[] content) throws IOException {
        try {
            if (force) {
                Files.deleteIfExists(file);
            }
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Created with owner-only permissions: the key is never readable by others, not even for a moment.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new PromdrException(ErrorCode.OUTPUT_DIR_INVALID, "key file " + file + " exists already",
                    "choose another --output, or pass --force to replace it (the key in it is lost then)");
        } catch (IOException e) {
            throw new PromdrException(ErrorCode.OUTPUT_DIR_INVALID, "cannot write key file " + file + ": "
                    + e.getClass().getSimpleName(), "check the directory exists and is writable");
        }
    }
}
