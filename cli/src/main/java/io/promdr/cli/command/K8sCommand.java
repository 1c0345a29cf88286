package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code promdr k8s}: Kubernetes helpers (the lead merges this parent with the one of `k8s render`). */
@Command(name = "k8s", description = "Kubernetes helpers: the RBAC promdr needs.",
        subcommands = {K8sPermissionsCommand.class})
final class K8sCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new PromdrException(ErrorCode.USAGE, "no k8s subcommand given", "run `promdr k8s --help`");
    }
}
