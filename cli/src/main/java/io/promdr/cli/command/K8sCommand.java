package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code promdr k8s}: the parent of the Kubernetes subcommands. */
@Command(name = "k8s", description = "Kubernetes manifests, checks and the RBAC promdr needs.",
        subcommands = {K8sRenderCommand.class, K8sPermissionsCommand.class})
final class K8sCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new PromdrException(ErrorCode.USAGE, "no k8s command given", "run `promdr k8s --help` for the subcommands");
    }
}
