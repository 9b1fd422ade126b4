package fr.vigie.app.intake;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Runs the imports {@link ReportImport#queue} registered; the spooled file is deleted once its
 * import has run to the end, so a retry after a crash still finds it.
 */
@Component
class QueuedImports implements JobHandler {

  private final ReportImport importer;

  QueuedImports(ReportImport importer) {
    this.importer = importer;
  }

  @Override
  public String kind() {
    return ReportImport.JOB_KIND;
  }

  @Override
  public void run(Job job) throws Exception {
    int tab = job.payload().indexOf('\t');
    long importJobId = Long.parseLong(job.payload().substring(0, tab));
    Path file = Path.of(job.payload().substring(tab + 1));
    importer.runQueued(importJobId, file);
    Files.deleteIfExists(file);
  }
}
