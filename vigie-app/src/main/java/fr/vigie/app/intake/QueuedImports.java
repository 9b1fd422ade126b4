package fr.vigie.app.intake;

import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Runs the imports {@link ReportImport#queue} registered; the spooled file is deleted once its
 * import has run to the end, so a retry after a crash still finds it.
 */
@Component
class QueuedImports implements JobHandler<QueuedImport> {

  private final ReportImport importer;

  QueuedImports(ReportImport importer) {
    this.importer = importer;
  }

  @Override
  public JobKind<QueuedImport> kind() {
    return ReportImport.JOB_KIND;
  }

  @Override
  public void run(QueuedImport queued) throws Exception {
    Path file = Path.of(queued.file());
    importer.runQueued(queued.importJobId(), file);
    Files.deleteIfExists(file);
  }
}
