package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryLayout;

/** The {@code --source} filter of list, show and restore: null means every source. */
final class SourceOption {
    private SourceOption() {
    }

    static String validated(String source) {
        if (source != null && !RepositoryLayout.isValidSourceName(source)) {
            throw new PromdrException(ErrorCode.USAGE, "--source \"" + source + "\" is not a valid source name",
                    "use 1-63 lower-case letters, digits, '.', '_' or '-' (see `promdr list`)");
        }
        return source;
    }
}
