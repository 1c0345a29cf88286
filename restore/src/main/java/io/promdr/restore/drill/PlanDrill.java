package io.promdr.restore.drill;

import io.promdr.core.model.Manifest;
import io.promdr.restore.ReadOnlyRepositories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Phase 1: finds the Prometheus binary, resolves the backup and creates the scratch directory,
 * so that a drill that cannot run fails before it downloads anything.
 */
final class PlanDrill implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(PlanDrill.class);

    private final ReadOnlyRepositories repositories;
    private final String pathVariable;

    PlanDrill(ReadOnlyRepositories repositories, String pathVariable) {
        this.repositories = repositories;
        this.pathVariable = pathVariable;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        DrillJobContext context = DrillJobContext.of(chunkContext);
        DrillRequest request = context.request();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path prometheus = PrometheusBinary.locate(request.prometheusBinary(), pathVariable);
        Manifest manifest = repositories.withRepository(repository -> repository.resolve(request.backup(), request.source()));
        context.started(startedAt, manifest, prometheus);
        for (Path removed : ScratchDirectory.removeAbandoned(request.scratchParent())) {
            log.warn("Removed scratch directory {} left by an interrupted drill (its process died without removing it)", removed);
        }
        Path scratch = ScratchDirectory.create(request.scratchParent(), manifest.backupId(), manifest.totalFilesSize());
        context.scratchDir(scratch);
        log.info("Drill of backup {} ({} blocks) in {}, query check with {}", manifest.backupId(), manifest.blocks().size(),
                scratch, prometheus);
        return RepeatStatus.FINISHED;
    }
}
