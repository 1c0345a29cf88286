package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.output.JsonOutput;
import io.promdr.cli.progress.Progress;
import io.promdr.cli.output.VerifyReportView;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.restore.verify.DataSubset;
import io.promdr.restore.verify.VerifyProblem;
import io.promdr.restore.verify.VerifyReport;
import io.promdr.restore.verify.VerifyRequest;
import io.promdr.restore.verify.VerifyService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promdr verify}: are the block objects of a backup (or of all) in the repository, intact? */
@Command(name = "verify", sortOptions = false,
        description = {"Check that the objects of a backup, or of all backups, are in the repository.",
                "By default only their presence and sizes (cheap); --read-data downloads and checks every byte,",
                "--read-data-subset n/t a fixed 1/t of the objects, so that t runs check everything. Exits 33 on a problem."})
final class VerifyCommand extends PromdrSubcommand {

    @Parameters(index = "0", paramLabel = "BACKUP",
            description = "Backup id, a unique prefix of one, \"latest\", or \"all\" for every backup.")
    String backup;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source's backups (and its \"latest\").")
    String source;

    @ArgGroup(exclusive = true)
    ReadData readData;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, or json (schema in docs/cli.md). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    static final class ReadData {
        @Option(names = "--read-data", description = "Download every object and check its SHA-256 and every file's.")
        boolean all;

        @Option(names = "--read-data-subset", paramLabel = "n/t",
                description = "Download and check only subset n of t (the same objects on every run).")
        String subset;

        DataSubset toSubset() {
            return all ? DataSubset.ALL : DataSubset.parse(subset);
        }
    }

    @Override
    void run() throws Exception {
        VerifyRequest request = new VerifyRequest(backup, SourceOption.validated(source),
                readData == null ? null : readData.toSubset());
        VerifyReport report;
        try (Progress.ProgressListenerHandle progress = progress("verify");
             OpenRepository open = OpenRepository.readOnly(root.settings(PromdrConfig.empty()), progress.listener())) {
            report = new VerifyService().verify(open.repository(), request);
        }
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), report);
        } else {
            new VerifyReportView().print(report, out());
        }
        if (!report.passed()) {
            VerifyProblem first = report.problems().get(0);
            throw new PromdrException(ErrorCode.VERIFY_FAILED, "verify found " + report.problems().size()
                    + " problem(s), first: " + first.problem() + (first.key() == null ? "" : " of " + first.key()),
                    "see docs/runbooks/restore-drill.md (verify); drill or restore another backup meanwhile");
        }
    }
}
