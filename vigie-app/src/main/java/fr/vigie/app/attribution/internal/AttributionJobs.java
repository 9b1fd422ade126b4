package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two attribution jobs the worker runs: one import run's events, and all events. */
@Configuration
class AttributionJobs {

  @Bean
  JobHandler attributeImportJob(Attribution attribution) {
    return new JobHandler() {
      @Override
      public String kind() {
        return Attribution.IMPORT_KIND;
      }

      @Override
      public void run(Job job) {
        attribution.attributeImport(Long.parseLong(job.payload().strip()));
      }
    };
  }

  @Bean
  JobHandler attributeAllJob(Attribution attribution) {
    return new JobHandler() {
      @Override
      public String kind() {
        return Attribution.ALL_KIND;
      }

      @Override
      public void run(Job job) {
        attribution.attributeAll();
      }
    };
  }
}
