package io.promdr.cli.command;

import io.promdr.cli.help.ManPages;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code promdr man --dir DIR}: writes the man pages (section 1) of promdr and every command. */
@Command(name = "man", sortOptions = false,
        description = {"Write man pages (troff, section 1) for promdr and each command into DIR.",
                "Generated from the command definitions: the same options, descriptions, examples and exit codes as --help.",
                "Refuses to replace an existing page unless --force."})
final class ManCommand extends PromdrSubcommand {

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Where to write promdr.1, promdr-backup.1, ...")
    Path dir;

    @Option(names = "--force", description = "Replace pages that exist already.")
    boolean force;

    @Override
    void run() throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(target) || !Files.isWritable(target)) {
            throw new PromdrException(ErrorCode.OUTPUT_DIR_INVALID, target + " is not a writable directory",
                    "create it first, or give another --dir");
        }
        ManPages pages = new ManPages(spec.root(), spec.root().version().length == 0 ? "" : spec.root().version()[0]);
        List<ManPages.Page> all = pages.all();
        if (!force) {
            for (ManPages.Page page : all) {
                if (Files.exists(target.resolve(page.fileName()))) {
                    throw new PromdrException(ErrorCode.OUTPUT_DIR_INVALID, target.resolve(page.fileName()) + " exists",
                            "pass --force to replace the pages, or give another --dir");
                }
            }
        }
        for (ManPages.Page page : all) {
            Files.writeString(target.resolve(page.fileName()), page.troff());
        }
        say("wrote " + all.size() + " man pages into " + target + " (" + all.get(0).fileName() + ", ...); read one with: man -l "
                + target.resolve(all.get(0).fileName()));
    }
}
