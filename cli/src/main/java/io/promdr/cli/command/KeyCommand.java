package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code promdr key}: the parent of the encryption key commands. */
@Command(name = "key", description = "Encryption keys of encrypted repositories (docs/repository-format.md#encryption).",
        subcommands = {KeyGenerateCommand.class})
final class KeyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new PromdrException(ErrorCode.USAGE, "no key command given", "run `promdr key --help` for the subcommands");
    }
}
