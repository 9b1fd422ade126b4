package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.AttributeAllEvents;
import fr.vigie.app.attribution.AttributeImportRun;
import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two attribution jobs the worker runs: one import run's events, and all events. */
@Configuration
class AttributionJobs {

  @Bean
  JobHandler<AttributeImportRun> attributeImportJob(Attribution attribution) {
    return new JobHandler<>() {
      @Override
      public JobKind<AttributeImportRun> kind() {
        return Attribution.IMPORT_KIND;
      }

      @Override
      public void run(AttributeImportRun run) {
        attribution.attributeImport(run.importJobId());
      }
    };
  }

  @Bean
  JobHandler<AttributeAllEvents> attributeAllJob(Attribution attribution) {
    return new JobHandler<>() {
      @Override
      public JobKind<AttributeAllEvents> kind() {
        return Attribution.ALL_KIND;
      }

      @Override
      public void run(AttributeAllEvents everything) {
        attribution.attributeAll();
      }
    };
  }
}
