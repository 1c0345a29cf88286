package io.promdr.restore.verify;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * What {@code verify} checked and found (docs/cli.md, "verify -o json").
 *
 * @param result       passed when no problem was found, else failed
 * @param readData     null when only existence and sizes were checked, else the subset read, e.g. {@code 1/1} or {@code 2/7}
 * @param backups      every backup checked, oldest first
 * @param objects      distinct block objects checked (shared blocks count once)
 * @param objectsRead  of those, how many were downloaded and checked byte for byte
 * @param bytesRead    bytes downloaded
 * @param problems     everything found wrong
 */
public record VerifyReport(String result, String readData, List<BackupVerification> backups, int objects, int objectsRead,
                           long bytesRead, List<VerifyProblem> problems) {
    public VerifyReport {
        backups = List.copyOf(backups);
        problems = List.copyOf(problems);
    }

    @JsonIgnore
    public boolean passed() {
        return problems.isEmpty();
    }
}
